"""ePIC PowerPlay on a simulated S19 XP, through Home Assistant: found by the config flow
(added by address, and by a scan) with the firmware's default password, its entities
reading what the miner reports (per board), and controlled from them (mining switch,
power and hashrate targets, fan, light, identify, reboot, restart); every entity as a
snapshot. Addresses: 127.0.98.1-40."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from freezegun.api import FrozenDateTimeFactory
from homeassistant.config_entries import ConfigEntryState
from homeassistant.const import (
    CONF_PASSWORD,
    STATE_OFF,
    STATE_ON,
    Platform,
)
from homeassistant.core import HomeAssistant
from homeassistant.helpers import entity_registry as er
from pytest_homeassistant_custom_component.common import snapshot_platform
from pytest_homeassistant_custom_component.components.diagnostics import (
    get_diagnostics_for_config_entry,
)
from pytest_homeassistant_custom_component.typing import ClientSessionGenerator
from syrupy.assertion import SnapshotAssertion

from custom_components.asic_miner.const import REIDENTIFY_INTERVAL
from custom_components.asic_miner.driver import ChoiceKey, NumberKey
from tests.simulator.epic import EpicSim
from tests.simulator.epic.state import EpicState
from tests.simulator.epic.testing import S19XP, S19XP_POWER
from tests.simulator.families import make_miner

from .conftest import SimFactory, entry_for, setup_entry
from .family_steps import (
    Added,
    add_from_a_scan,
    add_with_its_login,
    assert_added,
    network_adapters,
    wait_until,
)
from .flows import add_by_address
from .miners import poll

HOST = "127.0.98.1"
SCANNED = "127.0.98.2"
SNAPSHOT = "127.0.98.3"
CHANGED = "127.0.98.4"
DIAGNOSED = "127.0.98.5"
REFLASHED = "127.0.98.6"
TITLE = "Antminer S19 XP"
DEFAULT = "letmein"


@pytest.fixture
async def added(hass: HomeAssistant, start_sim: SimFactory) -> Added[EpicSim]:
    sim = await start_sim(S19XP_POWER, HOST, password=DEFAULT)
    assert isinstance(sim, EpicSim)
    return Added(sim, await add_by_address(hass, HOST))


async def test_added_by_address_with_the_default_password(
    hass: HomeAssistant, added: Added[EpicSim]
) -> None:
    assert_added(added.entry, added.sim, TITLE, ("root", DEFAULT))
    assert ("/authenticate", None) in added.sim.state.posted  # the password was checked


async def test_a_changed_password_is_asked_for(hass: HomeAssistant, start_sim: SimFactory) -> None:
    await start_sim(S19XP, CHANGED, password="s3cret-Pw")
    await add_with_its_login(hass, CHANGED, "root", "s3cret-Pw", wrong="wrong")


async def test_found_by_a_scan_and_added(hass: HomeAssistant, start_sim: SimFactory) -> None:
    sim = await start_sim(S19XP, SCANNED, password=DEFAULT)
    with network_adapters("127.0.98.1"):
        await add_from_a_scan(hass, sim, TITLE, login=("root", DEFAULT))


async def test_entities_read_what_the_miner_reports(
    hass: HomeAssistant, added: Added[EpicSim]
) -> None:
    assert added.value(hass, "sensor", "hashrate") == pytest.approx(99.37, abs=0.01)
    assert added.value(hass, "sensor", "power") == 2166.6
    assert added.state(hass, "binary_sensor", "mining").state == STATE_ON
    # board 0 is detected and disabled: 0 TH/s; boards 1 and 2 mine
    assert added.value(hass, "sensor", "board_0_hashrate") == 0
    assert added.value(hass, "sensor", "board_1_hashrate") == pytest.approx(49.440724)
    assert added.value(hass, "sensor", "board_2_hashrate") == pytest.approx(49.925124)
    assert added.value(hass, "sensor", "board_1_temperature") == 67.0
    assert added.value(hass, "sensor", "board_2_temperature") == 64.312
    assert added.value(hass, "sensor", "board_1_inlet_temperature") == 55.062
    added.assert_power_target(hass, None, (1700, 4400))
    assert added.value(hass, "number", NumberKey.HASHRATE_TARGET) == 143
    assert added.state(hass, "select", ChoiceKey.FAN_MODE).state == "auto"
    assert added.state(hass, "switch", "fault_light").state == STATE_OFF


async def test_mining_switch_stops_and_starts(
    hass: HomeAssistant, added: Added[EpicSim], freezer: FrozenDateTimeFactory
) -> None:
    await added.mining_paused(hass, lambda sim: sim.state.operating_state != "Idling", freezer)
    await added.mining_resumed(hass, lambda sim: sim.state.operating_state == "Mining", freezer)


async def test_power_and_hashrate_targets_from_home_assistant(
    hass: HomeAssistant, added: Added[EpicSim], freezer: FrozenDateTimeFactory
) -> None:
    await added.set_number(hass, NumberKey.POWER_TARGET, 3000, freezer)
    assert (added.sim.state.algo, added.sim.state.target) == ("Power", 3000)
    assert added.value(hass, "sensor", "power") == 3000
    await added.number_refused(hass, NumberKey.POWER_TARGET, 5000, maximum=4400)
    assert added.sim.state.target == 3000
    await added.set_number(hass, NumberKey.HASHRATE_TARGET, 120, freezer)
    assert (added.sim.state.algo, added.sim.state.target) == ("VoltageOptimizer", 120)


async def test_fan_from_home_assistant(
    hass: HomeAssistant, added: Added[EpicSim], freezer: FrozenDateTimeFactory
) -> None:
    await added.set_number(hass, NumberKey.FAN_SPEED, 65, freezer)
    assert added.sim.state.fan_mode == {"Manual": 65}
    assert added.state(hass, "select", ChoiceKey.FAN_MODE).state == "manual"
    await added.call(hass, "select", "select_option", ChoiceKey.FAN_MODE, option="auto")
    await poll(hass, freezer)
    assert "Auto" in added.sim.state.fan_mode
    assert added.state(hass, "select", ChoiceKey.FAN_MODE).state == "auto"


async def test_light_identify_restart_and_reboot(
    hass: HomeAssistant, added: Added[EpicSim]
) -> None:
    await added.switch(hass, "fault_light", lambda sim: sim.state.locate)
    await added.call(hass, "button", "press", "identify")
    assert added.sim.state.locate is True

    await added.call(hass, "button", "press", "restart_backend")
    assert added.sim.state.posted[-1] == ("/softreboot", None)

    booted = added.sim.state.booted
    await added.call(hass, "button", "press", "reboot")
    assert added.sim.state.posted[-1] == ("/reboot", 0)
    await wait_until(lambda: added.sim.state.booted != booted)


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
    await Added(sim, entry).set_number(hass, NumberKey.POWER_TARGET, 2500, freezer)
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
        assert added.value(hass, "number", NumberKey.HASHRATE_TARGET) == 143
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
