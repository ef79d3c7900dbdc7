"""A sensor's value averaged over time, so that a passing cloud does not stop a miner."""

from __future__ import annotations

import bisect
import math
from datetime import datetime, timedelta


class MovingAverage:
    """The time-weighted mean of a value over the last ``window``.

    A sample holds until the next one (a sensor's state between its updates). Samples
    older than the window are dropped, but for the one in force at its start.
    """

    def __init__(self, window: timedelta) -> None:
        if window <= timedelta(0):
            raise ValueError("the window must be longer than 0")
        self._window = window
        self._times: list[datetime] = []
        self._values: list[float] = []

    def add(self, value: float, at: datetime) -> None:
        """A sample taken ``at``; one at the time of another replaces it, NaN is ignored."""
        if math.isnan(value):
            return
        index = bisect.bisect_left(self._times, at)
        if index < len(self._times) and self._times[index] == at:
            self._values[index] = value
        else:
            self._times.insert(index, at)
            self._values.insert(index, value)
        self._drop_before(self._times[-1] - self._window)

    def value(self, at: datetime) -> float | None:
        """The mean over the window ending ``at``; None before the first sample.

        Over less than the window while the samples do not reach back that far; the last
        sample itself when no time has passed since it.
        """
        end = bisect.bisect_right(self._times, at)
        if end == 0:
            return None
        start = at - self._window
        total = 0.0
        seconds = 0.0
        for index in range(end):
            since = max(self._times[index], start)
            until = self._times[index + 1] if index + 1 < end else at
            span = (until - since).total_seconds()
            if span > 0:
                total += self._values[index] * span
                seconds += span
        if seconds == 0:
            return self._values[end - 1]
        return total / seconds

    def clear(self) -> None:
        self._times.clear()
        self._values.clear()

    def _drop_before(self, start: datetime) -> None:
        # The last sample at or before the window's start is the one in force there.
        first_kept = bisect.bisect_right(self._times, start) - 1
        if first_kept > 0:
            del self._times[:first_kept]
            del self._values[:first_kept]
