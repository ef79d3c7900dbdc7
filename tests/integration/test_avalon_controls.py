"""Controlling simulated Avalons from their Home Assistant entities: each control changes
the miner (its simulated state), and the entities show the result."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

import pytest
from freezegun.api import FrozenDateTimeFactory
from homeassistant.components.button.const import DOMAIN as BUTTON_DOMAIN
from homeassistant.components.button.const import SERVICE_PRESS
from homeassistant.components.light.const import ATTR_BRIGHTNESS, ATTR_EFFECT, ATTR_RGB_COLOR
from homeassistant.components.light.const import DOMAIN as LIGHT_DOMAIN
from homeassistant.components.number.const import ATTR_VALUE, SERVICE_SET_VALUE
from homeassistant.components.number.const import DOMAIN as NUMBER_DOMAIN
from homeassistant.components.select import ATTR_OPTION, SERVICE_SELECT_OPTION
from homeassistant.components.select.const import DOMAIN as SELECT_DOMAIN
from homeassistant.components.switch.const import DOMAIN as SWITCH_DOMAIN
from homeassistant.const import (
    ATTR_ENTITY_ID,
    SERVICE_TURN_OFF,
    SERVICE_TURN_ON,
    STATE_OFF,
    STATE_ON,
)
from homeassistant.core import HomeAssistant, State
from homeassistant.exceptions import HomeAssistantError, ServiceValidationError
from homeassistant.helpers import entity_registry as er
from homeassistant.helpers import translation

from custom_components.asic_miner.button import IDENTIFY_DURATION
from custom_components.asic_miner.const import DOMAIN
from custom_components.asic_miner.driver.backends.avalon.models import find
from tests.simulator.avalon import AvalonSim

from .conftest import SimFactory
from .miners import poll
from .test_avalon_entities import (
    A1566,
    AVALON_Q,
    AVALONS,
    MINI3,
    NANO3S,
    SetUpAvalon,
    set_up_avalon,
)

# The work modes as each model's firmware (and Canaan's app) names them.
WORK_MODE_MODELS = pytest.mark.parametrize("avalon", ["nano3s", "mini3", "q"])
SOFT_POWER_MODELS = pytest.mark.parametrize("avalon", ["mini3", "q", "a1566"])
FAN_MODELS = pytest.mark.parametrize("avalon", ["nano3s", "mini3", "q"])
TARGET_MODELS = pytest.mark.parametrize("avalon", ["nano3s", "mini3"])


class Wire:
    """Every request the simulated miner receives, as text (an observer on its socket)."""

    def __init__(self, sim: AvalonSim) -> None:
        self.requests: list[str] = []
        listener = sim._rpc
        answer = listener._answer_raw
        assert answer is not None

        def record(data: bytes) -> bytes | None:
            self.requests.append(data.strip(b"\x00 \t\r\n").decode("utf-8", "replace"))
            return answer(data)

        listener._answer_raw = record

    def writes(self) -> list[str]:
        """The requests that change something (``ascset``, ``switchpool``, ``setpool``)."""
        return [
            request
            for request in self.requests
            if any(command in request for command in ("ascset", "switchpool", "setpool"))
        ]


async def _call(hass: HomeAssistant, domain: str, service: str, data: dict[str, Any]) -> None:
    await hass.services.async_call(domain, service, data, blocking=True)
    await hass.async_block_till_done()


async def _select(hass: HomeAssistant, entity_id: str, option: str) -> None:
    await _call(
        hass, SELECT_DOMAIN, SERVICE_SELECT_OPTION, {ATTR_ENTITY_ID: entity_id, ATTR_OPTION: option}
    )


async def _set_number(hass: HomeAssistant, entity_id: str, value: float) -> None:
    await _call(
        hass, NUMBER_DOMAIN, SERVICE_SET_VALUE, {ATTR_ENTITY_ID: entity_id, ATTR_VALUE: value}
    )


async def _wait_until(condition: Callable[[], bool], seconds: float = 10) -> None:
    """The simulator reboots a moment after answering, as a real miner does."""
    async with asyncio.timeout(seconds):
        while not condition():  # noqa: ASYNC110  (no event to wait on)
            await asyncio.sleep(0.05)


async def _state_translations(hass: HomeAssistant, key: str) -> dict[str, str]:
    """The English names of a select's options, from the integration's en.json."""
    texts = await translation.async_get_translations(hass, "en", "entity", {DOMAIN})
    prefix = f"component.{DOMAIN}.entity.select.{key}.state."
    return {k.removeprefix(prefix): v for k, v in texts.items() if k.startswith(prefix)}


@pytest.fixture
def wire() -> Callable[[AvalonSim], Wire]:
    return Wire


def _state(hass: HomeAssistant, entity_id: str) -> State:
    state = hass.states.get(entity_id)
    assert state is not None, entity_id
    return state


# -- work mode and level ----------------------------------------------------------------


@WORK_MODE_MODELS
async def test_work_mode(hass: HomeAssistant, start_sim: SimFactory, avalon: str) -> None:
    """Every work mode under the model's own names; the miner runs it, hashrate follows."""
    miner = await set_up_avalon(hass, start_sim, AVALONS[avalon])
    entity_id = miner.entity("select", "work_mode")
    modes = miner.sim.spec.modes
    options = miner.state(hass, "select", "work_mode").attributes["options"]
    # The options are the firmware's mode names, in the order workmode,set,<n> numbers them.
    assert options == [mode.name.lower() for mode in modes]
    names = await _state_translations(hass, "work_mode")
    assert [names.get(option) for option in options] == [mode.name for mode in modes]

    for number in [*range(1, len(modes)), 0]:
        await _select(hass, entity_id, options[number])
        assert miner.sim.state.work_mode == number
        assert _state(hass, entity_id).state == options[number]
        hashrate = float(miner.state(hass, "sensor", "hashrate").state)
        assert hashrate == pytest.approx(miner.sim.hashrate_ths, rel=1e-3)
        assert float(miner.state(hass, "sensor", "power").state) == miner.sim.power_watts

    with pytest.raises(ServiceValidationError):
        await _select(hass, entity_id, "turbo")


