"""The heater: a miner's climate entity holding a room temperature by the miner's draw.

Simulated miners over real sockets on 127.0.90.x; the room is a plain temperature sensor
state the tests set, the clock is moved with the freezer.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any
from unittest.mock import patch

import pytest
from freezegun.api import FrozenDateTimeFactory
from homeassistant.components.climate.const import (
    ATTR_HVAC_ACTION,
    ATTR_HVAC_MODE,
    SERVICE_SET_HVAC_MODE,
    SERVICE_SET_TEMPERATURE,
    HVACAction,
    HVACMode,
)
from homeassistant.components.climate.const import (
    DOMAIN as CLIMATE_DOMAIN,
)
from homeassistant.components.switch.const import DOMAIN as SWITCH_DOMAIN
from homeassistant.config_entries import ConfigEntryState
from homeassistant.const import (
    ATTR_ENTITY_ID,
    ATTR_TEMPERATURE,
    CONF_HOST,
    CONF_PASSWORD,
    CONF_USERNAME,
    SERVICE_TURN_OFF,
    SERVICE_TURN_ON,
    STATE_UNAVAILABLE,
    Platform,
)
from homeassistant.core import HomeAssistant, State
from homeassistant.data_entry_flow import FlowResultType
from homeassistant.exceptions import HomeAssistantError
from homeassistant.helpers import entity_registry as er
from homeassistant.helpers.device_registry import format_mac
from homeassistant.util import dt as dt_util
from pytest_homeassistant_custom_component.common import (
    MockConfigEntry,
    async_fire_time_changed,
    mock_restore_cache,
    mock_restore_cache_with_extra_data,
)

from custom_components.asic_miner.const import (
    CONF_ENTITY_GROUPS,
    CONF_ROOM_SENSOR,
    CONF_SCAN_INTERVAL,
    DOMAIN,
    SCAN_INTERVAL,
)
from tests.simulator.avalon import AvalonSim

from .conftest import (
    WHATSMINER_PASSWORD,
    SimFactory,
    entry_for,
    setup_entry,
    start_whatsminer,
    whatsminer_entry_for,
)

ROOM = "sensor.room"
MINI3_HOST = "127.0.90.10"
BOS_HOST = "127.0.90.11"
M50S_HOST = "127.0.90.12"
S19PRO_HOST = "127.0.90.13"
S9_HOST = "127.0.90.14"
PLATFORMS = [Platform.CLIMATE, Platform.SENSOR, Platform.SWITCH]
ECO, SUPER = -1, 0  # the Mini 3's work levels (WORKLEVEL)


@dataclass
class Heater:
    sim: Any
    entry: MockConfigEntry
    entity_id: str

    def state(self, hass: HomeAssistant) -> State:
        state = hass.states.get(self.entity_id)
        assert state is not None
        return state

    def reason(self, hass: HomeAssistant) -> str:
        return str(self.state(hass).attributes["reason"])

    def draw(self, hass: HomeAssistant) -> float:
        """The miner's power draw, as it reports it (its Power sensor)."""
        entity_id = er.async_get(hass).async_get_entity_id(
            "sensor", DOMAIN, f"{self.entry.unique_id}_power"
        )
        assert entity_id is not None
        state = hass.states.get(entity_id)
        assert state is not None
        return float(state.state)


def _room(hass: HomeAssistant, celsius: float | str) -> None:
    hass.states.async_set(
        ROOM, str(celsius), {"unit_of_measurement": "°C", "device_class": "temperature"}
    )


async def _settle(hass: HomeAssistant) -> None:
    await hass.async_block_till_done(wait_background_tasks=True)


async def _later(hass: HomeAssistant, freezer: FrozenDateTimeFactory, after: timedelta) -> None:
    """Let ``after`` pass: the coordinator polls, the heater decides again."""
    freezer.tick(after)
    async_fire_time_changed(hass)
    await _settle(hass)


async def _room_now(hass: HomeAssistant, celsius: float | str) -> None:
    _room(hass, celsius)
    await _settle(hass)


async def _climate(hass: HomeAssistant, service: str, heater: Heater, **data: Any) -> None:
    await hass.services.async_call(
        CLIMATE_DOMAIN, service, {ATTR_ENTITY_ID: heater.entity_id, **data}, blocking=True
    )
    await _settle(hass)


