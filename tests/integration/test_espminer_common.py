"""What the ESP-Miner Home Assistant tests share: the simulated models, an entry as the
config flow makes it, and a count of the requests Home Assistant sends. No tests here.

Addresses: 127.0.47.x (entities, controls, availability) and 127.0.48.x (config flows).
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Final

from homeassistant.const import CONF_HOST, Platform
from homeassistant.core import HomeAssistant
from homeassistant.helpers import device_registry as dr
from homeassistant.helpers.aiohttp_client import async_get_clientsession
from homeassistant.helpers.device_registry import format_mac
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.asic_miner.const import DOMAIN
from tests.driver.request_counting import Counts, trace_config
from tests.simulator.espminer import EspMinerSim

from .conftest import UPTIME, SimFactory, setup_entry


@dataclass(frozen=True)
class EspModel:
    """A simulated ESP-Miner build and how Home Assistant names it."""

    key: str  # simulator model key
    title: str  # the entry title the config flow gives it (make and model)
    prefix: str  # object id prefix of its entities


# AxeOS v2.15 (pause/resume, identify, mDNS), v2.12 (identify, no pause), v2.4 (no asic
# endpoint, no target temperature, no identify); NerdOS (no pause, no identify, live pools).
GAMMA: Final = EspModel("espminer-bitaxe-gamma", "Bitaxe Gamma", "bitaxe_gamma")
GAMMA_212: Final = EspModel("espminer-bitaxe-gamma-2.12", "Bitaxe Gamma", "bitaxe_gamma")
SUPRA: Final = EspModel("espminer-bitaxe-supra-2.4", "Bitaxe Supra", "bitaxe_supra")
NERDQAXE: Final = EspModel("espminer-nerdqaxe-pp", "NerdAxe NerdQAxe++", "nerdaxe_nerdqaxe")


@dataclass
class SetUpEsp:
    model: EspModel
    sim: EspMinerSim
    entry: MockConfigEntry

    def entity(self, domain: str, key: str) -> str:
        return f"{domain}.{self.model.prefix}_{key}"

    def device_id(self, hass: HomeAssistant) -> str:
        device = dr.async_get(hass).async_get_device_by_identifier(
            (DOMAIN, self.entry.unique_id or ""), self.entry.entry_id
        )
        assert device is not None
        return device.id


def esp_entry(sim: EspMinerSim, model: EspModel) -> MockConfigEntry:
    """The entry the config flow makes for an ESP-Miner: its address, no login."""
    return MockConfigEntry(
        domain=DOMAIN,
        title=model.title,
        unique_id=format_mac(sim.mac),
        data={CONF_HOST: sim.address},
    )


async def start_esp(start_sim: SimFactory, model: EspModel, host: str) -> EspMinerSim:
    sim = await start_sim(model.key, host)
    assert isinstance(sim, EspMinerSim)
    return sim


async def set_up_esp(
    hass: HomeAssistant,
    start_sim: SimFactory,
    model: EspModel,
    host: str,
    platforms: list[Platform] | None = None,
) -> SetUpEsp:
    sim = await start_esp(start_sim, model, host)
    # The uptime reads one whole number of seconds for the next 0.99 s: stable snapshots.
    sim.state.booted_at = time.monotonic() - UPTIME - 0.01
    entry = await setup_entry(hass, esp_entry(sim, model), platforms)
    return SetUpEsp(model, sim, entry)


def count_requests(hass: HomeAssistant) -> Counts:
    """Count the HTTP requests Home Assistant's shared session sends from now on (the one
    the coordinator hands the driver)."""
    counts = Counts()
    trace = trace_config(counts)
    trace.freeze()
    async_get_clientsession(hass).trace_configs.append(trace)
    return counts


async def wait_until(condition: Callable[[], bool], seconds: float = 5.0) -> None:
    """The simulator restarts shortly after answering, as the firmware does."""
    async with asyncio.timeout(seconds):
        while not condition():  # noqa: ASYNC110  (no event to wait on)
            await asyncio.sleep(0.05)
