"""The heater's controller: the draw a room's temperature asks of a miner, and the
anti-flapping rules over a simulated clock."""

from __future__ import annotations

import itertools
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from custom_components.asic_miner.power.heater import (
    Decision,
    HeaterState,
    Reason,
    decide,
)
from custom_components.asic_miner.power.levers import LeverKind, PowerLever

T0 = datetime(2026, 12, 1, 8, 0, tzinfo=UTC)
TARGET = 21.0
TARGET_LEVER = PowerLever(LeverKind.POWER_TARGET, 1000, 3000, 100, can_stop=True)
LIMIT_LEVER = PowerLever(LeverKind.POWER_LIMIT, 2000, 3600, 10, costly=True, can_stop=True)
SWITCH_LEVER = PowerLever(LeverKind.SWITCH, 3250, 3250, can_stop=True)
MINI3_LEVER = PowerLever(
    LeverKind.LEVELS, 560, 850, levels=(("eco", 560), ("super", 850)), can_stop=True
)
NO_STOP_LEVER = replace(MINI3_LEVER, can_stop=False)

LONG_AGO = T0 - timedelta(hours=2)
RUNNING = HeaterState(2000, True, last_started=LONG_AGO, last_changed=LONG_AGO)
STOPPED = HeaterState(2000, False, last_stopped=LONG_AGO)


def _at(room: float, state: HeaterState = RUNNING, lever: PowerLever = TARGET_LEVER) -> Decision:
    return decide(lever, room, TARGET, state, T0)


def test_a_cold_room_gets_full_draw() -> None:
    assert _at(19.0) == Decision(3000, Reason.COLD)
    assert _at(20.0) == Decision(3000, Reason.COLD)  # one degree below: full already
    assert _at(19.0, STOPPED) == Decision(3000, Reason.COLD)


def test_the_draw_falls_as_the_room_nears_the_target() -> None:
    assert _at(20.5) == Decision(2000, Reason.HEATING)
    assert _at(20.75).draw_w == 1500
    draws = [_at(TARGET - tenth / 10).draw_w or 0 for tenth in range(11)]
    assert draws == sorted(draws)  # colder, never less
    assert _at(21.0) == Decision(1000, Reason.NEAR_TARGET)
    assert _at(21.4) == Decision(1000, Reason.NEAR_TARGET)


def test_a_too_warm_room_stops_the_miner_and_it_starts_below_the_target() -> None:
    assert _at(21.5) == Decision(None, Reason.WARM)
    assert _at(23.0) == Decision(None, Reason.WARM)
    # Stopped, it stays so until the room is below the target again.
    assert _at(21.2, STOPPED) == Decision(None, Reason.WARM)
    assert _at(21.0, STOPPED) == Decision(None, Reason.WARM)
    started = _at(20.9, STOPPED)
    assert started.draw_w is not None
    assert started.draw_w >= 1000


def test_a_miner_that_cannot_stop_runs_at_its_lowest_when_warm() -> None:
    state = HeaterState(850, True, last_started=LONG_AGO, last_changed=LONG_AGO)
    assert _at(25.0, state, NO_STOP_LEVER) == Decision(560, Reason.NEAR_TARGET)


def test_levels_are_snapped_down_to_one_the_miner_has() -> None:
    state = HeaterState(560, True, last_started=LONG_AGO, last_changed=LONG_AGO)
    assert _at(20.5, state, MINI3_LEVER) == Decision(560, Reason.NEAR_TARGET)
    assert _at(19.9, state, MINI3_LEVER) == Decision(850, Reason.COLD)


def test_small_changes_are_not_made() -> None:
    # 2000 W now; 20.55 °C asks for 1900 W: exactly the threshold, made.
    assert _at(20.45).draw_w == 2100
    assert _at(20.55).draw_w == 1900
    fine = replace(TARGET_LEVER, step_w=10)
    assert decide(fine, 20.48, TARGET, RUNNING, T0) == Decision(2000, Reason.HYSTERESIS)
    # A start is a start: the draw it is set to is kept when close to the wanted one.
    assert decide(fine, 20.48, TARGET, STOPPED, T0) == Decision(2000, Reason.HEATING)


def test_min_on_keeps_a_started_miner_running_at_its_lowest() -> None:
    started = HeaterState(3000, True, last_started=T0, last_changed=T0)
    for minutes, expected in (
        (1, Decision(1000, Reason.MIN_ON)),
        (9, Decision(1000, Reason.MIN_ON)),
        (10, Decision(None, Reason.WARM)),
    ):
        assert decide(TARGET_LEVER, 23.0, TARGET, started, T0 + timedelta(minutes=minutes)) == (
            expected
        )
    switch_on = HeaterState(3250, True, last_started=T0)
    soon = T0 + timedelta(minutes=3)
    assert decide(SWITCH_LEVER, 23.0, TARGET, switch_on, soon) == Decision(3250, Reason.MIN_ON)


def test_min_off_keeps_a_stopped_miner_resting() -> None:
    stopped = HeaterState(1000, False, last_stopped=T0)
    assert decide(TARGET_LEVER, 18.0, TARGET, stopped, T0 + timedelta(minutes=4)) == Decision(
        None, Reason.MIN_OFF
    )
    assert decide(TARGET_LEVER, 18.0, TARGET, stopped, T0 + timedelta(minutes=5)) == Decision(
        3000, Reason.COLD
    )


