"""Where a fleet's budget comes from: a followed sensor's reading, its kind, the price gate."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from homeassistant.core import State

from custom_components.asic_miner.const import (
    BUDGET_SENSOR_EXPORT,
    BUDGET_SENSOR_GRID,
    BUDGET_SENSOR_SURPLUS,
)
from custom_components.asic_miner.fleet.budget import (
    FollowedBudget,
    PriceGate,
    spendable_w,
)
from custom_components.asic_miner.readings import power_w

T0 = datetime(2026, 6, 21, 12, tzinfo=UTC)


@pytest.mark.parametrize(
    ("state", "watts"),
    [
        (State("sensor.p", "1500"), 1500.0),
        (State("sensor.p", "1.5", {"unit_of_measurement": "kW"}), 1500.0),
        (State("sensor.p", "-2", {"unit_of_measurement": "kW"}), -2000.0),
        (State("sensor.p", "1500", {"unit_of_measurement": "W"}), 1500.0),
        (State("sensor.p", "1500", {"unit_of_measurement": "kWh"}), None),  # not a power
        (State("sensor.p", "unavailable"), None),
        (State("sensor.p", "nan"), None),
        (None, None),
    ],
)
def test_power_readings(state: State | None, watts: float | None) -> None:
    assert power_w(state) == watts


def test_the_fleet_adds_its_own_draw_back_to_a_meter() -> None:
    """Measured with the miners running: 500 W exported while the fleet draws 3000 W
    leaves 3500 W to spend; a grid meter reads the export negative."""
    assert spendable_w(500, BUDGET_SENSOR_EXPORT, 3000) == 3500
    assert spendable_w(-500, BUDGET_SENSOR_GRID, 3000) == 3500
    assert spendable_w(1000, BUDGET_SENSOR_GRID, 3000) == 2000  # importing 1 kW
    assert spendable_w(4000, BUDGET_SENSOR_GRID, 3000) == 0  # importing more than it draws
    assert spendable_w(2500, BUDGET_SENSOR_SURPLUS, 3000) == 2500


def test_a_passing_cloud_moves_the_smoothed_budget_a_little() -> None:
    followed = FollowedBudget(BUDGET_SENSOR_SURPLUS, timedelta(minutes=5))
    followed.add(State("sensor.p", "4000"), 0, T0)
    followed.add(State("sensor.p", "500"), 0, T0 + timedelta(minutes=5))  # a cloud
    followed.add(State("sensor.p", "4000"), 0, T0 + timedelta(minutes=5, seconds=30))
    assert followed.value(T0 + timedelta(minutes=6)) == pytest.approx(3650)
    followed.add(State("sensor.p", "unknown"), 0, T0 + timedelta(minutes=7))  # ignored
    assert followed.value(T0 + timedelta(minutes=11)) == pytest.approx(4000)


def test_without_smoothing_the_last_reading_counts() -> None:
    followed = FollowedBudget(BUDGET_SENSOR_SURPLUS, timedelta(0))
    assert followed.value(T0) is None
    followed.add(State("sensor.p", "1200"), 0, T0)
    followed.add(State("sensor.p", "800"), 0, T0 + timedelta(seconds=1))
    assert followed.value(T0 + timedelta(seconds=2)) == 800


def test_the_price_gate_keeps_its_state_between_the_thresholds() -> None:
    gate = PriceGate(stop_above=0.30, start_below=0.20)
    assert [gate.update(price) for price in (0.10, 0.25, 0.31, 0.25, None, 0.21, 0.19)] == [
        True,
        True,
        False,
        False,
        False,
        False,
        True,
    ]
