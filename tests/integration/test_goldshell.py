"""Goldshell miners in Home Assistant: found by the config flow (by address and by a
scan), added with admin / 123456789 as shipped, rates shown in the coin's unit (a Mini
Doge's Scrypt in MH/s, an SC5 Pro II's Blake2B in TH/s; no efficiency: the firmware
reports no power), and controlled from Home Assistant: the power plan select, the mining
switch (the sleep plan), pools and reboot. Simulated miners on 127.0.104.10-49."""

from __future__ import annotations

import json
from collections.abc import Generator

import pytest
from homeassistant.const import STATE_ON
from homeassistant.core import HomeAssistant
from pytest_homeassistant_custom_component.components.diagnostics import (
    get_diagnostics_for_config_entry,
)
from pytest_homeassistant_custom_component.typing import (
    ClientSessionGenerator,
)

from tests.simulator.goldshell import GoldshellSim

from .conftest import SimFactory
from .family_steps import Added, add_from_a_scan, assert_added, network_adapters
from .flows import add_by_address

MINIDOGE = "127.0.104.10"
SC5 = "127.0.104.11"
LOW = "513 MHz 10700 V 50 RPM 50 RPM PV 11900"
SC5_TITLE = "Goldshell SC5Pro II"  # the firmware says "Goldshell-SC5Pro\u2161"
DEFAULT_LOGIN = ("admin", "123456789")


@pytest.fixture(autouse=True)
def no_adapters() -> Generator[None]:
    with network_adapters():
        yield


@pytest.fixture
async def doge(start_sim: SimFactory) -> GoldshellSim:
    sim = await start_sim("goldshell-minidoge", MINIDOGE, password="123456789")
    assert isinstance(sim, GoldshellSim)
    return sim


@pytest.fixture
async def sc5(start_sim: SimFactory) -> GoldshellSim:
    sim = await start_sim("goldshell-sc5proii", SC5, password="123456789")
    assert isinstance(sim, GoldshellSim)
    return sim


async def _added(hass: HomeAssistant, sim: GoldshellSim) -> Added[GoldshellSim]:
    return Added(sim, await add_by_address(hass, sim.address))


async def test_added_by_address_with_the_default_login(
    hass: HomeAssistant, doge: GoldshellSim
) -> None:
    entry = await add_by_address(hass, MINIDOGE)
    assert_added(entry, doge, "Goldshell Mini Doge", DEFAULT_LOGIN)


async def test_found_by_a_scan(hass: HomeAssistant, sc5: GoldshellSim) -> None:
    await add_from_a_scan(hass, sc5, SC5_TITLE, login=DEFAULT_LOGIN)


async def test_a_mini_doge_shows_scrypt_in_mh_per_second(
    hass: HomeAssistant, doge: GoldshellSim, entity_registry_enabled_by_default: None
) -> None:
    added = await _added(hass, doge)
    # A rate below 1 GH/s is shown in the coin's smaller unit, never as Bitcoin's TH/s.
    assert added.rate(hass, "hashrate", "MH/s") == pytest.approx(185)
    board = added.state(hass, "sensor", "board_0_hashrate")
    assert board.attributes["unit_of_measurement"] in {"MH/s", "GH/s"}
    added.assert_none_of(hass, ("sensor", "efficiency"))
    assert added.state(hass, "binary_sensor", "mining").state == STATE_ON


async def test_an_sc5_pro_ii_shows_blake2b_in_th_per_second(
    hass: HomeAssistant, sc5: GoldshellSim
) -> None:
    added = await _added(hass, sc5)
    assert added.rate(hass, "hashrate", "TH/s") == pytest.approx(14.91, abs=0.01)


async def test_the_power_plan_from_its_select(hass: HomeAssistant, sc5: GoldshellSim) -> None:
    added = await _added(hass, sc5)
    options = added.state(hass, "select", "power_plan").attributes["options"]
    assert options == ["700 MHz 11750 V 30 RPM 30 RPM PV 11900", LOW]
    await added.call(hass, "select", "select_option", "power_plan", option=LOW)
    assert sc5.state.setting["select"] == 1
    assert added.state(hass, "select", "power_plan").state == LOW


async def test_mining_switch_sleeps_and_wakes_it(hass: HomeAssistant, sc5: GoldshellSim) -> None:
    added = await _added(hass, sc5)
    await added.switch(hass, "mining", lambda sim: not sim.state.asleep)


async def test_pools_from_the_set_pools_action(hass: HomeAssistant, doge: GoldshellSim) -> None:
    added = await _added(hass, doge)
    pools = [{"url": "stratum+tcp://ltc.pool.invalid:3333", "username": "me.doge", "password": "p"}]
    await added.set_pools(hass, pools)
    assert [(p["url"], p["user"], p["pass"]) for p in doge.state.pools] == [
        ("stratum+tcp://ltc.pool.invalid:3333", "me.doge", "p")
    ]


async def test_reboot_from_its_button(hass: HomeAssistant, doge: GoldshellSim) -> None:
    added = await _added(hass, doge)
    await added.call(hass, "button", "press", "reboot")
    assert doge.state.restarts == 1


async def test_diagnostics_name_no_token_nor_password(
    hass: HomeAssistant, doge: GoldshellSim, hass_client: ClientSessionGenerator
) -> None:
    doge.state.pools[0]["pass"] = "HeldPoolPw5Kd"
    added = await _added(hass, doge)
    await added.call(hass, "switch", "turn_off", "mining")
    assert doge.state.logins >= 1  # a token was taken
    diagnostics = json.dumps(await get_diagnostics_for_config_entry(hass, hass_client, added.entry))
    assert "ltc.example.com" in diagnostics  # the pools are there
    for secret in (doge.state.token, "123456789", "HeldPoolPw5Kd"):
        assert secret not in diagnostics
