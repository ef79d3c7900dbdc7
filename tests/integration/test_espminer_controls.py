"""Controlling ESP-Miner devices from their Home Assistant entities and actions: the change
reaches the simulated device, and what the firmware would not take is refused before
anything is sent. Simulated miners on 127.0.47.2x."""

from __future__ import annotations

import dataclasses
import logging
from typing import Any

import pytest
from homeassistant.components.button.const import DOMAIN as BUTTON_DOMAIN
from homeassistant.components.button.const import SERVICE_PRESS
from homeassistant.components.number.const import ATTR_VALUE, SERVICE_SET_VALUE
from homeassistant.components.number.const import DOMAIN as NUMBER_DOMAIN
from homeassistant.components.select import ATTR_OPTION, SERVICE_SELECT_OPTION
from homeassistant.components.select.const import DOMAIN as SELECT_DOMAIN
from homeassistant.components.switch.const import DOMAIN as SWITCH_DOMAIN
from homeassistant.components.text.const import DOMAIN as TEXT_DOMAIN
from homeassistant.components.text.const import SERVICE_SET_VALUE as SERVICE_SET_TEXT
from homeassistant.const import (
    ATTR_DEVICE_ID,
    ATTR_ENTITY_ID,
    SERVICE_TURN_OFF,
    SERVICE_TURN_ON,
    STATE_OFF,
    STATE_ON,
)
from homeassistant.core import HomeAssistant
from homeassistant.exceptions import HomeAssistantError, ServiceValidationError
from homeassistant.helpers import entity_registry as er

from custom_components.asic_miner.const import DOMAIN
from tests.simulator.espminer.state import PoolSlot

from .conftest import SimFactory
from .test_espminer_common import (
    GAMMA,
    GAMMA_212,
    NERDQAXE,
    SUPRA,
    EspModel,
    SetUpEsp,
    count_requests,
    set_up_esp,
    wait_until,
)

HOSTS = {
    GAMMA: "127.0.47.20",
    GAMMA_212: "127.0.47.21",
    SUPRA: "127.0.47.22",
    NERDQAXE: "127.0.47.23",
}
IDS = {GAMMA: "gamma-2.15", GAMMA_212: "gamma-2.12", SUPRA: "supra-2.4", NERDQAXE: "nerdqaxe++"}
# The firmware's automatic fan control: AxeOS autofanspeed 1, NerdOS 2 (its PID).
AUTO_FAN = {GAMMA: 1, SUPRA: 1, NERDQAXE: 2}
# The target temperature the firmware takes (AxeOS nvs_config.c temptarget, NerdOS).
TARGET_BOUNDS = {GAMMA: (35, 66), NERDQAXE: (30, 80)}
POOL_PASSWORD = "pool-s3cret-6d1e"
PRIMARY = {
    "url": "stratum+tcp://pool.example.org:4444",
    "username": "me.rig",
    "password": POOL_PASSWORD,
}
FALLBACK = {"url": "stratum+tcp://backup.example.org:3333", "username": "me.rig2"}


def _models(*models: EspModel) -> pytest.MarkDecorator:
    return pytest.mark.parametrize("model", models, ids=IDS.get)


async def _set_up(hass: HomeAssistant, start_sim: SimFactory, model: EspModel) -> SetUpEsp:
    return await set_up_esp(hass, start_sim, model, HOSTS[model])


async def _call(hass: HomeAssistant, domain: str, service: str, data: dict[str, Any]) -> None:
    await hass.services.async_call(domain, service, data, blocking=True)
    await hass.async_block_till_done()


def _state(hass: HomeAssistant, entity_id: str) -> Any:
    state = hass.states.get(entity_id)
    assert state is not None, entity_id
    return state


async def _refresh(hass: HomeAssistant, miner: SetUpEsp) -> None:
    """A poll now. (The simulator restarts on the event loop's clock, which the freezer
    would stop: the tests that wait for a restart poll this way.)"""
    await miner.entry.runtime_data.async_refresh()
    await hass.async_block_till_done()


