"""An Innosilicon A9 ZMaster in Home Assistant: found by the config flow (by address and by
a scan; its MAC read behind the web's default login admin / admin), its Equihash rates
shown in kSol/s, restarted from its button, and no control entity it could not honour.
Simulated miners on 127.0.105.200-219."""

from __future__ import annotations

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
    STATE_ON,
)
from homeassistant.core import HomeAssistant
from homeassistant.data_entry_flow import FlowResultType
from homeassistant.helpers import entity_registry as er
from homeassistant.helpers.device_registry import format_mac

from custom_components.asic_miner.const import DOMAIN
from tests.simulator.innosilicon import InnoSim, captures

from .conftest import SimFactory
from .flows import add_by_address, entity_id_of, scan_for, state_of

HOST = "127.0.105.200"
TITLE = "Innosilicon A9"


@pytest.fixture(autouse=True)
def no_adapters() -> Generator[None]:
    with patch("homeassistant.components.network.async_get_adapters", return_value=[]):
        yield


@pytest.fixture
async def a9(start_sim: SimFactory) -> Any:
    sim = await start_sim("innosilicon-a9", HOST, password="admin")
    assert isinstance(sim, InnoSim)
    return sim


async def test_added_by_address(hass: HomeAssistant, a9: InnoSim) -> None:
    entry = await add_by_address(hass, HOST)
    assert entry.state is ConfigEntryState.LOADED
    assert entry.title == TITLE


async def test_rates_in_ksol_per_second(
    hass: HomeAssistant, a9: InnoSim, entity_registry_enabled_by_default: None
) -> None:
    entry = await add_by_address(hass, HOST)
    hashrate = state_of(hass, entry, "sensor", "hashrate")
    assert hashrate.attributes[ATTR_UNIT_OF_MEASUREMENT] == "kSol/s"
    assert float(hashrate.state) == pytest.approx(captures.SUMMARY["MHS 1m"] / 1000, rel=1e-3)
    pool = state_of(hass, entry, "sensor", "active_pool").state
    assert pool == captures.POOLS[0]["URL"]
    assert state_of(hass, entry, "binary_sensor", "mining").state == STATE_ON
    registry = er.async_get(hass)
    for domain, key in (("switch", "mining"), ("switch", "fault_light")):
        assert registry.async_get_entity_id(domain, DOMAIN, f"{entry.unique_id}_{key}") is None


async def test_added_with_the_default_login_and_its_mac(hass: HomeAssistant, a9: InnoSim) -> None:
    entry = await add_by_address(hass, HOST)
    assert entry.unique_id == format_mac(a9.mac)
    assert entry.data == {CONF_HOST: HOST, CONF_USERNAME: "admin", CONF_PASSWORD: "admin"}


async def test_restart_from_its_button(hass: HomeAssistant, a9: InnoSim) -> None:
    entry = await add_by_address(hass, HOST)
    button = entity_id_of(hass, entry, "button", "restart_backend")
    await hass.services.async_call("button", "press", {"entity_id": button}, blocking=True)
    assert a9.state.restarts == 1


async def test_found_by_a_scan(hass: HomeAssistant, a9: InnoSim) -> None:
    result = await scan_for(hass, HOST)
    assert result["step_id"] == "pick"
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {"miners": [format_mac(a9.mac)]}
    )
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert result["title"] == TITLE
    await hass.async_block_till_done()
