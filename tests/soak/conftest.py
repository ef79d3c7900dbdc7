"""The soak's fleet process, after making room for its file descriptors; its stores written
as Home Assistant writes them, keeping nothing."""

from __future__ import annotations

import os
from collections.abc import Generator
from typing import Any
from unittest.mock import patch

import pytest
from homeassistant.helpers import storage
from homeassistant.helpers.json import json_bytes

from .fleet import raise_fd_limit
from .remote import RemoteFleet

MINERS = int(os.environ.get("SOAK_MINERS", "500"))
# Open files per miner, the larger side (the fleet: up to four listeners per miner and
# their connections), with room for the rest of the process.
FDS_PER_MINER = 8
FDS_SPARE = 1024


@pytest.fixture
def soak_fleet() -> Generator[RemoteFleet]:
    limit = raise_fd_limit()  # inherited by the fleet's process
    needed = MINERS * FDS_PER_MINER + FDS_SPARE
    if limit < needed:
        pytest.skip(f"the soak needs {needed} open files ({MINERS} miners), the limit is {limit}")
    fleet = RemoteFleet(MINERS)
    try:
        yield fleet
    finally:
        fleet.kill()  # the test stops it gently; this is for a test that failed early


@pytest.fixture
def stores_as_on_disk(hass_storage: dict[str, Any]) -> Generator[None]:
    """Store writes serialised as Home Assistant serialises them for its files, then
    dropped. The test harness's stand-in (``hass_storage``) parses every write back into a
    copy it keeps: with 500 entries the entity registry (20,000 entities) costs 30 to 60
    MiB of resident memory each time it is saved, a step in the soak's memory that no real
    Home Assistant takes (it writes the bytes to a file)."""

    async def write(store: storage.Store[Any], data: dict[str, Any]) -> None:
        if "data_func" in data:
            data["data"] = data.pop("data_func")()
        json_bytes(data)

    with patch.object(storage.Store, "_async_write_data", write):
        yield