def test_a_costly_lever_changes_seldom_and_only_by_much() -> None:
    changed = HeaterState(3600, True, last_started=LONG_AGO, last_changed=T0)
    # 20.5 °C asks for 2800 W: 800 W less, but the limit was changed ten minutes ago.
    later = T0 + timedelta(minutes=10)
    assert decide(LIMIT_LEVER, 20.5, TARGET, changed, later) == Decision(3600, Reason.COSTLY)
    later = T0 + timedelta(minutes=15)
    assert decide(LIMIT_LEVER, 20.5, TARGET, changed, later) == Decision(2800, Reason.HEATING)
    # 20.1 °C asks for 3440 W: 160 W, not worth a restart of the mining software.
    assert decide(LIMIT_LEVER, 20.1, TARGET, changed, later) == Decision(3600, Reason.HYSTERESIS)
    # Stopping is no change of the limit: too warm stops it at once.
    assert decide(LIMIT_LEVER, 22.0, TARGET, changed, later) == Decision(None, Reason.WARM)


@pytest.mark.parametrize(
    ("mining", "room", "on"),
    [
        (False, 20.7, False),  # within the hysteresis: stays off
        (False, 20.6, True),
        (True, 21.3, True),  # within the hysteresis: stays on
        (True, 21.4, False),
        (True, 19.0, True),
        (False, 23.0, False),
    ],
)
def test_a_switch_only_miner_goes_on_and_off_around_the_target(
    mining: bool, room: float, on: bool
) -> None:
    state = replace(RUNNING if mining else STOPPED, setting_w=3250 if mining else None)
    decision = decide(SWITCH_LEVER, room, TARGET, state, T0)
    assert (decision.draw_w is not None) == on
    assert decision.reason is (Reason.COLD if on else Reason.WARM)


def test_what_changes_the_miner() -> None:
    assert not Decision(2000, Reason.HEATING).changes(RUNNING)
    assert Decision(1900, Reason.HEATING).changes(RUNNING)
    assert Decision(None, Reason.WARM).changes(RUNNING)
    assert not Decision(None, Reason.WARM).changes(STOPPED)
    assert Decision(2000, Reason.HEATING).changes(STOPPED)


def _run_room(lever: PowerLever, hours: int = 6) -> tuple[list[tuple[datetime, str]], list[float]]:
    """A room the miner warms by 0.1 °C a minute at full draw, losing 0.06 °C a minute (the
    outside cold) and then 0.02 (mild), the heater asked every 30 s; the starts, stops and
    draw changes it made, and the temperatures of the last hour."""
    room, now = 18.0, T0
    state = HeaterState(lever.maximum_w, False, last_stopped=LONG_AGO)
    events: list[tuple[datetime, str]] = []
    temperatures: list[float] = []
    while now < T0 + timedelta(hours=hours):
        decision = decide(lever, room, TARGET, state, now)
        if decision.changes(state):
            if decision.draw_w is None:
                events.append((now, "stop"))
                state = replace(state, mining=False, last_stopped=now)
            else:
                if not state.mining:
                    events.append((now, "start"))
                    state = replace(state, mining=True, last_started=now)
                if decision.draw_w != state.setting_w:
                    events.append((now, "change"))
                    state = replace(state, setting_w=decision.draw_w, last_changed=now)
        loss = 0.06 if now < T0 + timedelta(hours=3) else 0.02
        heat = (state.setting_w or 0) / lever.maximum_w * 0.1 if state.mining else 0.0
        room += (heat - loss) / 2
        now += timedelta(seconds=30)
        if now >= T0 + timedelta(hours=hours - 1):
            temperatures.append(room)
    return events, temperatures


def _gaps(events: list[tuple[datetime, str]], first: str, then: str) -> list[timedelta]:
    """Time from each ``first`` event to the ``then`` event after it."""
    gaps, since = [], None
    for at, kind in events:
        if kind == first:
            since = at
        elif kind == then and since is not None:
            gaps.append(at - since)
            since = None
    return gaps


@pytest.mark.parametrize("lever", [SWITCH_LEVER, LIMIT_LEVER, TARGET_LEVER, MINI3_LEVER])
def test_over_hours_nothing_switches_more_often_than_the_rules_allow(lever: PowerLever) -> None:
    events, last_hour = _run_room(lever)
    # In the mild hours even the lowest draw is too much: each is stopped and started.
    assert any(kind == "stop" for _, kind in events)
    assert len([kind for _, kind in events if kind == "start"]) > 1
    assert all(gap >= timedelta(minutes=10) for gap in _gaps(events, "start", "stop"))
    assert all(gap >= timedelta(minutes=5) for gap in _gaps(events, "stop", "start"))
    if lever.costly:
        changes = [at for at, kind in events if kind == "change"]
        # The first is the start's own draw; every later one at least 15 min after another.
        assert all(b - a >= timedelta(minutes=15) for a, b in itertools.pairwise(changes[1:]))
    # And the room is held: within a degree of the target once it settled.
    assert min(last_hour) >= TARGET - 1.0
    assert max(last_hour) <= TARGET + 1.0
