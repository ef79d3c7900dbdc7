"""MARA firmware on a simulated S19 XP, through Home Assistant: found by the config flow
(added by address, and by a scan) with the firmware's default login, its entities reading
what the miner reports, and controlled from them (mining switch, power target, fault
light, reboot); every entity as a snapshot. The captured KS5 Pro is found by a scan and
with a password of its own. Addresses: 127.0.100.150-199."""

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
from homeassistant.const import (
    CONF_HOST,
    CONF_PASSWORD,
    CONF_USERNAME,
    STATE_OFF,
    STATE_ON,
    Platform,
)
from homeassistant.core import HomeAssistant, State
from homeassistant.data_entry_flow import FlowResultType
from homeassistant.exceptions import ServiceValidationError
from homeassistant.helpers import entity_registry as er
from homeassistant.helpers.device_registry import format_mac
from pytest_homeassistant_custom_component.common import snapshot_platform
from syrupy.assertion import SnapshotAssertion

from custom_components.asic_miner.const import DOMAIN
from custom_components.asic_miner.driver import Miner, NumberKey, find_miner
from custom_components.asic_miner.driver.backends.marathon.backend import Marathon
from tests.simulator.marathon import MaraSim
from tests.simulator.marathon.state import CAPTURED_UPTIME, MaraState
from tests.simulator.marathon.testing import KS5PRO, S19XP

from .conftest import SimFactory, entry_for, setup_entry
from .miners import poll

HOST = "127.0.100.150"
SCANNED = "127.0.100.151"
SNAPSHOT = "127.0.100.152"
CUSTOM = "127.0.100.153"
TITLE = "Antminer S19 XP"


@dataclass
class Added:
    sim: MaraSim
    entry: ConfigEntry
    miner: Miner  # the test's own driver Miner of the same simulated miner

    def entity_id(self, hass: HomeAssistant, domain: str, key: str) -> str:
        unique_id = f"{self.entry.unique_id}_{key}"
        entity_id = er.async_get(hass).async_get_entity_id(domain, DOMAIN, unique_id)
        assert entity_id is not None, (domain, unique_id)
        return entity_id

    def state(self, hass: HomeAssistant, domain: str, key: str) -> State:
        state = hass.states.get(self.entity_id(hass, domain, key))
        assert state is not None, key
        return state


async def _add_by_address(hass: HomeAssistant, host: str) -> ConfigEntry:
    result = await hass.config_entries.flow.async_init(DOMAIN, context={"source": SOURCE_USER})
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {"next_step_id": "manual"}
    )
    result = await hass.config_entries.flow.async_configure(result["flow_id"], {CONF_HOST: host})
    assert result["type"] is FlowResultType.CREATE_ENTRY, result
    await hass.async_block_till_done()
    entry: ConfigEntry = result["result"]
    return entry


@pytest.fixture
async def added(hass: HomeAssistant, start_sim: SimFactory) -> AsyncIterator[Added]:
    sim: Any = await start_sim(S19XP, HOST)
    entry = await _add_by_address(hass, HOST)
    miner = await find_miner(HOST, timeout=5)
    yield Added(sim, entry, miner)
    await miner.close()


async def test_added_by_address_with_the_default_login(hass: HomeAssistant, added: Added) -> None:
    entry = added.entry
    assert entry.state is ConfigEntryState.LOADED
    assert entry.title == TITLE
    assert entry.unique_id == format_mac(added.sim.mac)
    assert entry.data == {CONF_HOST: HOST, CONF_USERNAME: "root", CONF_PASSWORD: "root"}


@pytest.fixture
def adapters() -> Generator[None]:
    found = [
        Adapter(
            name="eth0",
            index=0,
            enabled=True,
            auto=True,
            default=True,
            ipv4=[{"address": "127.0.100.1", "network_prefix": 24}],
            ipv6=[],
        )
    ]
    with patch("homeassistant.components.network.async_get_adapters", return_value=found):
        yield


@pytest.mark.usefixtures("adapters")
@pytest.mark.parametrize(("model", "title"), [(S19XP, TITLE), (KS5PRO, "Antminer KS5 Pro")])
async def test_found_by_a_scan_and_added(
    hass: HomeAssistant, start_sim: SimFactory, model: str, title: str
) -> None:
    sim: Any = await start_sim(model, SCANNED)
    result = await hass.config_entries.flow.async_init(DOMAIN, context={"source": SOURCE_USER})
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {"next_step_id": "scan"}
    )
    result = await hass.config_entries.flow.async_configure(result["flow_id"], {"targets": SCANNED})
    assert result["type"] is FlowResultType.SHOW_PROGRESS
    await hass.async_block_till_done()
    result = await hass.config_entries.flow.async_configure(result["flow_id"])
    assert result["step_id"] == "pick"
    mac = format_mac(sim.mac)
    options = result["data_schema"].schema["miners"].config["options"]
    assert [(o["value"], o["label"]) for o in options] == [
        (mac, f"{title} at {SCANNED} ({mac.upper()})")
    ]
    result = await hass.config_entries.flow.async_configure(result["flow_id"], {"miners": [mac]})
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert result["title"] == title
    assert result["data"] == {CONF_HOST: SCANNED, CONF_USERNAME: "root", CONF_PASSWORD: "root"}
    await hass.async_block_till_done()


