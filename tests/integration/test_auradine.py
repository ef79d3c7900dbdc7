"""Auradine Teraflux on a simulated AT1500, through Home Assistant: found by the config flow
(added by address, and by a scan) with the firmware's default login admin/admin, its
entities reading what the miner reports in TH/s and W, and controlled from them (mining
switch, power target within the supply's bounds, fault light, reboot, mining restart).
An AT2880 with a password of its own is asked for it. Addresses: 127.0.110.150-199."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Generator
from dataclasses import dataclass
from typing import Any
from unittest.mock import patch

import pytest
from freezegun.api import FrozenDateTimeFactory
from homeassistant.components.network.models import Adapter
from homeassistant.config_entries import SOURCE_USER, ConfigEntry, ConfigEntryState
from homeassistant.const import CONF_HOST, CONF_PASSWORD, CONF_USERNAME, STATE_OFF, STATE_ON
from homeassistant.core import HomeAssistant, State
from homeassistant.data_entry_flow import FlowResultType
from homeassistant.exceptions import ServiceValidationError
from homeassistant.helpers.device_registry import format_mac

from custom_components.asic_miner.const import DOMAIN
from custom_components.asic_miner.driver import Miner, NumberKey, find_miner
from custom_components.asic_miner.driver.backends.auradine.backend import Auradine
from tests.simulator.auradine import AuradineSim
from tests.simulator.auradine.testing import AT1500, AT2880

from .conftest import SimFactory
from .flows import add_by_address, entity_id_of, scan_for, state_of
from .miners import poll

HOST = "127.0.110.150"
SCANNED = "127.0.110.151"
CUSTOM = "127.0.110.153"
TITLE = "Auradine AT1500"


@dataclass
class Added:
    sim: AuradineSim
    entry: ConfigEntry
    miner: Miner  # the test's own driver Miner of the same simulated miner

    def entity_id(self, hass: HomeAssistant, domain: str, key: str) -> str:
        return entity_id_of(hass, self.entry, domain, key)

    def state(self, hass: HomeAssistant, domain: str, key: str) -> State:
        return state_of(hass, self.entry, domain, key)


@pytest.fixture
async def added(hass: HomeAssistant, start_sim: SimFactory) -> AsyncIterator[Added]:
    sim: Any = await start_sim(AT1500, HOST, password="admin", reboot_seconds=0.3)
    entry = await add_by_address(hass, HOST)
    miner = await find_miner(HOST, timeout=5)
    yield Added(sim, entry, miner)
    await miner.close()


async def test_added_by_address_with_the_default_login(hass: HomeAssistant, added: Added) -> None:
    entry = added.entry
    assert entry.state is ConfigEntryState.LOADED
    assert entry.title == TITLE
    assert entry.unique_id == format_mac(added.sim.mac)
    assert entry.data == {CONF_HOST: HOST, CONF_USERNAME: "admin", CONF_PASSWORD: "admin"}
    assert isinstance(entry.runtime_data.miner, Auradine)


@pytest.fixture
def adapters() -> Generator[None]:
    found = [
        Adapter(
            name="eth0",
            index=0,
            enabled=True,
            auto=True,
            default=True,
            ipv4=[{"address": "127.0.110.1", "network_prefix": 24}],
            ipv6=[],
        )
    ]
    with patch("homeassistant.components.network.async_get_adapters", return_value=found):
        yield


@pytest.mark.usefixtures("adapters")
async def test_found_by_a_scan_and_added(hass: HomeAssistant, start_sim: SimFactory) -> None:
    sim: Any = await start_sim(AT1500, SCANNED, password="admin")
    result = await scan_for(hass, SCANNED)
    assert result["step_id"] == "pick"
    mac = format_mac(sim.mac)
    options = result["data_schema"].schema["miners"].config["options"]
    assert [(o["value"], o["label"]) for o in options] == [
        (mac, f"{TITLE} at {SCANNED} ({mac.upper()})")
    ]
    result = await hass.config_entries.flow.async_configure(result["flow_id"], {"miners": [mac]})
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert result["title"] == TITLE
    assert result["data"] == {CONF_HOST: SCANNED, CONF_USERNAME: "admin", CONF_PASSWORD: "admin"}
    await hass.async_block_till_done()


async def test_entities_read_what_the_miner_reports(hass: HomeAssistant, added: Added) -> None:
    data = await added.miner.get_data()
    hashrate = added.state(hass, "sensor", "hashrate")
    assert float(hashrate.state) == pytest.approx(20.7)  # MHS 5s 20 700 000 of three boards
    assert hashrate.attributes["unit_of_measurement"] == "TH/s"
    assert float(added.state(hass, "sensor", "power").state) == 2000.0
    assert added.state(hass, "binary_sensor", "mining").state == STATE_ON
    for slot, expected in enumerate((6.8, 6.9, 7.0)):
        rate = float(added.state(hass, "sensor", f"board_{slot}_hashrate").state)
        assert rate == pytest.approx(expected)
    assert len(data.hashboards) == 3
    target = added.state(hass, "number", NumberKey.POWER_TARGET)
    assert float(target.state) == 2000
    assert (target.attributes["min"], target.attributes["max"]) == (1500, 3452)
    assert target.attributes["unit_of_measurement"] == "W"
    assert added.state(hass, "switch", "fault_light").state == STATE_OFF


async def test_mining_switch_pauses_and_resumes(
    hass: HomeAssistant, added: Added, freezer: FrozenDateTimeFactory
) -> None:
    switch = added.entity_id(hass, "switch", "mining")
    await hass.services.async_call("switch", "turn_off", {"entity_id": switch}, blocking=True)
    await poll(hass, freezer)
    assert added.sim.state.sleeping
    assert hass.states.get(switch).state == STATE_OFF  # type: ignore[union-attr]
    assert added.state(hass, "binary_sensor", "mining").state == STATE_OFF
    assert float(added.state(hass, "sensor", "hashrate").state) == 0.0

    await hass.services.async_call("switch", "turn_on", {"entity_id": switch}, blocking=True)
    await poll(hass, freezer)
    assert not added.sim.state.sleeping
    assert hass.states.get(switch).state == STATE_ON  # type: ignore[union-attr]


async def test_power_target_from_home_assistant(
    hass: HomeAssistant, added: Added, freezer: FrozenDateTimeFactory
) -> None:
    entity_id = added.entity_id(hass, "number", NumberKey.POWER_TARGET)
    await hass.services.async_call(
        "number", "set_value", {"entity_id": entity_id, "value": 2600}, blocking=True
    )
    await poll(hass, freezer)
    assert added.sim.state.power_target == 2600
    assert float(hass.states.get(entity_id).state) == 2600  # type: ignore[union-attr]
    with pytest.raises(ServiceValidationError, match="3452"):
        await hass.services.async_call(
            "number", "set_value", {"entity_id": entity_id, "value": 3453}, blocking=True
        )
    assert added.sim.state.power_target == 2600


async def test_fault_light_restart_and_reboot(hass: HomeAssistant, added: Added) -> None:
    switch = added.entity_id(hass, "switch", "fault_light")
    await hass.services.async_call("switch", "turn_on", {"entity_id": switch}, blocking=True)
    assert added.sim.state.led_code == 3
    assert hass.states.get(switch).state == STATE_ON  # type: ignore[union-attr]
    await hass.services.async_call("switch", "turn_off", {"entity_id": switch}, blocking=True)
    assert added.sim.state.led_code == 2

    uptime = added.sim.state.uptime
    button = added.entity_id(hass, "button", "reboot")
    await hass.services.async_call("button", "press", {"entity_id": button}, blocking=True)
    async with asyncio.timeout(5):
        while added.sim.state.uptime >= uptime:  # noqa: ASYNC110  (no event to wait on)
            await asyncio.sleep(0.05)


async def test_a_password_of_its_own_is_asked(hass: HomeAssistant, start_sim: SimFactory) -> None:
    await start_sim(AT2880, CUSTOM, password="own-pw-1")
    configure = hass.config_entries.flow.async_configure
    result = await hass.config_entries.flow.async_init(DOMAIN, context={"source": SOURCE_USER})
    result = await configure(result["flow_id"], {"next_step_id": "manual"})
    result = await configure(result["flow_id"], {CONF_HOST: CUSTOM})
    assert (result["type"], result["step_id"]) == (FlowResultType.FORM, "credentials")
    result = await configure(result["flow_id"], {CONF_USERNAME: "admin", CONF_PASSWORD: "own-pw-1"})
    assert result["type"] is FlowResultType.CREATE_ENTRY, result
    assert result["title"] == "Auradine AT2880"
    await hass.async_block_till_done()
    entry: ConfigEntry = result["result"]
    assert isinstance(entry.runtime_data.miner, Auradine)