async def _heat(hass: HomeAssistant, heater: Heater, target: float = 21.0) -> None:
    await _climate(hass, SERVICE_SET_TEMPERATURE, heater, **{ATTR_TEMPERATURE: target})
    await _climate(hass, SERVICE_SET_HVAC_MODE, heater, **{ATTR_HVAC_MODE: HVACMode.HEAT})


def _with_room(entry: MockConfigEntry, **options: Any) -> MockConfigEntry:
    return MockConfigEntry(
        domain=DOMAIN,
        title=entry.title,
        unique_id=entry.unique_id,
        data=dict(entry.data),
        options={CONF_ROOM_SENSOR: ROOM, **options},
    )


async def _set_up(
    hass: HomeAssistant, start_sim: SimFactory, model: str, host: str, **sim_options: Any
) -> Heater:
    if model.startswith("whatsminer"):
        sim = await start_whatsminer(
            start_sim, model, host, password=WHATSMINER_PASSWORD, write_api=True
        )
        base = whatsminer_entry_for(sim, host, username="admin")
    elif model.startswith("avalon"):
        sim = await start_sim(model, host, password=None, **sim_options)
        base = MockConfigEntry(
            domain=DOMAIN,
            title="Avalon Mini 3",
            unique_id=format_mac(sim.mac),
            data={CONF_HOST: host},  # an Avalon needs no login
        )
    elif model.startswith("braiins"):
        sim = await start_sim(model, host, password="", **sim_options)
        base = MockConfigEntry(
            domain=DOMAIN,
            title="Antminer S21 Pro",
            unique_id=format_mac(sim.mac),
            data={CONF_HOST: host, CONF_USERNAME: "root", CONF_PASSWORD: ""},
        )
    else:
        sim = await start_sim(model, host, **sim_options)
        base = entry_for(sim, host)
    entry = await setup_entry(hass, _with_room(base), PLATFORMS)
    entity_id = er.async_get(hass).async_get_entity_id(
        CLIMATE_DOMAIN, DOMAIN, f"{entry.unique_id}_heater"
    )
    assert entity_id is not None
    return Heater(sim, entry, entity_id)


async def _rebooted(hass: HomeAssistant, freezer: FrozenDateTimeFactory, sim: Any) -> None:
    """A Whatsminer restarts on a new limit: the clock moved on until it is back (its
    sockets close in real time meanwhile), then a poll."""
    booted_at = sim.state.booted_at
    for _ in range(100):
        await _later(hass, freezer, timedelta(seconds=0.5))
        if sim.online and sim.state.booted_at != booted_at:
            break
    await _later(hass, freezer, SCAN_INTERVAL)


# -- a miner whose levels set its draw (Avalon Mini 3) ----------------------------------------


async def _mini3(hass: HomeAssistant, start_sim: SimFactory) -> Heater:
    heater = await _set_up(hass, start_sim, "avalon-mini3", MINI3_HOST)
    assert heater.state(hass).state == HVACMode.OFF  # until the user turns it on
    assert heater.entry.runtime_data.heater_holds is None
    return heater


async def test_the_draw_follows_the_room(
    hass: HomeAssistant, start_sim: SimFactory, freezer: FrozenDateTimeFactory
) -> None:
    """Cold: the Mini 3 runs at its highest level; near the target at its lowest; too warm
    it stops (soft off, carried out seconds later)."""
    _room(hass, 18.0)
    heater = await _mini3(hass, start_sim)
    sim: AvalonSim = heater.sim
    sim.state.work_level = ECO
    await _later(hass, freezer, SCAN_INTERVAL)
    eco_watts = sim.power_watts
    assert heater.state(hass).attributes["current_temperature"] == 18.0

    await _heat(hass, heater)
    state = heater.state(hass)
    assert state.state == HVACMode.HEAT
    assert state.attributes[ATTR_HVAC_ACTION] == HVACAction.HEATING
    assert heater.entry.runtime_data.heater_holds == "heater"  # a fleet leaves it alone
    assert sim.state.work_level == SUPER
    assert sim.power_watts > eco_watts
    assert (state.attributes["wanted_draw"], heater.reason(hass)) == (850, "cold")

    await _room_now(hass, 21.0)
    assert sim.state.work_level == ECO
    assert sim.power_watts == eco_watts
    assert heater.reason(hass) == "near_target"

    await _room_now(hass, 21.6)
    assert heater.reason(hass) == "warm"
    # Stopping, not stopped yet (the firmware takes seconds): it shows idle at once.
    assert heater.state(hass).attributes[ATTR_HVAC_ACTION] == HVACAction.IDLE
    await _later(hass, freezer, SCAN_INTERVAL)
    assert sim.state.soft_off is True
    assert sim.power_watts < eco_watts
    state = heater.state(hass)
    assert state.attributes[ATTR_HVAC_ACTION] == HVACAction.IDLE
    assert state.attributes["wanted_draw"] == 0


