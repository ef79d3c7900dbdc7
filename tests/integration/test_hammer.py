"""The "blackMiner" firmware in Home Assistant, on a Hammer D10 and a VolcMiner D1: found
by the config flow (by address and by a scan), added with the make's shipped digest login
(root / root, root / ltc@dog), its Scrypt rates shown in GH/s (no efficiency: the
firmware reports no power), and controlled from Home Assistant (fault light, mining,
reboot). Simulated miners on 127.0.107.140 and 127.0.108.40."""

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
from tests.simulator.hammer import HammerSim, captures

from .conftest import SimFactory
from .flows import add_by_address, entity_id_of, scan_for, state_of

# model, address, entry title, shipped password
MODELS = (
    ("hammer-d10", "127.0.107.140", "Hammer D10", "root"),
    ("volcminer-d1", "127.0.108.40", "VolcMiner D1", "ltc@dog"),
)


@pytest.fixture(autouse=True)
def no_adapters() -> Generator[None]:
    with patch("homeassistant.components.network.async_get_adapters", return_value=[]):
        yield


@pytest.fixture(params=MODELS, ids=[row[0] for row in MODELS])
async def sim(start_sim: SimFactory, request: pytest.FixtureRequest) -> Any:
    model, host, _title, _password = request.param
    sim = await start_sim(model, host, password=None)  # its shipped login
    assert isinstance(sim, HammerSim)
    return sim


def _row(sim: HammerSim) -> tuple[str, str, str, str]:
    return next(row for row in MODELS if row[0] == sim.model)


async def test_added_by_address_with_the_default_login(hass: HomeAssistant, sim: HammerSim) -> None:
    _model, host, title, password = _row(sim)
    entry = await add_by_address(hass, host)
    assert entry.state is ConfigEntryState.LOADED
    assert entry.title == title
    assert entry.unique_id == format_mac(sim.mac)
    assert entry.data == {CONF_HOST: host, CONF_USERNAME: "root", CONF_PASSWORD: password}


async def test_found_by_a_scan(hass: HomeAssistant, sim: HammerSim) -> None:
    result = await scan_for(hass, sim.address)
    assert result["step_id"] == "pick"
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {"miners": [format_mac(sim.mac)]}
    )
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert result["title"] == _row(sim)[2]
    await hass.async_block_till_done()


async def test_rates_in_gh_per_second(
    hass: HomeAssistant, sim: HammerSim, entity_registry_enabled_by_default: None
) -> None:
    entry = await add_by_address(hass, sim.address)
    hashrate = state_of(hass, entry, "sensor", "hashrate")
    assert hashrate.attributes[ATTR_UNIT_OF_MEASUREMENT] == "GH/s"
    assert float(hashrate.state) == pytest.approx(
        float(captures.SUMMARY["MHS 5s"]) * sim.spec.rate_scale / 1000, rel=0.01
    )
    board = state_of(hass, entry, "sensor", "board_0_hashrate")
    assert board.attributes[ATTR_UNIT_OF_MEASUREMENT] == "GH/s"
    rate = float(captures.STATS_TAIL["chain_rate1"]) * sim.spec.rate_scale / 1000
    assert float(board.state) == pytest.approx(rate, rel=0.01)
    # No power reading in any reply (pyasic's BlackMiner has none): no J/MH efficiency.
    registry = er.async_get(hass)
    assert registry.async_get_entity_id("sensor", DOMAIN, f"{entry.unique_id}_power") is None
    assert registry.async_get_entity_id("sensor", DOMAIN, f"{entry.unique_id}_efficiency") is None
    assert state_of(hass, entry, "sensor", "active_pool").state == sim.state.pools[0]["url"]
    assert state_of(hass, entry, "binary_sensor", "mining").state == STATE_ON


async def test_fault_light_and_mining_from_their_switches(
    hass: HomeAssistant, sim: HammerSim
) -> None:
    entry = await add_by_address(hass, sim.address)
    light = entity_id_of(hass, entry, "switch", "fault_light")
    await hass.services.async_call("switch", "turn_on", {"entity_id": light}, blocking=True)
    assert sim.state.blinking is True
    assert hass.states.get(light).state == STATE_ON  # type: ignore[union-attr]
    mining = entity_id_of(hass, entry, "switch", "mining")
    await hass.services.async_call("switch", "turn_off", {"entity_id": mining}, blocking=True)
    assert sim.state.conf["bitmain-work-mode"] == "1"
    await hass.services.async_call("switch", "turn_on", {"entity_id": mining}, blocking=True)
    assert sim.state.conf["bitmain-work-mode"] == "0"
    assert hass.states.get(mining).state == STATE_ON  # type: ignore[union-attr]
    await hass.services.async_call("switch", "turn_off", {"entity_id": light}, blocking=True)
    assert hass.states.get(light).state == STATE_OFF  # type: ignore[union-attr]


async def test_reboot_from_its_button(hass: HomeAssistant, sim: HammerSim) -> None:
    entry = await add_by_address(hass, sim.address)
    button = entity_id_of(hass, entry, "button", "reboot")
    await hass.services.async_call("button", "press", {"entity_id": button}, blocking=True)
    assert ("GET", "/cgi-bin/reboot.cgi") in sim.state.received
