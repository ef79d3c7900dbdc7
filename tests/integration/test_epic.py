"""ePIC PowerPlay on a simulated S19 XP, through Home Assistant: found by the config flow
(added by address, and by a scan) with the firmware's default password, its entities
reading what the miner reports (per board), and controlled from them (mining switch,
power and hashrate targets, fan, light, identify, reboot, restart); every entity as a
snapshot. Addresses: 127.0.98.1-40."""

from __future__ import annotations

import asyncio
from collections.abc import Generator
from dataclasses import dataclass
from datetime import timedelta
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
from pytest_homeassistant_custom_component.components.diagnostics import (
    get_diagnostics_for_config_entry,
)
from pytest_homeassistant_custom_component.typing import ClientSessionGenerator
from syrupy.assertion import SnapshotAssertion

from custom_components.asic_miner.const import DOMAIN, REIDENTIFY_INTERVAL
from custom_components.asic_miner.driver import ChoiceKey, NumberKey
from tests.simulator.epic import EpicSim
from tests.simulator.epic.state import EpicState
from tests.simulator.epic.testing import S19XP, S19XP_POWER
from tests.simulator.families import make_miner

from .conftest import SimFactory, entry_for, setup_entry
from .miners import poll

HOST = "127.0.98.1"
SCANNED = "127.0.98.2"
SNAPSHOT = "127.0.98.3"
CHANGED = "127.0.98.4"
DIAGNOSED = "127.0.98.5"
REFLASHED = "127.0.98.6"
TITLE = "Antminer S19 XP"
DEFAULT = "letmein"


@dataclass
class Added:
    sim: EpicSim
    entry: ConfigEntry

    def entity_id(self, hass: HomeAssistant, domain: str, key: str) -> str:
        unique_id = f"{self.entry.unique_id}_{key}"
        entity_id = er.async_get(hass).async_get_entity_id(domain, DOMAIN, unique_id)
        assert entity_id is not None, (domain, unique_id)
        return entity_id

    def state(self, hass: HomeAssistant, domain: str, key: str) -> State:
        state = hass.states.get(self.entity_id(hass, domain, key))
        assert state is not None, key
        return state

    async def call(
        self, hass: HomeAssistant, domain: str, service: str, key: str, **data: Any
    ) -> None:
        entity_id = self.entity_id(hass, domain, key)
        await hass.services.async_call(
            domain, service, {"entity_id": entity_id, **data}, blocking=True
        )


async def _manual(hass: HomeAssistant, host: str) -> dict[str, Any]:
    result = await hass.config_entries.flow.async_init(DOMAIN, context={"source": SOURCE_USER})
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {"next_step_id": "manual"}
    )
    return await hass.config_entries.flow.async_configure(result["flow_id"], {CONF_HOST: host})


async def _add_by_address(hass: HomeAssistant, host: str) -> ConfigEntry:
    result = await _manual(hass, host)
    assert result["type"] is FlowResultType.CREATE_ENTRY, result
    await hass.async_block_till_done()
    entry: ConfigEntry = result["result"]
    return entry


@pytest.fixture
async def added(hass: HomeAssistant, start_sim: SimFactory) -> Added:
    sim: Any = await start_sim(S19XP_POWER, HOST, password=DEFAULT)
    return Added(sim, await _add_by_address(hass, HOST))


async def test_added_by_address_with_the_default_password(
    hass: HomeAssistant, added: Added
) -> None:
    entry = added.entry
    assert entry.state is ConfigEntryState.LOADED
    assert entry.title == TITLE
    assert entry.unique_id == format_mac(added.sim.mac)
    assert entry.data == {CONF_HOST: HOST, CONF_USERNAME: "root", CONF_PASSWORD: DEFAULT}
    assert ("/authenticate", None) in added.sim.state.posted  # the password was checked


async def test_a_changed_password_is_asked_for(hass: HomeAssistant, start_sim: SimFactory) -> None:
    await start_sim(S19XP, CHANGED, password="s3cret-Pw")
    result = await _manual(hass, CHANGED)
    assert (result["type"], result["step_id"]) == (FlowResultType.FORM, "credentials")
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {CONF_USERNAME: "root", CONF_PASSWORD: "wrong"}
    )
    assert result["errors"] == {"base": "invalid_auth"}
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {CONF_USERNAME: "root", CONF_PASSWORD: "s3cret-Pw"}
    )
    assert result["type"] is FlowResultType.CREATE_ENTRY, result
    assert result["data"][CONF_PASSWORD] == "s3cret-Pw"
    await hass.async_block_till_done()