async def test_entities_read_what_the_miner_reports(hass: HomeAssistant, added: Added) -> None:
    data = await added.miner.get_data()
    assert float(added.state(hass, "sensor", "hashrate").state) == pytest.approx(data.hashrate)
    brief = added.sim.state.brief()
    assert float(added.state(hass, "sensor", "power").state) == data.wattage
    assert data.wattage == brief["power_consumption_estimated"]
    assert added.state(hass, "binary_sensor", "mining").state == STATE_ON
    boards = added.sim.state.hashboards()["hashboards"]
    for board in boards:  # three boards of 110 chips, each read in TH/s
        key = f"board_{board['index']}_hashrate"
        rate = float(added.state(hass, "sensor", key).state)
        assert rate == pytest.approx(board["hashrate_realtime_10m"] / 1000, abs=0.01)
    assert len(boards) == 3
    assert {b["asic_num"] for b in boards} == {110}
    target = added.state(hass, "number", NumberKey.POWER_TARGET)
    assert float(target.state) == 3010  # the S19 XP's rated power
    assert (target.attributes["min"], target.attributes["max"]) == (1505, 3010)
    assert target.attributes["unit_of_measurement"] == "W"
    assert added.state(hass, "switch", "fault_light").state == STATE_OFF


async def test_mining_switch_pauses_and_resumes(
    hass: HomeAssistant, added: Added, freezer: FrozenDateTimeFactory
) -> None:
    switch = added.entity_id(hass, "switch", "mining")
    await hass.services.async_call("switch", "turn_off", {"entity_id": switch}, blocking=True)
    await poll(hass, freezer)
    assert added.sim.state.work_mode == "Sleep"
    assert hass.states.get(switch).state == STATE_OFF  # type: ignore[union-attr]
    assert added.state(hass, "binary_sensor", "mining").state == STATE_OFF

    await hass.services.async_call("switch", "turn_on", {"entity_id": switch}, blocking=True)
    await poll(hass, freezer)
    assert added.sim.state.work_mode == "Auto"
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
    with pytest.raises(ServiceValidationError, match="3010"):
        await hass.services.async_call(
            "number", "set_value", {"entity_id": entity_id, "value": 3011}, blocking=True
        )
    assert added.sim.state.power_target == 2600


async def test_fault_light_and_reboot(hass: HomeAssistant, added: Added) -> None:
    switch = added.entity_id(hass, "switch", "fault_light")
    await hass.services.async_call("switch", "turn_on", {"entity_id": switch}, blocking=True)
    assert added.sim.state.blinking is True
    assert hass.states.get(switch).state == STATE_ON  # type: ignore[union-attr]
    await hass.services.async_call("switch", "turn_off", {"entity_id": switch}, blocking=True)
    assert added.sim.state.blinking is False

    uptime = added.sim.state.uptime
    button = added.entity_id(hass, "button", "reboot")
    await hass.services.async_call("button", "press", {"entity_id": button}, blocking=True)
    async with asyncio.timeout(5):
        while added.sim.state.uptime >= uptime:  # noqa: ASYNC110  (no event to wait on)
            await asyncio.sleep(0.05)


@pytest.fixture
def held_uptime(monkeypatch: pytest.MonkeyPatch) -> None:
    """The uptime (and the shares counted from it) held where the capture has it."""
    monkeypatch.setattr(MaraState, "uptime", property(lambda state: CAPTURED_UPTIME))


@pytest.mark.parametrize("platform", ["binary_sensor", "button", "number", "sensor", "switch"])
@pytest.mark.usefixtures("entity_registry_enabled_by_default", "held_uptime")
async def test_every_entity(
    hass: HomeAssistant,
    start_sim: SimFactory,
    entity_registry: er.EntityRegistry,
    snapshot: SnapshotAssertion,
    platform: Platform,
) -> None:
    sim: Any = await start_sim(S19XP, SNAPSHOT, mac="02:4d:41:52:41:01")
    entry = await setup_entry(hass, entry_for(sim, SNAPSHOT), [platform])
    await snapshot_platform(hass, entity_registry, snapshot, entry.entry_id)


async def test_a_password_of_its_own_is_asked_and_the_miner_is_mara(
    hass: HomeAssistant, start_sim: SimFactory
) -> None:
    """With root/root refused, the digest realm alone cannot tell MARA from stock: the flow
    asks for the login; with it, the entry is set up on MARA's backend."""
    await start_sim(KS5PRO, CUSTOM, password="own-pw-1")
    configure = hass.config_entries.flow.async_configure
    result = await hass.config_entries.flow.async_init(DOMAIN, context={"source": SOURCE_USER})
    result = await configure(result["flow_id"], {"next_step_id": "manual"})
    result = await configure(result["flow_id"], {CONF_HOST: CUSTOM})
    assert (result["type"], result["step_id"]) == (FlowResultType.FORM, "credentials")
    result = await configure(result["flow_id"], {CONF_USERNAME: "root", CONF_PASSWORD: "own-pw-1"})
    assert result["type"] is FlowResultType.CREATE_ENTRY, result
    assert result["title"] == "Antminer KS5 Pro"
    await hass.async_block_till_done()
    entry: ConfigEntry = result["result"]
    assert isinstance(entry.runtime_data.miner, Marathon)
