"""Goldshell miners in Home Assistant: found by the config flow (by address and by a
scan), added with admin / 123456789 as shipped, rates shown in the coin's unit (a Mini
Doge's Scrypt in MH/s, an SC5 Pro II's Blake2B in TH/s; no efficiency: the firmware
reports no power), and controlled from Home Assistant: the power plan select, the mining
switch (the sleep plan), pools and reboot. Simulated miners on 127.0.104.10-49."""

from __future__ import annotations

import json
from collections.abc import Generator
from typing import Any
from unittest.mock import patch

import pytest
from homeassistant.config_entries import ConfigEntryState
from homeassistant.const import (
    ATTR_UNIT_OF_MEASUREMENT,
    CONF_HOST,
    CONF_PASSWORD,
    CONF_USERNAME,
    STATE_OFF,
    STATE_ON,
)
from homeassistant.core import HomeAssistant
from homeassistant.data_entry_flow import FlowResultType
from homeassistant.helpers import device_registry as dr
from homeassistant.helpers import entity_registry as er
from homeassistant.helpers.device_registry import format_mac
from pytest_homeassistant_custom_component.components.diagnostics import (
    get_diagnostics_for_config_entry,
)
from pytest_homeassistant_custom_component.typing import (
    ClientSessionGenerator,
)

from custom_components.asic_miner.const import DOMAIN
from tests.simulator.goldshell import GoldshellSim

from .conftest import SimFactory
from .flows import add_by_address, entity_id_of, scan_for, state_of

MINIDOGE = "127.0.104.10"
SC5 = "127.0.104.11"
LOW = "513 MHz 10700 V 50 RPM 50 RPM PV 11900"


@pytest.fixture(autouse=True)
def no_adapters() -> Generator[None]:
    with patch("homeassistant.components.network.async_get_adapters", return_value=[]):
        yield


@pytest.fixture
async def doge(start_sim: SimFactory) -> Any:
    sim = await start_sim("goldshell-minidoge", MINIDOGE, password="123456789")
    assert isinstance(sim, GoldshellSim)
    return sim


@pytest.fixture
async def sc5(start_sim: SimFactory) -> Any:
    sim = await start_sim("goldshell-sc5proii", SC5, password="123456789")
    assert isinstance(sim, GoldshellSim)
    return sim


async def test_added_by_address_with_the_default_login(
    hass: HomeAssistant, doge: GoldshellSim
) -> None:
    entry = await add_by_address(hass, MINIDOGE)
    assert entry.state is ConfigEntryState.LOADED
    assert entry.title == "Goldshell Mini Doge"
    assert entry.unique_id == format_mac(doge.mac)
    assert entry.data == {CONF_HOST: MINIDOGE, CONF_USERNAME: "admin", CONF_PASSWORD: "123456789"}


async def test_found_by_a_scan(hass: HomeAssistant, sc5: GoldshellSim) -> None:
    result = await scan_for(hass, SC5)
    assert result["step_id"] == "pick"
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {"miners": [format_mac(sc5.mac)]}
    )
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert result["title"].startswith("Goldshell SC5Pro")
    await hass.async_block_till_done()


async def test_a_mini_doge_shows_scrypt_in_mh_per_second(
    hass: HomeAssistant, doge: GoldshellSim, entity_registry_enabled_by_default: None
) -> None:
    entry = await add_by_address(hass, MINIDOGE)
    hashrate = state_of(hass, entry, "sensor", "hashrate")
    # A rate below 1 GH/s is shown in the coin's smaller unit, never as Bitcoin's TH/s.
    assert hashrate.attributes[ATTR_UNIT_OF_MEASUREMENT] == "MH/s"
    assert float(hashrate.state) == pytest.approx(185)
    board = state_of(hass, entry, "sensor", "board_0_hashrate")
    assert board.attributes[ATTR_UNIT_OF_MEASUREMENT] in {"MH/s", "GH/s"}
    registry = er.async_get(hass)
    assert registry.async_get_entity_id("sensor", DOMAIN, f"{entry.unique_id}_efficiency") is None
    assert state_of(hass, entry, "binary_sensor", "mining").state == STATE_ON