async def test_no_work_mode_on_the_a1566(hass: HomeAssistant, start_sim: SimFactory) -> None:
    miner = await set_up_avalon(hass, start_sim, A1566)
    assert hass.states.get(miner.entity("select", "work_mode")) is None
    assert hass.states.get(miner.entity("select", "fan_mode")) is None
    assert hass.states.get(miner.entity("number", "fan_speed")) is None


async def test_work_level(hass: HomeAssistant, start_sim: SimFactory) -> None:
    """The Mini 3's levels (worklevel -1 Eco, 0 Super), named in en.json."""
    miner = await set_up_avalon(hass, start_sim, MINI3)
    entity_id = miner.entity("select", "work_level")
    state = _state(hass, entity_id)
    assert state.state == "super"
    options = state.attributes["options"]
    names = await _state_translations(hass, "work_level")
    assert {option: names.get(option) for option in options} == {"eco": "Eco", "super": "Super"}
    full = float(miner.state(hass, "sensor", "hashrate").state)

    await _select(hass, entity_id, "eco")
    assert miner.sim.state.work_level == -1
    assert _state(hass, entity_id).state == "eco"
    assert float(miner.state(hass, "sensor", "hashrate").state) < full

    await _select(hass, entity_id, "super")
    assert miner.sim.state.work_level == 0


@pytest.mark.parametrize("avalon", ["nano3s", "q", "a1566"])
async def test_no_work_level(hass: HomeAssistant, start_sim: SimFactory, avalon: str) -> None:
    miner = await set_up_avalon(hass, start_sim, AVALONS[avalon])
    assert hass.states.get(miner.entity("select", "work_level")) is None


