"""Energy from power readings: what a miner's or a fleet's Energy sensor adds up."""

from __future__ import annotations

from datetime import datetime, timedelta


class EnergyTotal:
    """kWh so far: the trapezoid between two consecutive readings is added.

    A reading of None (the miner did not answer) ends the run; so does a gap longer than
    ``max_gap``: what was drawn meanwhile is unknown, and nothing is guessed. The total
    only grows.
    """

    def __init__(self) -> None:
        self.kwh = 0.0
        self._last: tuple[datetime, float] | None = None

    def restore(self, kwh: float) -> None:
        self.kwh = max(0.0, kwh)

    def add(self, at: datetime, watts: float | None, max_gap: timedelta) -> float:
        if watts is None:
            self._last = None
            return self.kwh
        if self._last is not None:
            then, watts_then = self._last
            gap = at - then
            if timedelta(0) < gap <= max_gap:
                hours = gap.total_seconds() / 3600
                self.kwh += max(0.0, (watts_then + watts) / 2) * hours / 1000
        self._last = (at, watts)
        return self.kwh
