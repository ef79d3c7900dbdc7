"""One simulated miner of each supported family, set up in Home Assistant.

The entity, action and diagnostics tests use the loopback addresses 127.0.12.x (Antminers)
and 127.0.13.x (Whatsminers), so they can run alongside tests on other addresses.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Final

from freezegun.api import FrozenDateTimeFactory
from homeassistant.const import Platform
from homeassistant.core import HomeAssistant
from homeassistant.helpers import device_registry as dr
from pytest_homeassistant_custom_component.common import MockConfigEntry, async_fire_time_changed

from custom_components.asic_miner.const import DOMAIN, SCAN_INTERVAL
from tests.simulator import SimulatedMiner

from .conftest import (
    WHATSMINER_PASSWORD,
    SimFactory,
    entry_for,
    setup_entry,
    start_whatsminer,
    whatsminer_entry_for,
)


@dataclass(frozen=True)
class Family:
    """A simulated model standing for one family of firmware."""

    model: str  # simulator model key
    host: str
    prefix: str  # object id prefix of its entities: "antminer_s19_pro"

    @property
    def whatsminer(self) -> bool:
        return self.model.startswith("whatsminer")


# Antminer modern (X19), Antminer old (S9), Whatsminer API V2 (M50S, M56S hydro), V3 (M60S).
S19PRO: Final = Family("antminer-s19pro", "127.0.12.10", "antminer_s19_pro")
S9: Final = Family("antminer-s9", "127.0.12.11", "antminer_s9")
M50S: Final = Family("whatsminer-m50s", "127.0.13.10", "whatsminer_m50s")
M60S: Final = Family("whatsminer-m60s", "127.0.13.11", "whatsminer_m60s")
M56S: Final = Family("whatsminer-m56s", "127.0.13.12", "whatsminer_m56s")
FAMILIES: Final = {"s19pro": S19PRO, "s9": S9, "m50s": M50S, "m60s": M60S}


@dataclass
class SetUpMiner:
    family: Family
    sim: SimulatedMiner
    entry: MockConfigEntry

    def entity(self, domain: str, key: str) -> str:
        return f"{domain}.{self.family.prefix}_{key}"

    def device(self, hass: HomeAssistant) -> dr.DeviceEntry:
        device = dr.async_get(hass).async_get_device_by_identifier(
            (DOMAIN, self.entry.unique_id or ""), self.entry.entry_id
        )
        assert device is not None
        return device


async def start_family(start_sim: SimFactory, family: Family) -> SimulatedMiner:
    """The simulated miner, writes enabled where the firmware has a switch for them."""
    if family.whatsminer:
        return await start_whatsminer(
            start_sim, family.model, family.host, password=WHATSMINER_PASSWORD, write_api=True
        )
    return await start_sim(family.model, family.host)


def entry_for_family(sim: SimulatedMiner, family: Family) -> MockConfigEntry:
    if family.whatsminer:
        username = "super" if (sim.api_version or 0) >= 3 else "admin"
        return whatsminer_entry_for(sim, family.host, username=username)
    return entry_for(sim, family.host)


async def set_up_family(
    hass: HomeAssistant,
    start_sim: SimFactory,
    family: Family,
    platforms: list[Platform] | None = None,
    options: dict[str, object] | None = None,
) -> SetUpMiner:
    sim = await start_family(start_sim, family)
    entry = entry_for_family(sim, family)
    if options is not None:
        entry = MockConfigEntry(
            domain=entry.domain,
            title=entry.title,
            unique_id=entry.unique_id,
            data=dict(entry.data),
            options=options,
        )
    await setup_entry(hass, entry, platforms)
    return SetUpMiner(family, sim, entry)


async def poll(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, after: timedelta = SCAN_INTERVAL
) -> None:
    """Let ``after`` pass: the coordinator polls the miner, and everything settles."""
    freezer.tick(after)
    async_fire_time_changed(hass)
    await hass.async_block_till_done(wait_background_tasks=True)
