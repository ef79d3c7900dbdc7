"""An Elphapex DG1+ in Home Assistant: found by the config flow (by address and by a scan),
added with its default digest login (root / root), its Scrypt rates shown in GH/s (no
efficiency: the firmware reports no power), and controlled from Home Assistant (fault
light, mining, reboot). Simulated miners on 127.0.107.40-59."""

from __future__ import annotations

from collections.abc import Generator

import pytest
from homeassistant.const import STATE_ON
from homeassistant.core import HomeAssistant

from tests.simulator.elphapex import ElphapexSim

from .conftest import SimFactory
from .family_steps import Added, add_from_a_scan, assert_added, network_adapters
from .flows import add_by_address

HOST = "127.0.107.40"
TITLE = "Elphapex DG1+"
DEFAULT_LOGIN = ("root", "root")
MINING = {0: True, 1: False}  # fc-work-mode: 0 mines, 1 sleeps


@pytest.fixture(autouse=True)
def no_adapters() -> Generator[None]:
    with network_adapters():
        yield


@pytest.fixture
async def dg1(start_sim: SimFactory) -> ElphapexSim:
    sim = await start_sim("elphapex-dg1plus", HOST)
    assert isinstance(sim, ElphapexSim)
    return sim


async def _added(hass: HomeAssistant, sim: ElphapexSim) -> Added[ElphapexSim]:
    return Added(sim, await add_by_address(hass, HOST))


async def test_added_by_address_with_the_default_login(
    hass: HomeAssistant, dg1: ElphapexSim
) -> None:
    assert_added(await add_by_address(hass, HOST), dg1, TITLE, DEFAULT_LOGIN)


async def test_found_by_a_scan(hass: HomeAssistant, dg1: ElphapexSim) -> None:
    await add_from_a_scan(hass, dg1, TITLE, login=DEFAULT_LOGIN)


async def test_rates_in_gh_per_second(
    hass: HomeAssistant, dg1: ElphapexSim, entity_registry_enabled_by_default: None
) -> None:
    added = await _added(hass, dg1)
    board_mhs = dg1.spec.board_ideal_mhs * 0.998
    hashrate = added.rate(hass, "hashrate", "GH/s")
    assert hashrate == pytest.approx(board_mhs * 4 / 1000, rel=0.01)  # ~14.2
    board = added.rate(hass, "board_0_hashrate", "GH/s")
    assert board == pytest.approx(board_mhs / 1000, rel=0.01)
    # No power reading in any reply (pyasic's ElphapexMiner has none): no J/MH efficiency.
    added.assert_none_of(hass, ("sensor", "power"), ("sensor", "efficiency"))
    assert added.state(hass, "sensor", "active_pool").state == dg1.state.pools[0]["url"]
    assert added.state(hass, "binary_sensor", "mining").state == STATE_ON


async def test_fault_light_and_mining_from_their_switches(
    hass: HomeAssistant, dg1: ElphapexSim
) -> None:
    added = await _added(hass, dg1)
    await added.switch(hass, "fault_light", lambda sim: sim.state.blinking)
    await added.switch(hass, "mining", lambda sim: MINING.get(sim.state.conf["fc-work-mode"]))


async def test_reboot_from_its_button(hass: HomeAssistant, dg1: ElphapexSim) -> None:
    added = await _added(hass, dg1)
    await added.call(hass, "button", "press", "reboot")
    assert ("GET", "/cgi-bin/reboot.cgi") in dg1.state.received
