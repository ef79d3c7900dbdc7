"""Concurrency in Home Assistant: two actions on one miner at once, an action during a
poll, and unloading the entry while a poll waits for the miner.

Simulated miners on 127.0.20.100-199, one per family.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import timedelta

import pytest
from homeassistant.config_entries import ConfigEntryState
from homeassistant.const import STATE_OFF, STATE_ON, STATE_UNAVAILABLE
from homeassistant.core import HomeAssistant
from homeassistant.helpers import device_registry as dr
from homeassistant.util import dt as dt_util
from pytest_homeassistant_custom_component.common import MockConfigEntry, async_fire_time_changed

from custom_components.asic_miner.const import DOMAIN
from tests.integration.conftest import (
    entry_for,
    setup_entry,
    tolerate_accepts_during_close,
    whatsminer_entry_for,
)
from tests.simulator import Fault, SimulatedMiner

from .conftest import PASSWORD, start_simulator

pytestmark = pytest.mark.usefixtures("enable_custom_integrations")

PAUSE = 0.05  # s every answer of the miner takes in the action tests
HELD = 1.5  # s a held poll waits for the miner
HOSTS = {
    "antminer-s19pro": ("127.0.20.110", "antminer_s19_pro"),
    "antminer-s9": ("127.0.20.111", "antminer_s9"),
    "whatsminer-m50s": ("127.0.20.112", "whatsminer_m50s"),
    "whatsminer-m60s": ("127.0.20.113", "whatsminer_m60s"),
}
NEW_POOL = "stratum+tcp://new.pool.invalid:3333"


@dataclass
class Loaded:
    sim: SimulatedMiner
    entry: MockConfigEntry
    prefix: str

    def entity(self, domain: str, key: str) -> str:
        return f"{domain}.{self.prefix}_{key}"


@pytest.fixture
async def loaded(hass: HomeAssistant, request: pytest.FixtureRequest) -> AsyncIterator[Loaded]:
    """The family's simulated miner, set up in Home Assistant (``indirect`` model)."""
    model: str = request.param
    host, prefix = HOSTS[model]
    tolerate_accepts_during_close()
    sim = await start_simulator(model, host)
    if model.startswith("whatsminer"):
        username = "super" if sim.api_version == 3 else "admin"
        entry = whatsminer_entry_for(sim, host, username=username, password=PASSWORD)
    else:
        entry = entry_for(sim, host, password=PASSWORD)
    await setup_entry(hass, entry)
    yield Loaded(sim, entry, prefix)
    if entry.state is ConfigEntryState.LOADED:
        await hass.config_entries.async_unload(entry.entry_id)
    await hass.async_block_till_done()
    await sim.stop()


def _device_id(hass: HomeAssistant, loaded: Loaded) -> str:
    device = dr.async_get(hass).async_get_device_by_identifier(
        (DOMAIN, loaded.entry.unique_id or ""), loaded.entry.entry_id
    )
    assert device is not None
    return device.id


def _second_switch(loaded: Loaded) -> tuple[str, str]:
    """(entity, state after turning it off): mining where the firmware can stop, else the
    fault light (turned on first)."""
    if loaded.sim.model == "antminer-s9":
        return loaded.entity("switch", "fault_light"), STATE_OFF
    return loaded.entity("switch", "mining"), STATE_OFF


@pytest.mark.parametrize("loaded", list(HOSTS), indirect=True)
async def test_two_actions_at_once_are_serialised(hass: HomeAssistant, loaded: Loaded) -> None:
    """Pools set while a switch is turned off: both changes hold, one write at a time."""
    switch, off = _second_switch(loaded)
    if loaded.sim.model == "antminer-s9":
        await hass.services.async_call("switch", "turn_on", {"entity_id": switch}, blocking=True)
    loaded.sim.state.requests.clear()
    loaded.sim.set_fault(Fault.DELAY, seconds=PAUSE)

    await asyncio.gather(
        hass.services.async_call(
            DOMAIN,
            "set_pools",
            {
                "device_id": _device_id(hass, loaded),
                "pools": [{"url": NEW_POOL, "username": "new.worker"}],
            },
            blocking=True,
        ),
        hass.services.async_call("switch", "turn_off", {"entity_id": switch}, blocking=True),
    )
    await hass.async_block_till_done()

    state = loaded.sim.state
    assert state.pools[0]["url"] == NEW_POOL
    if loaded.sim.model == "antminer-s9":
        assert state.fault_light is False
    else:
        assert state.mining is False
    assert state.requests.max_writes_in_flight() == 1
    assert hass.states.get(switch).state == off  # type: ignore[union-attr]


