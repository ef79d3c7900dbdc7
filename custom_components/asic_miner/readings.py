"""Numbers read from other Home Assistant entities: the power a fleet follows, the price
it watches, the room temperature a heater holds. None for anything that is not a finite
number in a unit we know (unavailable, unknown, a text, an energy where a power belongs)."""

from __future__ import annotations

import math

from homeassistant.const import ATTR_UNIT_OF_MEASUREMENT, UnitOfPower, UnitOfTemperature
from homeassistant.core import State
from homeassistant.util.unit_conversion import TemperatureConverter

WATTS_PER_UNIT = {
    UnitOfPower.WATT: 1.0,
    UnitOfPower.KILO_WATT: 1000.0,
    UnitOfPower.MEGA_WATT: 1_000_000.0,
}


def number(state: State | None) -> float | None:
    if state is None:
        return None
    try:
        value = float(state.state)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def power_w(state: State | None) -> float | None:
    """A power sensor's state in W (from W, kW or MW; no unit: W)."""
    value = number(state)
    if value is None or state is None:
        return None
    factor = WATTS_PER_UNIT.get(state.attributes.get(ATTR_UNIT_OF_MEASUREMENT, UnitOfPower.WATT))
    return value * factor if factor is not None else None


def temperature_c(state: State | None) -> float | None:
    """A temperature sensor's state in °C (°F and K converted; no unit: °C)."""
    value = number(state)
    if value is None or state is None:
        return None
    unit = state.attributes.get(ATTR_UNIT_OF_MEASUREMENT)
    if unit in TemperatureConverter.VALID_UNITS and unit != UnitOfTemperature.CELSIUS:
        return TemperatureConverter.convert(value, unit, UnitOfTemperature.CELSIUS)
    return value
