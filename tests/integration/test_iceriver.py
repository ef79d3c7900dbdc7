"""An IceRiver KS3M in Home Assistant: found by the config flow (by address and by a scan),
added with its default panel login (admin / 12345678), its kHeavyHash rates shown in TH/s
(no efficiency: the panel reports no power), the locate light switched from its switch,
and a changed password asked for. Simulated miners on 127.0.105.100-119."""

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
    STATE_OFF,
    STATE_ON,
)
from homeassistant.core import HomeAssistant
from homeassistant.data_entry_flow import FlowResultType
from homeassistant.helpers import entity_registry as er
from homeassistant.helpers.device_registry import format_mac

from custom_components.asic_miner.const import DOMAIN
from tests.simulator.iceriver import IceRiverSim

from .conftest import SimFactory
from .flows import add_by_address, entity_id_of, scan_for, state_of

HOST = "127.0.105.100"
TITLE = "IceRiver KS3M"


@pytest.fixture(autouse=True)
def no_adapters() -> Generator[None]:
    with patch("homeassistant.components.network.async_get_adapters", return_value=[]):
        yield


@pytest.fixture
async def ks3m(start_sim: SimFactory) -> Any:
    sim = await start_sim("iceriver-ks3m", HOST, password="12345678")
    assert isinstance(sim, IceRiverSim)
    return sim


async def test_added_by_address_with_the_default_login(
    hass: HomeAssistant, ks3m: IceRiverSim
) -> None:
    entry = await add_by_address(hass, HOST)
    assert entry.state is ConfigEntryState.LOADED
    assert entry.title == TITLE
    assert entry.unique_id == format_mac(ks3m.mac)
    assert entry.data == {CONF_HOST: HOST, CONF_USERNAME: "admin", CONF_PASSWORD: "12345678"}


async def test_found_by_a_scan(hass: HomeAssistant, ks3m: IceRiverSim) -> None:
    result = await scan_for(hass, HOST)
    assert result["step_id"] == "pick"
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {"miners": [format_mac(ks3m.mac)]}
    )
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert result["title"] == TITLE
    await hass.async_block_till_done()


async def test_rates_in_terahash_of_kheavyhash(
    hass: HomeAssistant, ks3m: IceRiverSim, entity_registry_enabled_by_default: None
) -> None:
    entry = await add_by_address(hass, HOST)
    hashrate = state_of(hass, entry, "sensor", "hashrate")
    assert hashrate.attributes[ATTR_UNIT_OF_MEASUREMENT] == "TH/s"
    assert float(hashrate.state) == pytest.approx(6.226)  # the panel's "6226G"
    board = state_of(hass, entry, "sensor", "board_0_hashrate")
    assert board.attributes[ATTR_UNIT_OF_MEASUREMENT] == "TH/s"
    assert float(board.state) == pytest.approx(2.15, abs=0.01)  # "2151.38G"
    # The panel reports no power (pyasic's IceRiver reads none): no J/GH efficiency.
    registry = er.async_get(hass)
    assert registry.async_get_entity_id("sensor", DOMAIN, f"{entry.unique_id}_efficiency") is None
    pool = state_of(hass, entry, "sensor", "active_pool").state
    assert pool == "stratum+tcp://asia-kas.2miners.com:2323"  # the connected one of three
    assert state_of(hass, entry, "binary_sensor", "mining").state == STATE_ON


async def test_the_locate_light_from_its_switch(hass: HomeAssistant, ks3m: IceRiverSim) -> None:
    entry = await add_by_address(hass, HOST)
    light = entity_id_of(hass, entry, "switch", "fault_light")
    await hass.services.async_call("switch", "turn_on", {"entity_id": light}, blocking=True)
    assert ks3m.state.locate is True
    assert hass.states.get(light).state == STATE_ON  # type: ignore[union-attr]
    await hass.services.async_call("switch", "turn_off", {"entity_id": light}, blocking=True)
    assert ks3m.state.locate is False
    assert hass.states.get(light).state == STATE_OFF  # type: ignore[union-attr]


async def test_no_reboot_button_nor_mining_switch(hass: HomeAssistant, ks3m: IceRiverSim) -> None:
    """The firmware is not known to offer them: no entity pretends it can."""
    entry = await add_by_address(hass, HOST)
    registry = er.async_get(hass)
    assert registry.async_get_entity_id("button", DOMAIN, f"{entry.unique_id}_reboot") is None
    assert registry.async_get_entity_id("switch", DOMAIN, f"{entry.unique_id}_mining") is None
