"""An MSKMiner S19-88 in Home Assistant: found by the config flow (by address and by a
scan), added with its default web login (admin / root), read (hashrate, boards, fans,
power, the pool in use) and offered no control it lacks. Simulated miners on
127.0.102.100-119."""

from __future__ import annotations

from collections.abc import Generator
from typing import Any
from unittest.mock import patch

import pytest
from homeassistant.config_entries import ConfigEntryState
from homeassistant.const import CONF_HOST, CONF_PASSWORD, CONF_USERNAME, STATE_ON
from homeassistant.core import HomeAssistant
from homeassistant.data_entry_flow import FlowResultType
from homeassistant.helpers import entity_registry as er
from homeassistant.helpers.device_registry import format_mac

from custom_components.asic_miner.const import DOMAIN
from tests.simulator.mskminer import MskSim, captures

from .conftest import SimFactory
from .flows import add_by_address, scan_for, state_of

HOST = "127.0.102.100"
FIGURES = captures.STATS_FIGURES


@pytest.fixture(autouse=True)
def no_adapters() -> Generator[None]:
    with patch("homeassistant.components.network.async_get_adapters", return_value=[]):
        yield


@pytest.fixture
async def msk(start_sim: SimFactory) -> Any:
    sim = await start_sim("mskminer-s19-88", HOST)
    assert isinstance(sim, MskSim)
    return sim


async def test_added_by_address_with_the_default_login(hass: HomeAssistant, msk: MskSim) -> None:
    entry = await add_by_address(hass, HOST)
    assert entry.state is ConfigEntryState.LOADED
    assert entry.title == "Antminer S19-88"
    assert entry.unique_id == format_mac(msk.mac)
    assert entry.data == {CONF_HOST: HOST, CONF_USERNAME: "admin", CONF_PASSWORD: "root"}


async def test_found_by_a_scan(hass: HomeAssistant, msk: MskSim) -> None:
    result = await scan_for(hass, HOST)
    assert result["step_id"] == "pick"
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {"miners": [format_mac(msk.mac)]}
    )
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert result["title"] == "Antminer S19-88"
    await hass.async_block_till_done()


async def test_reads_what_the_miner_reports(
    hass: HomeAssistant, msk: MskSim, entity_registry_enabled_by_default: None
) -> None:
    entry = await add_by_address(hass, HOST)
    hashrate = float(state_of(hass, entry, "sensor", "hashrate").state)
    assert hashrate == pytest.approx(FIGURES["GHS 5s"] / 1000, rel=0.01)
    assert float(state_of(hass, entry, "sensor", "power").state) == FIGURES["total_power"]
    board = state_of(hass, entry, "sensor", "board_0_hashrate")
    assert float(board.state) == pytest.approx(FIGURES["chain_rate1"] / 1000, rel=0.01)
    assert state_of(hass, entry, "sensor", "active_pool").state == msk.state.pools[0][0]
    assert state_of(hass, entry, "binary_sensor", "mining").state == STATE_ON


async def test_no_control_entities(hass: HomeAssistant, msk: MskSim) -> None:
    entry = await add_by_address(hass, HOST)
    registry = er.async_get(hass)
    for domain, key in (
        ("switch", "fault_light"),
        ("switch", "mining"),
        ("button", "reboot"),
        ("button", "restart_backend"),
        ("number", "power_limit"),
    ):
        assert registry.async_get_entity_id(domain, DOMAIN, f"{entry.unique_id}_{key}") is None
    assert registry.async_get_entity_id("sensor", DOMAIN, f"{entry.unique_id}_hashrate")