def _device_state(miner: SetUpEsp) -> dict[str, Any]:
    """Everything the simulated device keeps, to see that a refusal changed nothing."""
    return dataclasses.asdict(miner.sim.state)


def _asic_options(values: tuple[int, ...], running: float) -> list[str]:
    """The options the ASIC lists, with the value the device runs at where it is none of
    them (AxeOS's own UI lists that one as "Custom")."""
    options = set(values) | {int(running)}
    return [str(value) for value in sorted(options)]


# -- selects ---------------------------------------------------------------------------------


@_models(GAMMA, NERDQAXE, SUPRA)
async def test_frequency(hass: HomeAssistant, start_sim: SimFactory, model: EspModel) -> None:
    miner = await _set_up(hass, start_sim, model)
    spec, entity_id = miner.sim.spec, miner.entity("select", "asic_frequency")
    # The lists of /api/system/asic (v2.7 on), of the web UI before (the v2.4 Supra).
    options = _asic_options(spec.frequency_options, miner.sim.state.frequency)
    assert _state(hass, entity_id).attributes["options"] == options
    target = str(spec.frequency_options[-2])

    await _call(
        hass, SELECT_DOMAIN, SERVICE_SELECT_OPTION, {ATTR_ENTITY_ID: entity_id, ATTR_OPTION: target}
    )

    assert miner.sim.state.frequency == float(target)
    assert _state(hass, entity_id).state == target
    # What the owner sees follow: the clock and the hashrate the firmware expects from it.
    assert float(_state(hass, miner.entity("sensor", "asic_frequency")).state) == float(target)
    expected = _state(hass, miner.entity("sensor", "expected_hashrate"))
    assert float(expected.state) == pytest.approx(miner.sim.expected_hashrate_ths * 1000, abs=0.5)
    # On the ASIC's list now: a clock it ran at off the list (the NerdQAxe's 680 MHz) is
    # offered no more.
    assert _state(hass, entity_id).attributes["options"] == [str(v) for v in spec.frequency_options]


@_models(GAMMA, NERDQAXE)
async def test_core_voltage(hass: HomeAssistant, start_sim: SimFactory, model: EspModel) -> None:
    miner = await _set_up(hass, start_sim, model)
    spec, entity_id = miner.sim.spec, miner.entity("select", "core_voltage")
    assert _state(hass, entity_id).attributes["options"] == [str(v) for v in spec.voltage_options]
    target = str(spec.voltage_options[-1])

    await _call(
        hass, SELECT_DOMAIN, SERVICE_SELECT_OPTION, {ATTR_ENTITY_ID: entity_id, ATTR_OPTION: target}
    )

    assert miner.sim.state.core_voltage == int(target)
    assert _state(hass, entity_id).state == target
    assert float(_state(hass, miner.entity("sensor", "core_voltage")).state) == int(target)


@_models(GAMMA, NERDQAXE)
@pytest.mark.parametrize(("key", "outside"), [("asic_frequency", "601"), ("core_voltage", "1400")])
async def test_option_outside_the_asic_list_is_refused(
    hass: HomeAssistant, start_sim: SimFactory, model: EspModel, key: str, outside: str
) -> None:
    miner = await _set_up(hass, start_sim, model)
    before = _device_state(miner)
    counts = count_requests(hass)

    with pytest.raises(ServiceValidationError) as refused:
        await _call(
            hass,
            SELECT_DOMAIN,
            SERVICE_SELECT_OPTION,
            {ATTR_ENTITY_ID: miner.entity("select", key), ATTR_OPTION: outside},
        )

    assert refused.value.translation_key is not None
    message = str(refused.value)
    assert outside in message
    assert refused.value.translation_key not in message  # a sentence, not the key
    assert counts.sent == {}
    assert _device_state(miner) == before