@pytest.mark.parametrize("loaded", list(HOSTS), indirect=True)
async def test_an_action_during_a_poll_leaves_consistent_entities(
    hass: HomeAssistant, loaded: Loaded
) -> None:
    """The fault light switched on while the coordinator reads the miner: the entities end
    showing the light on, and every entity is available."""
    coordinator = loaded.entry.runtime_data
    light = loaded.entity("switch", "fault_light")
    loaded.sim.set_fault(Fault.DELAY, seconds=PAUSE)
    for _ in range(3):
        for service, expected in (("turn_on", STATE_ON), ("turn_off", STATE_OFF)):
            await asyncio.gather(
                coordinator.async_refresh(),
                hass.services.async_call("switch", service, {"entity_id": light}, blocking=True),
            )
            await hass.async_block_till_done()
            assert hass.states.get(light).state == expected  # type: ignore[union-attr]
            assert loaded.sim.state.fault_light is (expected == STATE_ON)
    states = hass.states.async_all()
    ours = [s for s in states if s.entity_id.split(".", 1)[1].startswith(loaded.prefix)]
    assert ours
    assert not [s.entity_id for s in ours if s.state == STATE_UNAVAILABLE]


def _open_connections(sim: SimulatedMiner) -> int:
    """Connections the simulated miner has open (RPC, API V3), and web connections with a
    request under way (idle ones are Home Assistant's shared pool, not the entry's)."""
    count = len(sim._rpc._writers)
    web = getattr(sim, "_web", None)  # Antminer
    runner = web._runner if web is not None else None
    if runner is not None and runner.server is not None:
        count += sum(1 for c in runner.server.connections if c._current_request is not None)
    v3 = getattr(sim, "_v3", None)
    if v3 is not None:
        count += v3.clients
    return count


def _our_tasks() -> list[asyncio.Task[object]]:
    """Unfinished tasks running the integration's or the driver's code."""
    return [
        task
        for task in asyncio.all_tasks()
        if not task.done()
        and any("custom_components/asic_miner" in f.f_code.co_filename for f in task.get_stack())
    ]


async def _poll_in_flight(sim: SimulatedMiner) -> None:
    async with asyncio.timeout(HELD):
        while not _open_connections(sim):  # noqa: ASYNC110 (the simulator has no event)
            await asyncio.sleep(0.01)


@pytest.mark.parametrize("how", ["scheduled", "requested"])
@pytest.mark.parametrize("loaded", list(HOSTS), indirect=True)
async def test_unload_during_a_poll(hass: HomeAssistant, loaded: Loaded, how: str) -> None:
    """Unloading while the miner holds a poll is quick and leaves nothing running or open;
    the entry loads again afterwards."""
    entry, sim = loaded.entry, loaded.sim
    await asyncio.sleep(0.2)  # the setup's connections close
    sim.set_fault(Fault.DELAY, seconds=HELD)
    if how == "scheduled":
        async_fire_time_changed(hass, dt_util.utcnow() + timedelta(seconds=30))
    else:  # as an action refreshes after its control
        refresh = hass.async_create_task(entry.runtime_data.async_refresh())
    await _poll_in_flight(sim)

    started = time.monotonic()
    assert await hass.config_entries.async_unload(entry.entry_id)
    assert time.monotonic() - started < 0.5
    if how == "requested":
        await asyncio.wait_for(refresh, 0.1)  # ended by the unload, not by the miner
    assert not _our_tasks()
    await asyncio.sleep(HELD + 0.3)  # the miner answers the requests it held
    assert not _our_tasks()
    assert _open_connections(sim) == 0

    sim.clear_faults()
    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()
    assert entry.state is ConfigEntryState.LOADED
    assert hass.states.get(loaded.entity("switch", "fault_light")).state == STATE_OFF  # type: ignore[union-attr]