async def test_it_switches_no_more_often_than_min_on_and_off_allow(
    hass: HomeAssistant, start_sim: SimFactory, freezer: FrozenDateTimeFactory
) -> None:
    """Stopped, it rests 5 minutes however cold the room gets; started, it runs 10 minutes
    (at its lowest level) however warm."""
    _room(hass, 22.0)
    heater = await _mini3(hass, start_sim)
    sim: AvalonSim = heater.sim
    await _heat(hass, heater)
    await _later(hass, freezer, SCAN_INTERVAL)
    assert sim.state.soft_off is True  # stopped at 0:00

    await _room_now(hass, 19.0)
    for _ in range(8):  # 0:30 .. 4:30
        await _later(hass, freezer, SCAN_INTERVAL)
        assert sim.state.soft_off is True
        assert heater.reason(hass) == "min_off"
    await _later(hass, freezer, SCAN_INTERVAL)  # 5:00: started
    await _later(hass, freezer, SCAN_INTERVAL)
    assert sim.state.soft_off is False
    assert sim.state.work_level == SUPER
    assert heater.state(hass).attributes[ATTR_HVAC_ACTION] == HVACAction.HEATING

    await _room_now(hass, 23.0)  # 5:30
    assert sim.state.work_level == ECO
    assert heater.reason(hass) == "min_on"
    for _ in range(18):  # 6:00 .. 14:30
        await _later(hass, freezer, SCAN_INTERVAL)
        assert sim.state.soft_off is False
    await _later(hass, freezer, SCAN_INTERVAL)  # 15:00: ten minutes on, stopped
    await _later(hass, freezer, SCAN_INTERVAL)
    assert sim.state.soft_off is True
    assert heater.reason(hass) == "warm"


async def test_off_stops_mining_once(
    hass: HomeAssistant, start_sim: SimFactory, freezer: FrozenDateTimeFactory
) -> None:
    """Off stops mining and hands the miner back: mining turned on again by hand stays on."""
    _room(hass, 18.0)
    heater = await _mini3(hass, start_sim)
    sim: AvalonSim = heater.sim
    await _heat(hass, heater)
    assert sim.state.soft_off is False

    await _climate(hass, SERVICE_TURN_OFF, heater)
    await _later(hass, freezer, SCAN_INTERVAL)
    assert sim.state.soft_off is True
    state = heater.state(hass)
    assert state.state == HVACMode.OFF
    assert state.attributes[ATTR_HVAC_ACTION] == HVACAction.OFF
    assert heater.entry.runtime_data.heater_holds is None

    mining = "switch.avalon_mini_3_mining"
    await hass.services.async_call(
        SWITCH_DOMAIN, SERVICE_TURN_ON, {ATTR_ENTITY_ID: mining}, blocking=True
    )
    for _ in range(3):
        await _later(hass, freezer, SCAN_INTERVAL)
    assert sim.state.soft_off is False
    assert heater.state(hass).state == HVACMode.OFF


async def test_mode_and_target_are_restored(
    hass: HomeAssistant, start_sim: SimFactory, freezer: FrozenDateTimeFactory
) -> None:
    mock_restore_cache(
        hass, [State("climate.avalon_mini_3_heater", HVACMode.HEAT, {ATTR_TEMPERATURE: 19.5})]
    )
    _room(hass, 19.2)
    heater = await _set_up(hass, start_sim, "avalon-mini3", MINI3_HOST)
    state = heater.state(hass)
    assert heater.entity_id == "climate.avalon_mini_3_heater"
    assert (state.state, state.attributes[ATTR_TEMPERATURE]) == (HVACMode.HEAT, 19.5)
    assert heater.entry.runtime_data.heater_holds == "heater"
    # 0.3 °C below 19.5: the lowest level, and it acts at once.
    assert heater.sim.state.work_level == ECO