@_models(GAMMA, NERDQAXE, SUPRA)
async def test_fan_mode(hass: HomeAssistant, start_sim: SimFactory, model: EspModel) -> None:
    miner = await _set_up(hass, start_sim, model)
    entity_id = miner.entity("select", "fan_mode")
    assert _state(hass, entity_id).attributes["options"] == ["auto", "manual"]

    for option, firmware_value in (("manual", 0), ("auto", AUTO_FAN[model])):
        await _call(
            hass,
            SELECT_DOMAIN,
            SERVICE_SELECT_OPTION,
            {ATTR_ENTITY_ID: entity_id, ATTR_OPTION: option},
        )
        assert miner.sim.state.auto_fan == firmware_value
        assert _state(hass, entity_id).state == option


# -- numbers ---------------------------------------------------------------------------------


@_models(GAMMA, NERDQAXE, SUPRA)
async def test_fan_speed(hass: HomeAssistant, start_sim: SimFactory, model: EspModel) -> None:
    """A duty holds in manual control only: setting one switches the fan to it."""
    miner = await _set_up(hass, start_sim, model)
    entity_id = miner.entity("number", "fan_speed")
    state = _state(hass, entity_id)
    assert (state.attributes["min"], state.attributes["max"]) == (0, 100)
    assert state.attributes["unit_of_measurement"] == "%"

    await _call(hass, NUMBER_DOMAIN, SERVICE_SET_VALUE, {ATTR_ENTITY_ID: entity_id, ATTR_VALUE: 70})

    assert (miner.sim.state.auto_fan, miner.sim.state.manual_fan) == (0, 70)
    assert float(_state(hass, entity_id).state) == 70
    assert _state(hass, miner.entity("select", "fan_mode")).state == "manual"
    assert float(_state(hass, miner.entity("sensor", "fan_duty")).state) == 70

    before, counts = _device_state(miner), count_requests(hass)
    with pytest.raises(ServiceValidationError):
        await _call(
            hass, NUMBER_DOMAIN, SERVICE_SET_VALUE, {ATTR_ENTITY_ID: entity_id, ATTR_VALUE: 101}
        )
    assert counts.sent == {}
    assert _device_state(miner) == before


@_models(GAMMA, NERDQAXE)
async def test_target_temperature(
    hass: HomeAssistant, start_sim: SimFactory, model: EspModel
) -> None:
    miner = await _set_up(hass, start_sim, model)
    entity_id = miner.entity("number", "target_temperature")
    low, high = TARGET_BOUNDS[model]
    state = _state(hass, entity_id)
    assert (state.attributes["min"], state.attributes["max"]) == (low, high)
    assert state.attributes["unit_of_measurement"] == "°C"

    await _call(hass, NUMBER_DOMAIN, SERVICE_SET_VALUE, {ATTR_ENTITY_ID: entity_id, ATTR_VALUE: 55})

    assert miner.sim.state.temp_target == 55
    assert float(_state(hass, entity_id).state) == 55

    before, counts = _device_state(miner), count_requests(hass)
    for outside in (low - 1, high + 1):
        with pytest.raises(ServiceValidationError):
            await _call(
                hass,
                NUMBER_DOMAIN,
                SERVICE_SET_VALUE,
                {ATTR_ENTITY_ID: entity_id, ATTR_VALUE: outside},
            )
    assert counts.sent == {}
    assert _device_state(miner) == before


async def test_no_target_temperature_before_v2_7(
    hass: HomeAssistant, start_sim: SimFactory, entity_registry: er.EntityRegistry
) -> None:
    """AxeOS v2.4 has no automatic fan target to set."""
    miner = await _set_up(hass, start_sim, SUPRA)
    assert entity_registry.async_get(miner.entity("number", "target_temperature")) is None
    assert entity_registry.async_get(miner.entity("number", "fan_speed")) is not None


# -- text ------------------------------------------------------------------------------------


