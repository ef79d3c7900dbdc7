"""The soak's fleet process, after making room for its file descriptors."""

from __future__ import annotations

import os
from collections.abc import Generator

import pytest

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