async def test_its_minimum_on_time_survives_a_restart(
    hass: HomeAssistant, start_sim: SimFactory, freezer: FrozenDateTimeFactory
) -> None:
    """Started two minutes before Home Assistant restarted: a room already warm keeps the
    Mini 3 at its lowest level until its 10 minutes are over, then it stops."""
    started = dt_util.utcnow() - timedelta(minutes=2)
    mock_restore_cache_with_extra_data(
        hass,
        [
            (
                State("climate.avalon_mini_3_heater", HVACMode.HEAT, {ATTR_TEMPERATURE: 21.0}),
                {"started": started.isoformat(), "stopped": None, "changed": None},
            )
        ],
    )
    _room(hass, 23.0)
    heater = await _set_up(hass, start_sim, "avalon-mini3", MINI3_HOST)
    assert heater.reason(hass) == "min_on"
    assert (heater.sim.state.soft_off, heater.sim.state.work_level) == (False, ECO)
    for _ in range(15):  # 2:30 .. 9:30 since it started
        await _later(hass, freezer, SCAN_INTERVAL)
        assert heater.sim.state.soft_off is False
    for _ in range(2):  # 10:00: its ten minutes on are over
        await _later(hass, freezer, SCAN_INTERVAL)
    assert heater.reason(hass) == "warm"
    assert heater.sim.state.soft_off is True


async def test_no_room_temperature_changes_nothing(
    hass: HomeAssistant, start_sim: SimFactory, freezer: FrozenDateTimeFactory
) -> None:
    _room(hass, 18.0)
    heater = await _mini3(hass, start_sim)
    sim: AvalonSim = heater.sim
    await _heat(hass, heater)
    for reading in (STATE_UNAVAILABLE, "warm", "nan"):
        await _room_now(hass, reading)
        await _later(hass, freezer, SCAN_INTERVAL)
        assert heater.reason(hass) == "no_temperature"
        assert heater.state(hass).attributes["current_temperature"] is None
        assert (sim.state.soft_off, sim.state.work_level) == (False, SUPER)
    await _room_now(hass, 21.0)
    assert sim.state.work_level == ECO


# -- a power target (Braiins OS), a costly power limit (Whatsminer), a switch (Antminer) ------


async def test_a_power_target_follows_the_room(
    hass: HomeAssistant, start_sim: SimFactory, freezer: FrozenDateTimeFactory
) -> None:
    """Braiins OS: the tuner holds the power target the heater sets, step by step."""
    _room(hass, 20.5)
    heater = await _set_up(hass, start_sim, "braiins-s21-bos", BOS_HOST)
    before = heater.draw(hass)
    await _heat(hass, heater)
    await _later(hass, freezer, SCAN_INTERVAL)
    halfway = heater.draw(hass)
    assert heater.reason(hass) == "heating"
    assert halfway < before
    await _room_now(hass, 18.0)
    await _later(hass, freezer, SCAN_INTERVAL)
    cold = heater.draw(hass)
    assert heater.reason(hass) == "cold"
    await _room_now(hass, 21.2)
    await _later(hass, freezer, SCAN_INTERVAL)
    near = heater.draw(hass)
    assert heater.reason(hass) == "near_target"
    assert cold > halfway > near
    assert heater.state(hass).attributes[ATTR_HVAC_ACTION] == HVACAction.HEATING