@_models(GAMMA, NERDQAXE)
async def test_hostname(hass: HomeAssistant, start_sim: SimFactory, model: EspModel) -> None:
    miner = await _set_up(hass, start_sim, model)
    entity_id = miner.entity("text", "host_name")
    assert _state(hass, entity_id).attributes["max"] == 32

    await _call(
        hass,
        TEXT_DOMAIN,
        SERVICE_SET_TEXT,
        {ATTR_ENTITY_ID: entity_id, ATTR_VALUE: "bitaxe-office"},
    )

    assert miner.sim.state.hostname == "bitaxe-office"
    assert _state(hass, entity_id).state == "bitaxe-office"

    before, counts = _device_state(miner), count_requests(hass)
    # A space breaks the device's own .local name: the driver refuses it (Home Assistant's
    # text action matches the pattern at the start only).
    with pytest.raises(ServiceValidationError) as refused:
        await _call(
            hass,
            TEXT_DOMAIN,
            SERVICE_SET_TEXT,
            {ATTR_ENTITY_ID: entity_id, ATTR_VALUE: "bitaxe office"},
        )
    assert refused.value.translation_domain == DOMAIN
    assert "'bitaxe office'" in str(refused.value)
    # More than the 32 characters the firmware keeps: Home Assistant refuses it itself.
    with pytest.raises(ValueError, match="maximum length 32"):
        await _call(
            hass, TEXT_DOMAIN, SERVICE_SET_TEXT, {ATTR_ENTITY_ID: entity_id, ATTR_VALUE: "b" * 33}
        )
    assert counts.sent == {}
    assert _device_state(miner) == before


# -- buttons ---------------------------------------------------------------------------------


async def test_identify_uses_the_firmware_action(
    hass: HomeAssistant, start_sim: SimFactory
) -> None:
    """The device shows "Hi!" on its display (POST /api/system/identify), no fault light."""
    miner = await _set_up(hass, start_sim, GAMMA)
    entity_id = miner.entity("button", "identify")
    assert _state(hass, entity_id).attributes["device_class"] == "identify"
    counts = count_requests(hass)

    await _call(hass, BUTTON_DOMAIN, SERVICE_PRESS, {ATTR_ENTITY_ID: entity_id})

    assert miner.sim.state.identify_until > hass.loop.time()
    assert counts.requests["POST /api/system/identify"] == 1
    assert not any(request.startswith("PATCH") for request in counts.requests)


@_models(NERDQAXE, SUPRA)
async def test_no_identify_without_the_firmware_action(
    hass: HomeAssistant, start_sim: SimFactory, entity_registry: er.EntityRegistry, model: EspModel
) -> None:
    """NerdOS and AxeOS before v2.12 have no identify action (and no fault light)."""
    miner = await _set_up(hass, start_sim, model)
    assert entity_registry.async_get(miner.entity("button", "identify")) is None


@_models(GAMMA, NERDQAXE)
@pytest.mark.usefixtures("entity_registry_enabled_by_default")  # the uptime sensor
async def test_restart(hass: HomeAssistant, start_sim: SimFactory, model: EspModel) -> None:
    miner = await _set_up(hass, start_sim, model)
    entity_id = miner.entity("button", "reboot")
    assert _state(hass, entity_id).attributes["device_class"] == "restart"

    await _call(hass, BUTTON_DOMAIN, SERVICE_PRESS, {ATTR_ENTITY_ID: entity_id})

    await wait_until(lambda: miner.sim.state.restarts == 1 and miner.sim.online)
    await _refresh(hass, miner)
    # Back from the restart: up for moments, no shares yet this session.
    uptime_hours = float(_state(hass, miner.entity("sensor", "uptime")).state)
    assert uptime_hours * 3600 < 10
    assert _state(hass, miner.entity("sensor", "accepted_shares")).state == "0"


# -- the Mining switch -----------------------------------------------------------------------


async def test_mining_switch_pauses_and_resumes(hass: HomeAssistant, start_sim: SimFactory) -> None:
    """AxeOS v2.14 on: POST /api/system/pause and /resume."""
    miner = await _set_up(hass, start_sim, GAMMA)
    entity_id = miner.entity("switch", "mining")
    assert _state(hass, entity_id).state == STATE_ON

    await _call(hass, SWITCH_DOMAIN, SERVICE_TURN_OFF, {ATTR_ENTITY_ID: entity_id})
    assert miner.sim.state.paused is True
    assert _state(hass, entity_id).state == STATE_OFF
    assert float(_state(hass, miner.entity("sensor", "hashrate")).state) == 0
    assert _state(hass, miner.entity("binary_sensor", "hashing")).state == STATE_OFF

    await _call(hass, SWITCH_DOMAIN, SERVICE_TURN_ON, {ATTR_ENTITY_ID: entity_id})
    assert miner.sim.state.paused is False
    assert _state(hass, entity_id).state == STATE_ON
    assert float(_state(hass, miner.entity("sensor", "hashrate")).state) > 1000


