"""Where a fleet's power budget comes from: its number, a followed sensor, the price."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, timedelta

from homeassistant.const import UnitOfPower
from homeassistant.core import State

from ..const import BUDGET_SENSOR_EXPORT, BUDGET_SENSOR_GRID
from ..power.smoothing import MovingAverage

WATTS_PER_UNIT = {
    UnitOfPower.WATT: 1.0,
    UnitOfPower.KILO_WATT: 1000.0,
    UnitOfPower.MEGA_WATT: 1_000_000.0,
}


def reading(state: State | None) -> float | None:
    """A sensor's state as a number, None when it is unavailable or not a number."""
    if state is None:
        return None
    try:
        value = float(state.state)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def power_reading_w(state: State | None) -> float | None:
    """A power sensor's state in W (W, kW or MW); None when it is not a power reading."""
    value = reading(state)
    if value is None or state is None:
        return None
    unit = state.attributes.get("unit_of_measurement", UnitOfPower.WATT)
    factor = WATTS_PER_UNIT.get(unit)
    return value * factor if factor is not None else None


def spendable_w(value_w: float, kind: str, fleet_draw_w: float) -> float:
    """What the fleet may draw, from one reading of the followed sensor.

    Grid export (or a grid meter, negative while exporting) is measured with the fleet
    running: what it draws itself is free to spend again.
    """
    if kind == BUDGET_SENSOR_EXPORT:
        return max(0.0, value_w + fleet_draw_w)
    if kind == BUDGET_SENSOR_GRID:
        return max(0.0, fleet_draw_w - value_w)
    return max(0.0, value_w)


class FollowedBudget:
    """The followed sensor's spendable power, averaged over the smoothing window."""

    def __init__(self, kind: str, window: timedelta) -> None:
        self.kind = kind
        self._average = MovingAverage(window) if window > timedelta(0) else None
        self._last: float | None = None

    def add(self, state: State | None, fleet_draw_w: float, at: datetime) -> None:
        watts = power_reading_w(state)
        if watts is None:
            return
        value = spendable_w(watts, self.kind, fleet_draw_w)
        self._last = value
        if self._average is not None:
            self._average.add(value, at)

    def value(self, at: datetime) -> float | None:
        if self._average is not None:
            return self._average.value(at)
        return self._last


@dataclass(slots=True)
class PriceGate:
    """Mining allowed below the start price, stopped above the stop price; in between (or
    without a reading) it stays as it was."""

    stop_above: float
    start_below: float
    allowed: bool = True

    def update(self, price: float | None) -> bool:
        if price is not None:
            if price > self.stop_above:
                self.allowed = False
            elif price < self.start_below:
                self.allowed = True
        return self.allowed
