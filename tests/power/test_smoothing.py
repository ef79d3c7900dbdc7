"""The budget sensor's moving average: a passing cloud moves it a little, not all the way."""

from __future__ import annotations

import math
import tracemalloc
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from custom_components.asic_miner.power.smoothing import MovingAverage

T0 = datetime(2025, 6, 21, 12, 0, tzinfo=UTC)
MINUTE = timedelta(minutes=1)


def test_nothing_before_the_first_sample_then_the_sample_itself() -> None:
    average = MovingAverage(5 * MINUTE)
    assert average.value(T0) is None

    average.add(4000, T0)

    assert average.value(T0 - MINUTE) is None
    assert average.value(T0) == 4000
    assert average.value(T0 + 30 * MINUTE) == 4000


def test_a_sample_counts_for_as_long_as_it_held() -> None:
    average = MovingAverage(10 * MINUTE)
    average.add(4000, T0)
    average.add(1000, T0 + 8 * MINUTE)  # a cloud

    assert average.value(T0 + 8 * MINUTE) == 4000
    assert average.value(T0 + 10 * MINUTE) == pytest.approx((8 * 4000 + 2 * 1000) / 10)
    # The window moves on: 4000 W held for the first 3 of the last 10 minutes.
    assert average.value(T0 + 15 * MINUTE) == pytest.approx((3 * 4000 + 7 * 1000) / 10)
    assert average.value(T0 + 18 * MINUTE) == 1000


def test_a_short_history_is_averaged_over_what_there_is() -> None:
    average = MovingAverage(10 * MINUTE)
    average.add(3000, T0)
    average.add(1000, T0 + MINUTE)

    assert average.value(T0 + 2 * MINUTE) == pytest.approx(2000)


def test_a_sample_at_the_same_time_replaces_the_earlier_and_nan_is_ignored() -> None:
    average = MovingAverage(10 * MINUTE)
    average.add(3000, T0)
    average.add(5000, T0)
    average.add(math.nan, T0 + MINUTE)

    assert average.value(T0 + 2 * MINUTE) == 5000


def test_a_late_sample_takes_its_place_in_time() -> None:
    average = MovingAverage(10 * MINUTE)
    average.add(1000, T0)
    average.add(3000, T0 + 4 * MINUTE)
    average.add(2000, T0 + 2 * MINUTE)  # arrived late

    assert average.value(T0 + 6 * MINUTE) == pytest.approx((2 * 1000 + 2 * 2000 + 2 * 3000) / 6)


def test_clear_forgets_every_sample() -> None:
    average = MovingAverage(10 * MINUTE)
    average.add(3000, T0)
    average.clear()

    assert average.value(T0 + MINUTE) is None
    average.add(100, T0 + MINUTE)
    assert average.value(T0 + 2 * MINUTE) == 100


def test_a_window_must_have_a_length() -> None:
    with pytest.raises(ValueError, match="window"):
        MovingAverage(timedelta(0))


def test_memory_stays_bounded_over_a_long_run() -> None:
    """A sensor updating every second for half a day keeps no more than the last minute."""
    average = MovingAverage(MINUTE)
    tracemalloc.start()
    try:
        for second in range(3_600):
            average.add(float(second % 500), T0 + timedelta(seconds=second))
        settled, _ = tracemalloc.get_traced_memory()
        for second in range(3_600, 43_200):
            average.add(float(second % 500), T0 + timedelta(seconds=second))
        after, _ = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()

    assert after - settled < 4_096
    assert average.value(T0 + timedelta(seconds=43_199)) == pytest.approx(
        sum(s % 500 for s in range(43_139, 43_199)) / 60
    )


samples = st.lists(
    st.tuples(st.integers(0, 3_600), st.floats(-1e6, 1e6, allow_nan=False)),
    min_size=1,
    max_size=30,
)


@settings(max_examples=200, deadline=None)
@given(
    samples=samples,
    window_s=st.integers(1, 1_800),
    later_s=st.integers(0, 900),
)
def test_the_mean_lies_between_the_samples_in_force_over_the_window(
    samples: list[tuple[int, float]], window_s: int, later_s: int
) -> None:
    average = MovingAverage(timedelta(seconds=window_s))
    in_order: dict[int, float] = {}
    for second, value in samples:
        average.add(value, T0 + timedelta(seconds=second))
        in_order[second] = value  # the latest at a time replaces the earlier
    at_s = max(in_order) + later_s
    start_s = at_s - window_s
    times = sorted(in_order)
    # In force over the window: the last at or before its start and every one after.
    first = max([t for t in times if t <= start_s], default=times[0])
    in_force = [in_order[t] for t in times if t >= first]

    mean = average.value(T0 + timedelta(seconds=at_s))

    assert mean is not None
    slack = 1e-9 * max(abs(v) for v in in_force) + 1e-9
    assert min(in_force) - slack <= mean <= max(in_force) + slack