# -- fan ----------------------------------------------------------------------------------


@FAN_MODELS
async def test_fan_mode_and_speed(hass: HomeAssistant, start_sim: SimFactory, avalon: str) -> None:
    """Fixed speed holds the fan at its duty; the speed then sets it; automatic gives it
    back to the firmware."""
    miner = await set_up_avalon(hass, start_sim, AVALONS[avalon])
    mode_id, speed_id = miner.entity("select", "fan_mode"), miner.entity("number", "fan_speed")
    names = await _state_translations(hass, "fan_mode")
    options = _state(hass, mode_id).attributes["options"]
    assert all(names.get(option) for option in options)
    duty = miner.sim.live().fan_pct

    await _select(hass, mode_id, "manual")
    assert miner.sim.state.fan_manual == duty  # held where it ran

    await _set_number(hass, speed_id, 60)
    assert miner.sim.state.fan_manual == 60
    assert float(_state(hass, speed_id).state) == 60
    assert float(miner.state(hass, "sensor", "fan_duty").state) == 60
    assert float(miner.state(hass, "sensor", "fan_1_speed").state) == miner.sim.fan_speeds[0]

    await _select(hass, mode_id, "auto")
    assert miner.sim.state.fan_manual is None
    assert float(_state(hass, speed_id).state) == miner.sim.live().fan_pct


@FAN_MODELS
@pytest.mark.xfail(
    strict=True,
    reason="the driver never reports the fan mode (FanR is the duty either way): the "
    "select reads unknown, also right after the user chose an option",
)
async def test_fan_mode_shows_the_choice(
    hass: HomeAssistant, start_sim: SimFactory, avalon: str
) -> None:
    miner = await set_up_avalon(hass, start_sim, AVALONS[avalon])
    mode_id = miner.entity("select", "fan_mode")

    await _select(hass, mode_id, "manual")

    assert _state(hass, mode_id).state == "manual"


@FAN_MODELS
async def test_fan_speed_out_of_bounds(
    hass: HomeAssistant, start_sim: SimFactory, wire: Callable[[AvalonSim], Wire], avalon: str
) -> None:
    """fan-spd takes 15-100 %: the entity's bounds, and nothing else reaches the miner."""
    miner = await set_up_avalon(hass, start_sim, AVALONS[avalon])
    speed_id = miner.entity("number", "fan_speed")
    state = _state(hass, speed_id)
    assert (state.attributes["min"], state.attributes["max"]) == (15, 100)
    seen = wire(miner.sim)
    for outside in (14, 101):
        with pytest.raises(ServiceValidationError) as err:
            await _set_number(hass, speed_id, outside)
        assert err.value.translation_key == "out_of_range"
    assert seen.writes() == []
    assert miner.sim.state.fan_manual is None


# -- target temperature -------------------------------------------------------------------


@TARGET_MODELS
async def test_target_temperature(
    hass: HomeAssistant, start_sim: SimFactory, wire: Callable[[AvalonSim], Wire], avalon: str
) -> None:
    """Within the model's bounds (the driver's row); outside them refused before sending."""
    miner = await set_up_avalon(hass, start_sim, AVALONS[avalon])
    entity_id = miner.entity("number", "target_temperature")
    state = _state(hass, entity_id)
    row = find(miner.sim.model_name)
    assert row is not None
    assert row.target_temperature is not None
    low, high = row.target_temperature
    assert (state.attributes["min"], state.attributes["max"]) == (low, high)
    assert state.attributes["unit_of_measurement"] == "°C"
    assert float(state.state) == miner.sim.state.target_temp

    await _set_number(hass, entity_id, 70)
    assert miner.sim.state.target_temp == 70
    assert float(_state(hass, entity_id).state) == 70
    # The firmware holds the board (Mini 3) or the chips (Nano 3S) at the target.
    held = "board_1_temperature" if avalon == "mini3" else "average_temperature"
    assert float(miner.state(hass, "sensor", held).state) == 70

    seen = wire(miner.sim)
    for outside in (low - 1, high + 1):
        with pytest.raises(ServiceValidationError) as err:
            await _set_number(hass, entity_id, outside)
        assert err.value.translation_domain is not None
        assert err.value.translation_key is not None
    # A fraction is within the bounds, but the firmware takes whole degrees: the driver
    # refuses it, in our own translated message.
    with pytest.raises(ServiceValidationError) as err:
        await _set_number(hass, entity_id, 70.5)
    assert (err.value.translation_domain, err.value.translation_key) == (DOMAIN, "invalid_value")
    assert err.value.translation_placeholders is not None
    assert "70.5" in err.value.translation_placeholders["error"]
    assert seen.writes() == []
    assert miner.sim.state.target_temp == 70


