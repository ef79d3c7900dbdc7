"""An MSKMiner S19-88 in Home Assistant: found by the config flow (by address and by a
scan), added with its default web login (admin / root), read (hashrate, boards, fans,
power, the pool in use) and offered no control it lacks. Simulated miners on
127.0.102.100-119."""

from __future__ import annotations

from collections.abc import Generator

import pytest
from homeassistant.const import STATE_ON
from homeassistant.core import HomeAssistant

from custom_components.asic_miner.driver import NumberKey
from tests.simulator.mskminer import MskSim, captures

from .conftest import SimFactory
from .family_steps import Added, add_from_a_scan, assert_added, network_adapters
from .flows import add_by_address

HOST = "127.0.102.100"
TITLE = "Antminer S19-88"
DEFAULT_LOGIN = ("admin", "root")
FIGURES = captures.STATS_FIGURES


@pytest.fixture(autouse=True)
def no_adapters() -> Generator[None]:
    with network_adapters():
        yield


@pytest.fixture
async def msk(start_sim: SimFactory) -> MskSim:
    sim = await start_sim("mskminer-s19-88", HOST)
    assert isinstance(sim, MskSim)
    return sim


async def _added(hass: HomeAssistant, sim: MskSim) -> Added[MskSim]:
    return Added(sim, await add_by_address(hass, HOST))


async def test_added_by_address_with_the_default_login(hass: HomeAssistant, msk: MskSim) -> None:
    assert_added(await add_by_address(hass, HOST), msk, TITLE, DEFAULT_LOGIN)


async def test_found_by_a_scan(hass: HomeAssistant, msk: MskSim) -> None:
    await add_from_a_scan(hass, msk, TITLE, login=DEFAULT_LOGIN)


async def test_reads_what_the_miner_reports(
    hass: HomeAssistant, msk: MskSim, entity_registry_enabled_by_default: None
) -> None:
    added = await _added(hass, msk)
    assert added.value(hass, "sensor", "hashrate") == pytest.approx(
        FIGURES["GHS 5s"] / 1000, rel=0.01
    )
    assert added.value(hass, "sensor", "power") == FIGURES["total_power"]
    board = added.value(hass, "sensor", "board_0_hashrate")
    assert board == pytest.approx(FIGURES["chain_rate1"] / 1000, rel=0.01)
    assert added.state(hass, "sensor", "active_pool").state == msk.state.pools[0][0]
    assert added.state(hass, "binary_sensor", "mining").state == STATE_ON


async def test_no_control_entities(hass: HomeAssistant, msk: MskSim) -> None:
    added = await _added(hass, msk)
    added.assert_none_of(
        hass,
        ("switch", "fault_light"),
        ("switch", "mining"),
        ("button", "reboot"),
        ("button", "restart_backend"),
        ("number", "power_limit"),
        ("number", NumberKey.POWER_TARGET),
    )
    assert added.has(hass, "sensor", "hashrate")