@_models(GAMMA_212, NERDQAXE)
async def test_no_mining_switch_without_pause(
    hass: HomeAssistant, start_sim: SimFactory, entity_registry: er.EntityRegistry, model: EspModel
) -> None:
    miner = await _set_up(hass, start_sim, model)
    assert entity_registry.async_get(miner.entity("switch", "mining")) is None


# -- pools -----------------------------------------------------------------------------------


async def _set_pools(hass: HomeAssistant, miner: SetUpEsp, pools: list[dict[str, str]]) -> None:
    await hass.services.async_call(
        DOMAIN,
        "set_pools",
        {ATTR_DEVICE_ID: miner.device_id(hass), "pools": pools},
        blocking=True,
    )
    await hass.async_block_till_done()


@_models(GAMMA, NERDQAXE, SUPRA)
async def test_set_pools(
    hass: HomeAssistant,
    start_sim: SimFactory,
    caplog: pytest.LogCaptureFixture,
    model: EspModel,
) -> None:
    """Primary and fallback reach the device; AxeOS takes them at its next boot (restarted
    for them), NerdOS at once."""
    caplog.set_level(logging.DEBUG)
    miner = await _set_up(hass, start_sim, model)
    state = miner.sim.state

    await _set_pools(hass, miner, [PRIMARY, FALLBACK])

    primary = PoolSlot("pool.example.org", 4444, "me.rig", POOL_PASSWORD)
    fallback = PoolSlot("backup.example.org", 3333, "me.rig2", "x")
    assert (state.pools[state.primary], state.pools[state.secondary]) == (primary, fallback)
    if model is NERDQAXE:
        assert state.restarts == 0
    else:
        await wait_until(lambda: state.restarts == 1 and miner.sim.online)
    assert state.running == (primary, fallback)

    await _refresh(hass, miner)
    active = _state(hass, miner.entity("sensor", "active_pool"))
    assert active.state == "stratum+tcp://pool.example.org:4444"
    assert POOL_PASSWORD not in caplog.text


def _writes(requests: dict[str, int]) -> list[str]:
    return [request for request in requests if not request.startswith("GET ")]


@_models(GAMMA, NERDQAXE)
async def test_more_pools_than_slots_are_refused(
    hass: HomeAssistant, start_sim: SimFactory, model: EspModel
) -> None:
    """Two slots, primary and fallback: a third pool is refused, and nothing is written."""
    miner = await _set_up(hass, start_sim, model)
    before, counts = _device_state(miner), count_requests(hass)
    third = {"url": "stratum+tcp://third.example.org:3333", "username": "me.rig3"}

    with pytest.raises(HomeAssistantError) as refused:
        await _set_pools(hass, miner, [PRIMARY, FALLBACK, third])

    assert refused.value.translation_domain == DOMAIN
    assert "2 pool slots" in str(refused.value)
    assert _writes(counts.requests) == []
    assert _device_state(miner) == before


@_models(GAMMA, NERDQAXE)
async def test_pool_without_stratum_url_is_refused(
    hass: HomeAssistant, start_sim: SimFactory, model: EspModel
) -> None:
    miner = await _set_up(hass, start_sim, model)
    before, counts = _device_state(miner), count_requests(hass)

    with pytest.raises(ServiceValidationError) as refused:
        await _set_pools(hass, miner, [{"url": "http://pool.example.org:4444", "username": "w"}])

    assert refused.value.translation_domain == DOMAIN
    assert refused.value.translation_key == "invalid_value"
    assert "stratum+tcp://" in str(refused.value)
    assert _writes(counts.requests) == []
    assert _device_state(miner) == before
