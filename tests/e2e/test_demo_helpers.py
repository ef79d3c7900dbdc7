"""The demo's stand-in sensors (scripts/demo_config.py) in a Home Assistant with the clock
moved forward: the faked solar surplus follows its input_number, and the simulated room
warms while its heater draws, cools toward outside when it does not."""

from __future__ import annotations

import importlib.util
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
import yaml
from homeassistant.core import HomeAssistant
from homeassistant.setup import async_setup_component
from pytest_homeassistant_custom_component.common import async_fire_time_changed

ROOT = Path(__file__).resolve().parents[2]
ROOM = "sensor.demo_room_temperature"


def _demo_config() -> Any:
    spec = importlib.util.spec_from_file_location("demo_config", ROOT / "scripts/demo_config.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
async def demo(hass: HomeAssistant) -> Any:
    module = _demo_config()
    config = yaml.safe_load(module.CONFIGURATION_YAML)
    for domain in ("input_number", "template"):
        assert await async_setup_component(hass, domain, {domain: config[domain]})
    await hass.async_block_till_done()
    return module


@pytest.fixture
def expected_lingering_timers() -> bool:
    """The room's time_pattern trigger stays armed when the test's Home Assistant stops."""
    return True


async def _set(hass: HomeAssistant, entity_id: str, value: float) -> None:
    await hass.services.async_call(
        "input_number", "set_value", {"entity_id": entity_id, "value": value}, blocking=True
    )
    await hass.async_block_till_done()


async def _minutes(hass: HomeAssistant, freezer: Any, minutes: int) -> float:
    for _ in range(minutes * 6):
        freezer.tick(timedelta(seconds=10))
        async_fire_time_changed(hass)
        await hass.async_block_till_done()
    return float(hass.states.get(ROOM).state)


async def test_the_faked_surplus_is_a_power_sensor(hass: HomeAssistant, demo: Any) -> None:
    await _set(hass, "input_number.solar_surplus", 3200)
    state = hass.states.get("sensor.solar_surplus")
    assert float(state.state) == 3200
    assert state.attributes["device_class"] == "power"
    assert state.attributes["unit_of_measurement"] == "W"


async def test_the_room_warms_with_the_heater_and_cools_without(
    hass: HomeAssistant, demo: Any, freezer: Any
) -> None:
    await _set(hass, "input_number.outside_temperature", 5)
    hass.states.async_set(demo.HEATER_POWER_SENSOR, "824", {"unit_of_measurement": "W"})
    start = await _minutes(hass, freezer, 1)
    warmed = await _minutes(hass, freezer, 5)
    # About half a degree a minute at the Mini 3's heating draw, as the YAML says.
    assert 2.0 < warmed - start < 4.5
    hass.states.async_set(demo.HEATER_POWER_SENSOR, "0", {"unit_of_measurement": "W"})
    cooled = await _minutes(hass, freezer, 5)
    assert 5 < cooled < warmed - 1.0
    # A heater that is not there (the miner not added yet) heats nothing.
    hass.states.async_set(demo.HEATER_POWER_SENSOR, "unavailable")
    assert 5 < await _minutes(hass, freezer, 2) < cooled