async def test_a_costly_limit_changes_seldom_and_a_failed_control_is_retried(
    hass: HomeAssistant,
    start_sim: SimFactory,
    freezer: FrozenDateTimeFactory,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """A Whatsminer restarts for a new power limit: the limit changes at most every 15
    minutes. Refused writes leave the heater there (logged once), tried again at each poll."""
    _room(hass, 20.5)
    heater = await _set_up(hass, start_sim, "whatsminer-m50s", M50S_HOST)
    sim = heater.sim
    full = heater.draw(hass)
    await _heat(hass, heater)
    assert sim.state.power_limit == 2800  # halfway between its lowest and highest
    await _rebooted(hass, freezer, sim)
    assert heater.draw(hass) < full

    await _room_now(hass, 20.0)  # cold: 3600 W wanted, but the limit changed just now
    for _ in range(2):
        await _later(hass, freezer, timedelta(minutes=7))
        assert sim.state.power_limit == 2800
        assert heater.reason(hass) == "costly"

    sim.state.write_api_enabled = False
    await _later(hass, freezer, timedelta(minutes=1))  # 15 minutes since the change
    await _later(hass, freezer, SCAN_INTERVAL)
    assert sim.state.power_limit == 2800
    state = heater.state(hass)
    assert state.state == HVACMode.HEAT
    assert state.attributes["reason"] == "control_failed"
    warnings = [r for r in caplog.records if "could not control" in r.getMessage()]
    assert len(warnings) == 1
    assert WHATSMINER_PASSWORD not in caplog.text

    sim.state.write_api_enabled = True
    await _later(hass, freezer, SCAN_INTERVAL)
    assert sim.state.power_limit == 3600
    await _rebooted(hass, freezer, sim)
    assert heater.reason(hass) == "cold"
    assert heater.draw(hass) > 2800

    # Turned off while writes are refused: the user is told, and the stop is sent later.
    sim.state.write_api_enabled = False
    with pytest.raises(HomeAssistantError) as refused:
        await _climate(hass, SERVICE_TURN_OFF, heater)
    assert refused.value.translation_key == "write_api_disabled"
    assert heater.state(hass).state == HVACMode.OFF
    assert sim.state.mining is True
    sim.state.write_api_enabled = True
    await _later(hass, freezer, SCAN_INTERVAL)
    assert sim.state.mining is False


async def test_a_switch_only_miner_goes_on_and_off_around_the_target(
    hass: HomeAssistant, start_sim: SimFactory, freezer: FrozenDateTimeFactory
) -> None:
    """A stock Antminer can only sleep and wake: off above the target, on below it, with
    0.4 °C either side where it stays as it is."""
    _room(hass, 21.2)
    heater = await _set_up(hass, start_sim, "antminer-s19pro", S19PRO_HOST)
    sim = heater.sim
    await _heat(hass, heater)
    assert sim.state.mining is True  # within the hysteresis: left running
    await _room_now(hass, 21.4)
    await _later(hass, freezer, SCAN_INTERVAL)
    assert sim.state.mining is False
    assert heater.state(hass).attributes[ATTR_HVAC_ACTION] == HVACAction.IDLE

    await _later(hass, freezer, timedelta(minutes=5))
    await _room_now(hass, 20.7)
    await _later(hass, freezer, SCAN_INTERVAL)
    assert sim.state.mining is False  # within the hysteresis: left stopped
    await _room_now(hass, 20.5)
    await _later(hass, freezer, SCAN_INTERVAL)
    assert sim.state.mining is True
    assert heater.state(hass).attributes[ATTR_HVAC_ACTION] == HVACAction.HEATING


async def test_no_heater_without_a_room_sensor_or_a_power_control(
    hass: HomeAssistant, start_sim: SimFactory
) -> None:
    """An Antminer S9 can neither set its draw nor sleep: no heater, room sensor or not."""
    _room(hass, 18.0)
    sim = await start_sim("antminer-s9", S9_HOST)
    entry = await setup_entry(hass, _with_room(entry_for(sim, S9_HOST)), PLATFORMS)
    assert entry.state is ConfigEntryState.LOADED
    assert hass.states.async_entity_ids(CLIMATE_DOMAIN) == []


async def test_the_options_add_and_remove_the_heater(
    hass: HomeAssistant, start_sim: SimFactory
) -> None:
    _room(hass, 18.0)
    sim = await start_sim("antminer-s19pro", S19PRO_HOST)
    entry = await setup_entry(hass, entry_for(sim, S19PRO_HOST), PLATFORMS)
    assert hass.states.async_entity_ids(CLIMATE_DOMAIN) == []

    async def save(**extra: Any) -> None:
        result = await hass.config_entries.options.async_init(entry.entry_id)
        assert result["type"] is FlowResultType.FORM
        result = await hass.config_entries.options.async_configure(
            result["flow_id"], {CONF_SCAN_INTERVAL: 30, CONF_ENTITY_GROUPS: [], **extra}
        )
        assert result["type"] is FlowResultType.CREATE_ENTRY
        await _settle(hass)

    with patch("custom_components.asic_miner.PLATFORMS", PLATFORMS):
        await save(**{CONF_ROOM_SENSOR: ROOM})
        assert entry.options[CONF_ROOM_SENSOR] == ROOM
        heater = "climate.antminer_s19_pro_heater"
        state = hass.states.get(heater)
        assert state is not None
        assert state.attributes["current_temperature"] == 18.0

        result = await hass.config_entries.options.async_init(entry.entry_id)
        suggested = {
            key.schema: (key.description or {}).get("suggested_value")
            for key in result["data_schema"].schema
        }
        assert suggested[CONF_ROOM_SENSOR] == ROOM
        hass.config_entries.options.async_abort(result["flow_id"])

        await save()
        assert CONF_ROOM_SENSOR not in entry.options
        assert hass.states.get(heater) is None
        assert er.async_get(hass).async_get(heater) is None
