"""Config entries for the soak fleet, and their coordinators polled back to back."""

from __future__ import annotations

import asyncio
import logging
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Self

from homeassistant.config_entries import ConfigEntryState
from homeassistant.const import CONF_HOST, CONF_PASSWORD, CONF_USERNAME
from homeassistant.core import HomeAssistant
from homeassistant.helpers.device_registry import format_mac
from homeassistant.setup import async_setup_component
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.asic_miner import PLATFORMS
from custom_components.asic_miner.const import CONF_SCAN_INTERVAL, CONF_SSH_HOST_KEY, DOMAIN
from custom_components.asic_miner.coordinator import AsicMinerCoordinator

# A poll at most this often per miner: back to back for a miner that answers, and no busy
# loop of refused connections for one that is away.
POLL_PERIOD = 1.0


async def load_integration(hass: HomeAssistant) -> None:
    """The integration and its platforms, before any entry (one-off costs)."""
    assert await async_setup_component(hass, DOMAIN, {})
    for platform in PLATFORMS:
        assert await async_setup_component(hass, platform, {})
    await hass.async_block_till_done()


def entry_for(miner: dict[str, Any]) -> MockConfigEntry:
    """The entry the config flow makes for a miner of the fleet (the login only where the
    miner has one, and the SSH host key it trusted on first use where it records one),
    polled by hand: no scheduled poll (as the benchmark's entries)."""
    data = {CONF_HOST: miner["host"]}
    if miner["password"] is not None:
        data |= {CONF_USERNAME: miner["username"], CONF_PASSWORD: miner["password"]}
    if miner.get("ssh_host_key"):
        data[CONF_SSH_HOST_KEY] = miner["ssh_host_key"]
    return MockConfigEntry(
        domain=DOMAIN,
        title=miner["title"],
        unique_id=format_mac(miner["mac"]),
        data=data,
        options={CONF_SCAN_INTERVAL: 3600},
    )


async def set_up(hass: HomeAssistant, miners: list[dict[str, Any]]) -> list[MockConfigEntry]:
    entries = [entry_for(miner) for miner in miners]
    for entry in entries:
        entry.add_to_hass(hass)
    await asyncio.gather(*(hass.config_entries.async_setup(e.entry_id) for e in entries))
    await hass.async_block_till_done()
    # Home Assistant tries a setup that timed out again later; so do we, at once, twice (a
    # loaded CI machine took over the fault test's 1 s timeout for a BOSminer's SSH setup).
    for _ in range(2):
        retry = [e for e in entries if e.state is ConfigEntryState.SETUP_RETRY]
        await asyncio.gather(*(hass.config_entries.async_reload(e.entry_id) for e in retry))
        await hass.async_block_till_done()
    not_loaded = [e.data[CONF_HOST] for e in entries if e.state is not ConfigEntryState.LOADED]
    assert not not_loaded, f"entries not set up: {not_loaded}"
    return entries


@dataclass
class Pollers:
    """One task per coordinator, polling until ``stop`` is set; counts what happened."""

    coordinators: list[AsicMinerCoordinator]
    stop: asyncio.Event = field(default_factory=asyncio.Event)
    polls: int = 0
    failed: int = 0
    recoveries: int = 0  # a poll that succeeded after one that failed

    async def _poll(self, coordinator: AsicMinerCoordinator) -> None:
        loop = asyncio.get_running_loop()
        succeeded = True
        while not self.stop.is_set():
            started = loop.time()
            await coordinator.async_refresh()
            self.polls += 1
            if not coordinator.last_update_success:
                self.failed += 1
            elif not succeeded:
                self.recoveries += 1
            succeeded = coordinator.last_update_success
            await asyncio.sleep(max(0.0, started + POLL_PERIOD - loop.time()))

    async def run(self) -> None:
        await asyncio.gather(*(self._poll(c) for c in self.coordinators))


class QuietLogs(logging.Filter):
    """Counts the log records of the soak by logger and level, and keeps none: pytest's
    log capture would grow with every failed poll and look like a leak."""

    def __init__(self) -> None:
        super().__init__()
        self.counts: Counter[str] = Counter()
        self._last: logging.LogRecord | None = None

    def filter(self, record: logging.LogRecord) -> bool:
        if record is not self._last:  # once, whichever handler sees it first
            self._last = record
            self.counts[f"{record.name} {record.levelname}"] += 1
        return False

    def __enter__(self) -> Self:
        for handler in logging.getLogger().handlers:
            handler.addFilter(self)
        return self

    def __exit__(self, *exc: object) -> None:
        for handler in logging.getLogger().handlers:
            handler.removeFilter(self)