async def test_no_target_temperature_on_the_q(hass: HomeAssistant, start_sim: SimFactory) -> None:
    miner = await set_up_avalon(hass, start_sim, AVALON_Q)
    assert hass.states.get(miner.entity("number", "target_temperature")) is None


# -- the Nano 3S light ----------------------------------------------------------------------


async def test_nano3s_light(hass: HomeAssistant, start_sim: SimFactory) -> None:
    miner = await set_up_avalon(hass, start_sim, NANO3S)
    entity_id = miner.entity("light", "light")
    light = miner.sim.state.light
    assert _state(hass, entity_id).state == STATE_OFF
    assert light.effect == 0

    await _call(hass, LIGHT_DOMAIN, SERVICE_TURN_ON, {ATTR_ENTITY_ID: entity_id})
    assert light.effect == 1  # one colour
    state = _state(hass, entity_id)
    assert state.state == STATE_ON
    assert state.attributes[ATTR_EFFECT] == "static"

    await _call(
        hass,
        LIGHT_DOMAIN,
        SERVICE_TURN_ON,
        {ATTR_ENTITY_ID: entity_id, ATTR_BRIGHTNESS: 128, ATTR_RGB_COLOR: (255, 80, 0)},
    )
    assert light.bright == 50  # the firmware's percent
    assert light.rgb == (255, 80, 0)
    state = _state(hass, entity_id)
    assert state.attributes[ATTR_BRIGHTNESS] == 128
    assert tuple(state.attributes[ATTR_RGB_COLOR]) == (255, 80, 0)

    await _call(
        hass, LIGHT_DOMAIN, SERVICE_TURN_ON, {ATTR_ENTITY_ID: entity_id, ATTR_EFFECT: "breath"}
    )
    assert light.effect == 3
    assert light.rgb == (255, 80, 0)  # the colour stays
    assert _state(hass, entity_id).attributes[ATTR_EFFECT] == "breath"

    await _call(hass, LIGHT_DOMAIN, SERVICE_TURN_OFF, {ATTR_ENTITY_ID: entity_id})
    assert light.effect == 0
    assert _state(hass, entity_id).state == STATE_OFF


async def test_nano3s_light_in_dark_mode(hass: HomeAssistant, start_sim: SimFactory) -> None:
    """Outside day mode the firmware answers ledset with an info and changes nothing:
    the action fails and says why."""
    miner = await set_up_avalon(hass, start_sim, NANO3S)
    miner.sim.state.led_mode = 1
    with pytest.raises(HomeAssistantError) as err:
        await _call(
            hass, LIGHT_DOMAIN, SERVICE_TURN_ON, {ATTR_ENTITY_ID: miner.entity("light", "light")}
        )
    assert err.value.translation_key == "action_failed"
    assert err.value.translation_placeholders is not None
    assert "not in (day)mode now" in err.value.translation_placeholders["error"]
    assert miner.sim.state.light.effect == 0