@pytest.fixture
def adapters() -> Generator[None]:
    found = [
        Adapter(
            name="eth0",
            index=0,
            enabled=True,
            auto=True,
            default=True,
            ipv4=[{"address": "127.0.98.1", "network_prefix": 24}],
            ipv6=[],
        )
    ]
    with patch("homeassistant.components.network.async_get_adapters", return_value=found):
        yield


@pytest.mark.usefixtures("adapters")
async def test_found_by_a_scan_and_added(hass: HomeAssistant, start_sim: SimFactory) -> None:
    sim: Any = await start_sim(S19XP, SCANNED, password=DEFAULT)
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
        (mac, f"{TITLE} at {SCANNED} ({mac.upper()})")
    ]
    result = await hass.config_entries.flow.async_configure(result["flow_id"], {"miners": [mac]})
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert result["title"] == TITLE
    assert result["data"] == {CONF_HOST: SCANNED, CONF_USERNAME: "root", CONF_PASSWORD: DEFAULT}
    await hass.async_block_till_done()


async def test_entities_read_what_the_miner_reports(hass: HomeAssistant, added: Added) -> None:
    assert float(added.state(hass, "sensor", "hashrate").state) == pytest.approx(99.37, abs=0.01)
    assert float(added.state(hass, "sensor", "power").state) == 2166.6
    assert added.state(hass, "binary_sensor", "mining").state == STATE_ON
    # board 0 is detected and disabled: 0 TH/s; boards 1 and 2 mine
    assert float(added.state(hass, "sensor", "board_0_hashrate").state) == 0
    assert float(added.state(hass, "sensor", "board_1_hashrate").state) == pytest.approx(49.440724)
    assert float(added.state(hass, "sensor", "board_2_hashrate").state) == pytest.approx(49.925124)
    assert float(added.state(hass, "sensor", "board_1_temperature").state) == 67.0
    assert float(added.state(hass, "sensor", "board_2_temperature").state) == 64.312
    assert float(added.state(hass, "sensor", "board_1_inlet_temperature").state) == 55.062
    power = added.state(hass, "number", NumberKey.POWER_TARGET)
    assert (power.attributes["min"], power.attributes["max"]) == (1700, 4400)
    rate = added.state(hass, "number", NumberKey.HASHRATE_TARGET)
    assert float(rate.state) == 143
    assert added.state(hass, "select", ChoiceKey.FAN_MODE).state == "auto"
    assert added.state(hass, "switch", "fault_light").state == STATE_OFF


async def test_mining_switch_stops_and_starts(
    hass: HomeAssistant, added: Added, freezer: FrozenDateTimeFactory
) -> None:
    await added.call(hass, "switch", "turn_off", "mining")
    await poll(hass, freezer)
    assert added.sim.state.operating_state == "Idling"
    assert added.state(hass, "switch", "mining").state == STATE_OFF
    assert added.state(hass, "binary_sensor", "mining").state == STATE_OFF
    await added.call(hass, "switch", "turn_on", "mining")
    await poll(hass, freezer)
    assert added.sim.state.operating_state == "Mining"
    assert added.state(hass, "switch", "mining").state == STATE_ON


async def test_power_and_hashrate_targets_from_home_assistant(
    hass: HomeAssistant, added: Added, freezer: FrozenDateTimeFactory
) -> None:
    await added.call(hass, "number", "set_value", NumberKey.POWER_TARGET, value=3000)
    await poll(hass, freezer)
    assert (added.sim.state.algo, added.sim.state.target) == ("Power", 3000)
    assert float(added.state(hass, "number", NumberKey.POWER_TARGET).state) == 3000
    assert float(added.state(hass, "sensor", "power").state) == 3000
    with pytest.raises(ServiceValidationError, match="4400"):
        await added.call(hass, "number", "set_value", NumberKey.POWER_TARGET, value=5000)
    assert added.sim.state.target == 3000
    await added.call(hass, "number", "set_value", NumberKey.HASHRATE_TARGET, value=120)
    await poll(hass, freezer)
    assert (added.sim.state.algo, added.sim.state.target) == ("VoltageOptimizer", 120)
    assert float(added.state(hass, "number", NumberKey.HASHRATE_TARGET).state) == 120


async def test_fan_from_home_assistant(
    hass: HomeAssistant, added: Added, freezer: FrozenDateTimeFactory
) -> None:
    await added.call(hass, "number", "set_value", NumberKey.FAN_SPEED, value=65)
    await poll(hass, freezer)
    assert added.sim.state.fan_mode == {"Manual": 65}
    assert added.state(hass, "select", ChoiceKey.FAN_MODE).state == "manual"
    await added.call(hass, "select", "select_option", ChoiceKey.FAN_MODE, option="auto")
    await poll(hass, freezer)
    assert "Auto" in added.sim.state.fan_mode
    assert added.state(hass, "select", ChoiceKey.FAN_MODE).state == "auto"