async def test_an_sc5_pro_ii_shows_blake2b_in_th_per_second(
    hass: HomeAssistant, sc5: GoldshellSim
) -> None:
    entry = await add_by_address(hass, SC5)
    hashrate = state_of(hass, entry, "sensor", "hashrate")
    assert hashrate.attributes[ATTR_UNIT_OF_MEASUREMENT] == "TH/s"
    assert float(hashrate.state) == pytest.approx(14.91, abs=0.01)


async def test_the_power_plan_from_its_select(hass: HomeAssistant, sc5: GoldshellSim) -> None:
    entry = await add_by_address(hass, SC5)
    select = entity_id_of(hass, entry, "select", "work_mode")
    state = hass.states.get(select)
    assert state is not None
    assert state.attributes["options"] == [
        "700 MHz 11750 V 30 RPM 30 RPM PV 11900",
        LOW,
    ]
    await hass.services.async_call(
        "select", "select_option", {"entity_id": select, "option": LOW}, blocking=True
    )
    assert sc5.state.setting["select"] == 1
    assert hass.states.get(select).state == LOW  # type: ignore[union-attr]


async def test_mining_switch_sleeps_and_wakes_it(hass: HomeAssistant, sc5: GoldshellSim) -> None:
    entry = await add_by_address(hass, SC5)
    mining = entity_id_of(hass, entry, "switch", "mining")
    await hass.services.async_call("switch", "turn_off", {"entity_id": mining}, blocking=True)
    assert sc5.state.asleep
    assert hass.states.get(mining).state == STATE_OFF  # type: ignore[union-attr]
    await hass.services.async_call("switch", "turn_on", {"entity_id": mining}, blocking=True)
    assert not sc5.state.asleep
    assert hass.states.get(mining).state == STATE_ON  # type: ignore[union-attr]


async def test_pools_from_the_set_pools_action(hass: HomeAssistant, doge: GoldshellSim) -> None:
    entry = await add_by_address(hass, MINIDOGE)
    device = dr.async_get(hass).async_get_device_by_identifier(
        (DOMAIN, entry.unique_id or ""), entry.entry_id
    )
    assert device is not None
    pools = [{"url": "stratum+tcp://ltc.pool.invalid:3333", "username": "me.doge", "password": "p"}]
    await hass.services.async_call(
        DOMAIN, "set_pools", {"device_id": device.id, "pools": pools}, blocking=True
    )
    assert [(p["url"], p["user"], p["pass"]) for p in doge.state.pools] == [
        ("stratum+tcp://ltc.pool.invalid:3333", "me.doge", "p")
    ]


async def test_reboot_from_its_button(hass: HomeAssistant, doge: GoldshellSim) -> None:
    entry = await add_by_address(hass, MINIDOGE)
    button = entity_id_of(hass, entry, "button", "reboot")
    await hass.services.async_call("button", "press", {"entity_id": button}, blocking=True)
    assert doge.state.restarts == 1


async def test_diagnostics_name_no_token_nor_password(
    hass: HomeAssistant, doge: GoldshellSim, hass_client: ClientSessionGenerator
) -> None:
    doge.state.pools[0]["pass"] = "HeldPoolPw5Kd"
    entry = await add_by_address(hass, MINIDOGE)
    mining = entity_id_of(hass, entry, "switch", "mining")
    await hass.services.async_call("switch", "turn_off", {"entity_id": mining}, blocking=True)
    assert doge.state.logins >= 1  # a token was taken
    diagnostics = json.dumps(await get_diagnostics_for_config_entry(hass, hass_client, entry))
    assert "ltc.example.com" in diagnostics  # the pools are there
    for secret in (doge.state.token, "123456789", "HeldPoolPw5Kd"):
        assert secret not in diagnostics