@pytest.mark.parametrize("avalon", ["mini3", "q", "a1566"])
async def test_no_light(
    hass: HomeAssistant, start_sim: SimFactory, entity_registry: er.EntityRegistry, avalon: str
) -> None:
    miner = await set_up_avalon(hass, start_sim, AVALONS[avalon])
    entities = er.async_entries_for_config_entry(entity_registry, miner.entry.entry_id)
    assert not [entity for entity in entities if entity.domain == LIGHT_DOMAIN]


# -- buttons ---------------------------------------------------------------------------------


@pytest.mark.parametrize("avalon", ["mini3", "q"])
async def test_filter_clean(hass: HomeAssistant, start_sim: SimFactory, avalon: str) -> None:
    miner = await set_up_avalon(hass, start_sim, AVALONS[avalon])
    assert miner.sim.state.filter_minutes > 0

    await _call(
        hass,
        BUTTON_DOMAIN,
        SERVICE_PRESS,
        {ATTR_ENTITY_ID: miner.entity("button", "reset_filter_reminder")},
    )

    assert miner.sim.state.filter_minutes == 0


@pytest.mark.parametrize("avalon", ["nano3s", "a1566"])
async def test_no_filter_clean(hass: HomeAssistant, start_sim: SimFactory, avalon: str) -> None:
    miner = await set_up_avalon(hass, start_sim, AVALONS[avalon])
    assert hass.states.get(miner.entity("button", "reset_filter_reminder")) is None


@pytest.mark.parametrize("avalon", sorted(AVALONS))
async def test_reboot(hass: HomeAssistant, start_sim: SimFactory, avalon: str) -> None:
    miner = await set_up_avalon(hass, start_sim, AVALONS[avalon])
    entity_id = miner.entity("button", "reboot")
    assert _state(hass, entity_id).attributes["device_class"] == "restart"

    await _call(hass, BUTTON_DOMAIN, SERVICE_PRESS, {ATTR_ENTITY_ID: entity_id})

    await _wait_until(lambda: miner.sim.state.boots == 1)


async def test_restart_mining_software(hass: HomeAssistant, start_sim: SimFactory) -> None:
    """The A-series answers cgminer's own restart."""
    miner = await set_up_avalon(hass, start_sim, A1566)
    entity_id = miner.entity("button", "restart_mining_software")

    await _call(hass, BUTTON_DOMAIN, SERVICE_PRESS, {ATTR_ENTITY_ID: entity_id})

    await _wait_until(lambda: miner.sim.state.boots == 1)


# -- pools ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "avalon",
    [
        "nano3s",
        "mini3",
        "q",
        "a1566",
    ],
)
async def test_active_pool(hass: HomeAssistant, start_sim: SimFactory, avalon: str) -> None:
    """switchpool: the pool in use changes at once; the Active pool sensor follows."""
    miner = await set_up_avalon(hass, start_sim, AVALONS[avalon])
    entity_id = miner.entity("select", "pool_in_use")
    state = _state(hass, entity_id)
    assert state.state == "0"
    assert state.attributes["options"] == [str(n) for n in range(len(miner.sim.state.pools))]

    await _select(hass, entity_id, "2")

    assert miner.sim.state.active_pool == 2
    assert _state(hass, entity_id).state == "2"
    active = miner.state(hass, "sensor", "active_pool")
    assert active.state == miner.sim.state.pools[2].url


# -- mining on and off, fault light ------------------------------------------------------------