async def test_light_identify_restart_and_reboot(hass: HomeAssistant, added: Added) -> None:
    await added.call(hass, "switch", "turn_on", "fault_light")
    assert added.sim.state.locate is True
    await added.call(hass, "switch", "turn_off", "fault_light")
    assert added.sim.state.locate is False
    await added.call(hass, "button", "press", "identify")
    assert added.sim.state.locate is True

    await added.call(hass, "button", "press", "restart_backend")
    assert added.sim.state.posted[-1] == ("/softreboot", None)

    booted = added.sim.state.booted
    await added.call(hass, "button", "press", "reboot")
    assert added.sim.state.posted[-1] == ("/reboot", 0)
    async with asyncio.timeout(5):
        while added.sim.state.booted == booted:  # noqa: ASYNC110  (no event to wait on)
            await asyncio.sleep(0.05)


async def test_diagnostics_and_states_hold_no_password(
    hass: HomeAssistant,
    start_sim: SimFactory,
    hass_client: ClientSessionGenerator,
    freezer: FrozenDateTimeFactory,
) -> None:
    password, pool_password = "EpicDiagPw7Rt", "PoolDiagPw3Zs"
    sim: Any = await start_sim(S19XP_POWER, DIAGNOSED, password=password)
    sim.state.stratum_configs[0]["password"] = pool_password
    entry = await setup_entry(hass, entry_for(sim, DIAGNOSED, password=password))
    added = Added(sim, entry)
    await added.call(hass, "number", "set_value", NumberKey.POWER_TARGET, value=2500)
    await poll(hass, freezer)
    assert sim.state.target == 2500  # the password went out in the POST body
    diagnostics = await get_diagnostics_for_config_entry(hass, hass_client, entry)
    states = [state.as_dict() for state in hass.states.async_all()]
    for text in (repr(diagnostics), repr(states)):
        assert password not in text
        assert pool_password not in text


async def test_a_stock_antminer_reflashed_with_epic_gets_its_backend(
    hass: HomeAssistant, start_sim: SimFactory, freezer: FrozenDateTimeFactory
) -> None:
    """A stock Antminer reflashed with ePIC (same MAC, same address): within the hour the
    entry is set up again with ePIC's backend and entities; the stock login it stored gives
    way to ePIC's own default, which its controls carry."""
    stock = await start_sim("antminer-s19pro", REFLASHED)
    entry = await setup_entry(hass, entry_for(stock, REFLASHED))
    assert entry.runtime_data.miner.firmware == "Stock"
    await stock.stop()
    epic = make_miner(S19XP, REFLASHED, mac=stock.mac, reboot_seconds=0.5)
    await epic.start()
    try:
        await poll(hass, freezer, REIDENTIFY_INTERVAL + timedelta(seconds=1))
        assert entry.state is ConfigEntryState.LOADED
        assert entry.runtime_data.miner.firmware == "ePIC"
        assert CONF_PASSWORD not in entry.data
        added = Added(epic, entry)
        assert float(added.state(hass, "number", NumberKey.HASHRATE_TARGET).state) == 143
        await added.call(hass, "switch", "turn_on", "fault_light")
        assert epic.state.locate is True  # with ePIC's default password
    finally:
        await hass.config_entries.async_unload(entry.entry_id)
        await epic.stop()


@pytest.fixture
def held_session(monkeypatch: pytest.MonkeyPatch) -> None:
    """The session's uptime held where the capture has it."""
    monkeypatch.setattr(EpicState, "summary", _captured_uptime(EpicState.summary))


def _captured_uptime(summary: Any) -> Any:
    def held(state: EpicState, hostname: str) -> dict[str, Any]:
        reply: dict[str, Any] = summary(state, hostname)
        reply["Session"]["Uptime"] = 23170
        return reply

    return held


@pytest.mark.parametrize(
    "platform", ["binary_sensor", "button", "number", "select", "sensor", "switch"]
)
@pytest.mark.usefixtures("entity_registry_enabled_by_default", "held_session")
async def test_every_entity(
    hass: HomeAssistant,
    start_sim: SimFactory,
    entity_registry: er.EntityRegistry,
    snapshot: SnapshotAssertion,
    platform: Platform,
) -> None:
    sim: Any = await start_sim(S19XP, SNAPSHOT, password=DEFAULT, mac="02:45:50:49:43:01")
    entry = await setup_entry(hass, entry_for(sim, SNAPSHOT, password=DEFAULT), [platform])
    await snapshot_platform(hass, entity_registry, snapshot, entry.entry_id)
