"""Where a fleet's power budget comes from: its number, a followed sensor, the price."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from homeassistant.core import State

from ..const import BUDGET_SENSOR_EXPORT, BUDGET_SENSOR_GRID
from ..power.smoothing import MovingAverage
from ..readings import power_w


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
        watts = power_w(state)
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