@SOFT_POWER_MODELS
async def test_mining_switch(
    hass: HomeAssistant, start_sim: SimFactory, freezer: FrozenDateTimeFactory, avalon: str
) -> None:
    """Soft off and on: the firmware acts a few seconds after the time it is given; the
    next poll shows the miner idle (no hashrate, the control board's power), then back."""
    miner = await set_up_avalon(hass, start_sim, AVALONS[avalon])
    entity_id = miner.entity("switch", "mining")
    assert _state(hass, entity_id).state == STATE_ON

    await _call(hass, SWITCH_DOMAIN, SERVICE_TURN_OFF, {ATTR_ENTITY_ID: entity_id})
    assert miner.sim.state.soft_off_at is not None  # softoff,1:<time> taken
    await poll(hass, freezer)

    assert miner.sim.state.soft_off is True
    assert _state(hass, entity_id).state == STATE_OFF
    assert miner.state(hass, "binary_sensor", "hashing").state == STATE_OFF
    assert float(miner.state(hass, "sensor", "hashrate").state) == 0
    if miner.sim.spec.idle_watts:  # the Q's and A-series' captured idle draw
        assert float(miner.state(hass, "sensor", "power").state) == miner.sim.spec.idle_watts

    await _call(hass, SWITCH_DOMAIN, SERVICE_TURN_ON, {ATTR_ENTITY_ID: entity_id})
    await poll(hass, freezer)

    assert miner.sim.state.soft_off is False
    assert _state(hass, entity_id).state == STATE_ON
    assert miner.state(hass, "binary_sensor", "hashing").state == STATE_ON
    assert float(miner.state(hass, "sensor", "hashrate").state) == pytest.approx(
        miner.sim.hashrate_ths, rel=1e-3
    )


@SOFT_POWER_MODELS
async def test_mining_switch_right_after_turning_off(
    hass: HomeAssistant, start_sim: SimFactory, freezer: FrozenDateTimeFactory, avalon: str
) -> None:
    """Turned off, the switch stays off: it does not flip back on while the firmware waits
    for the time it was given."""
    miner = await set_up_avalon(hass, start_sim, AVALONS[avalon])
    entity_id = miner.entity("switch", "mining")

    await _call(hass, SWITCH_DOMAIN, SERVICE_TURN_OFF, {ATTR_ENTITY_ID: entity_id})

    assert _state(hass, entity_id).state == STATE_OFF


async def test_no_mining_switch_on_the_nano3s(hass: HomeAssistant, start_sim: SimFactory) -> None:
    """The Nano 3S firmware has no softoff/softon."""
    miner = await set_up_avalon(hass, start_sim, NANO3S)
    assert hass.states.get(miner.entity("switch", "mining")) is None
    assert miner.state(hass, "binary_sensor", "hashing").state == STATE_ON


async def test_fault_light(
    hass: HomeAssistant, start_sim: SimFactory, freezer: FrozenDateTimeFactory
) -> None:
    """The A1566's white LED: the switch, and Identify that turns it off after a while."""
    miner = await set_up_avalon(hass, start_sim, A1566)
    entity_id = miner.entity("switch", "fault_light")
    assert _state(hass, entity_id).state == STATE_OFF

    await _call(hass, SWITCH_DOMAIN, SERVICE_TURN_ON, {ATTR_ENTITY_ID: entity_id})
    assert miner.sim.state.fault_light is True
    assert _state(hass, entity_id).state == STATE_ON

    await _call(hass, SWITCH_DOMAIN, SERVICE_TURN_OFF, {ATTR_ENTITY_ID: entity_id})
    assert miner.sim.state.fault_light is False
    assert _state(hass, entity_id).state == STATE_OFF

    await _call(
        hass, BUTTON_DOMAIN, SERVICE_PRESS, {ATTR_ENTITY_ID: miner.entity("button", "identify")}
    )
    assert miner.sim.state.fault_light is True
    await poll(hass, freezer, IDENTIFY_DURATION)
    assert miner.sim.state.fault_light is False
    assert _state(hass, entity_id).state == STATE_OFF


@pytest.mark.parametrize("avalon", ["nano3s", "mini3", "q"])
async def test_no_fault_light_on_home_models(
    hass: HomeAssistant, start_sim: SimFactory, avalon: str
) -> None:
    miner: SetUpAvalon = await set_up_avalon(hass, start_sim, AVALONS[avalon])
    assert hass.states.get(miner.entity("switch", "fault_light")) is None
    assert hass.states.get(miner.entity("button", "identify")) is None
