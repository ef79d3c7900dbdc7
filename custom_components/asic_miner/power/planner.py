"""Spend a power budget across a fleet's miners: who runs, at what draw, and why.

A pure function of the members' state, the budget and the clock (no Home Assistant, no
I/O): the fleet coordinator calls ``plan`` every tick and carries out the changes.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum

from .levers import PowerLever


@dataclass(frozen=True, slots=True)
class PlannerSettings:
    """The anti-flapping rules (the fleet entry's options)."""

    # A stopped member starts only when the budget left covers its lowest draw plus this;
    # an increase smaller than this is not made. Also the "one step" the plan may exceed
    # the budget by (a member at its lowest draw kept on by its minimum on time).
    hysteresis_w: float = 100.0
    min_on: timedelta = timedelta(minutes=10)  # a started member runs at least this long
    min_off: timedelta = timedelta(minutes=5)  # a stopped member rests at least this long
    # A costly lever (a change restarts the mining software) is changed at most this often,
    # and only by at least ``costly_min_change_w`` (unless the budget needs a decrease).
    costly_interval: timedelta = timedelta(minutes=15)
    costly_min_change_w: float = 300.0


@dataclass(frozen=True, slots=True)
class MemberState:
    """One member as the planner sees it."""

    member_id: str  # the miner's config entry id
    name: str
    lever: PowerLever
    available: bool  # its last poll worked
    mining: bool | None
    draw_w: float | None  # measured now (or the lever's nominal draw while it mines)
    setting_w: float | None  # what the lever is set to now (levers.current_draw_setting)
    efficiency: float | None  # J/TH, measured, else from the model table; None: unknown
    last_started: datetime | None = None
    last_stopped: datetime | None = None
    last_changed: datetime | None = None  # the last change of its draw (costly levers)
    # Why the planner must leave it alone (its heater holds it, its control failed a
    # moment ago): its draw counts against the budget as it is.
    held: str | None = None


class Action(StrEnum):
    START = "start"
    STOP = "stop"
    SET = "set"  # a new draw while it runs
    KEEP = "keep"  # nothing to change
    NONE = "none"  # not controlled (unavailable, held, no control)


class Reason(StrEnum):
    """Why a member gets its target (the plan attribute shows these codes)."""

    BUDGET = "budget"  # runs at what the budget gives it
    FULL = "full"  # runs at its highest draw
    NO_BUDGET = "no_budget"  # stopped: the budget left is below its lowest draw
    MIN_ON = "min_on"  # kept on: its minimum on time has not passed
    MIN_OFF = "min_off"  # kept off: its minimum off time has not passed
    HYSTERESIS = "hysteresis"  # unchanged: the change would be smaller than the hysteresis
    COSTLY = "costly"  # unchanged: a costly change not worth making yet
    OVER_BUDGET = "over_budget"  # stopped before its minimum on time: the budget is exceeded
    PRICE = "price"  # stopped: the price is above the stop threshold
    PAUSED = "paused"  # stopped: the fleet is paused
    UNAVAILABLE = "unavailable"
    HELD = "held"  # MemberState.held says why
    NO_CONTROL = "no_control"  # draws what it draws


@dataclass(frozen=True, slots=True)
class PlanEntry:
    member_id: str
    name: str
    action: Action
    target_w: float | None  # the draw it runs at after the change; None: stopped
    reason: Reason


@dataclass(frozen=True, slots=True)
class Plan:
    budget_w: float
    entries: tuple[PlanEntry, ...] = ()
    # What the members draw when the plan is carried out (uncontrolled members' measured
    # draw included).
    planned_w: float = 0.0
    notes: tuple[str, ...] = field(default_factory=tuple)

    def changes(self) -> tuple[PlanEntry, ...]:
        return tuple(e for e in self.entries if e.action in (Action.START, Action.STOP, Action.SET))


# What the plan does with one member: its action, the draw it runs at after, why.
type _Decision = tuple[Action, float | None, Reason]


def plan(
    members: list[MemberState] | tuple[MemberState, ...],
    budget_w: float,
    *,
    now: datetime,
    settings: PlannerSettings,
    mining_allowed: bool = True,
    paused: bool = False,
) -> Plan:
    """The members' draws for ``budget_w``.

    - Uncontrollable, unavailable and held members count with their measured draw and are
      not changed.
    - The rest in order of efficiency (lowest J/TH first; unknown last), each given the
      highest running draw the budget left allows (``PowerLever.fit``).
    - ``mining_allowed`` False (the price is above its stop threshold) and ``paused`` stop
      every controlled member, respecting min_on for the price (not for a pause).
    - Anti-flapping: see PlannerSettings; the plan's planned_w stays within the budget plus
      one step: hysteresis_w, and the lowest draw of the largest member kept on by its
      minimum on time. Further over, the least efficient of those are stopped early
      (Reason.OVER_BUDGET): the budget is a limit (a grid connection, a feed-in cap).
    - Increases need hysteresis_w of headroom; a decrease of a costly lever goes down by at
      least costly_min_change_w, so that it restarts the mining software once.
    """
    notes: list[str] = []
    if math.isnan(budget_w):
        notes.append("the budget is not a number: planned as 0 W")
        budget_w = 0.0
    results: list[_Decision | None] = [None] * len(members)
    fixed_w = 0.0
    controlled: list[_Member] = []
    for index, state in enumerate(members):
        reason = _not_controlled(state)
        if reason is None:
            controlled.append(_member(index, state, now, settings, paused=paused))
            continue
        draw = None if reason is Reason.UNAVAILABLE else state.draw_w
        fixed_w += draw or 0.0
        results[index] = (Action.NONE, draw, reason)
    controlled.sort(key=_priority)

    limit = budget_w + settings.hysteresis_w
    if fixed_w > limit:
        notes.append(f"members the fleet does not control draw {fixed_w:.0f} W, over the budget")
    floors_w = fixed_w + sum(m.floor_w for m in controlled)
    # Kept on by min_on, the least efficient first give way once the floors alone are
    # more than one step over the budget: the hysteresis plus the largest of those floors
    # (one member kept on its minimum time may overshoot; two or more would add up).
    step_w = settings.hysteresis_w + max((m.floor_w for m in controlled if m.min_on), default=0.0)
    for m in reversed(controlled):
        if floors_w <= budget_w + step_w:
            break
        if m.min_on:
            floors_w -= m.floor_w
            m.floor_w, m.min_on, m.over_budget = 0.0, False, True
    if fixed_w <= limit < floors_w:
        notes.append(
            f"members that cannot stop draw {floors_w:.0f} W at their lowest, over the budget"
        )

    # Each member's floor stays reserved until its turn, so that an efficient member's
    # draw never takes what a member that must stay on needs.
    pool_w = budget_w - floors_w
    for m in controlled:
        if m.over_budget:
            result: _Decision = (Action.STOP, None, Reason.OVER_BUDGET)
        else:
            result = _decide(
                m,
                pool_w + m.floor_w,
                now,
                settings,
                mining_allowed=mining_allowed,
                paused=paused,
            )
        pool_w -= (result[1] or 0.0) - m.floor_w
        results[m.index] = result

    entries: list[PlanEntry] = []
    planned_w = 0.0
    for state, decided in zip(members, results, strict=True):
        assert decided is not None
        action, target, reason = decided
        entries.append(PlanEntry(state.member_id, state.name, action, target, reason))
        planned_w += target or 0.0
    return Plan(budget_w, tuple(entries), planned_w, tuple(notes))


@dataclass(slots=True)
class _Member:
    index: int  # its place in the members given (and in the plan's entries)
    state: MemberState
    running: bool
    current_w: float  # the draw it runs at now (running); 0 when stopped
    floor_w: float  # what it draws whatever the budget: 0 when it may stop
    min_on: bool  # the floor is its minimum on time's
    min_off: bool  # stopped less than min_off ago
    over_budget: bool = False


def _not_controlled(state: MemberState) -> Reason | None:
    if not state.available:
        return Reason.UNAVAILABLE
    if state.held is not None:
        return Reason.HELD
    if not state.lever.controllable:
        return Reason.NO_CONTROL
    return None


def _lowest(lever: PowerLever) -> float:
    """Its lowest running draw (on / off only: the one it runs at)."""
    return lever.minimum_w if lever.adjustable else lever.maximum_w


def _member(
    index: int, state: MemberState, now: datetime, settings: PlannerSettings, *, paused: bool
) -> _Member:
    lever = state.lever
    # A member that cannot stop is planned as running: the plan only ever sets its draw.
    running = (
        state.mining is True or (state.mining is None and bool(state.draw_w)) or not lever.can_stop
    )
    current = 0.0
    if running:
        # Unknown (or a 0 a miner reports for unknown) counts as its highest draw.
        if lever.adjustable and state.setting_w is not None:
            current = state.setting_w
        else:
            current = state.draw_w or lever.maximum_w
    min_on = (
        running
        and lever.can_stop
        and not paused
        and state.last_started is not None
        and now - state.last_started < settings.min_on
    )
    min_off = (
        not running
        and state.last_stopped is not None
        and now - state.last_stopped < settings.min_off
    )
    floor = 0.0
    if not lever.can_stop:
        floor = _lowest(lever)
    elif min_on:
        floor = _lowest(lever) if lever.adjustable else current
    return _Member(index, state, running, current, floor, min_on, min_off)


def _priority(m: _Member) -> tuple[bool, float, str]:
    efficiency = m.state.efficiency
    return (efficiency is None, efficiency or 0.0, m.state.member_id)


def _decide(
    m: _Member,
    allowance_w: float,
    now: datetime,
    settings: PlannerSettings,
    *,
    mining_allowed: bool,
    paused: bool,
) -> _Decision:
    if paused or not mining_allowed:
        reason = Reason.PAUSED if paused else Reason.PRICE
        if not m.state.lever.can_stop:
            return _move(m, _lowest(m.state.lever), reason)
        if not m.running:
            return (Action.KEEP, None, reason)
        if m.min_on:
            return _move(m, m.floor_w, Reason.MIN_ON)
        return (Action.STOP, None, reason)
    if not m.running:
        return _start(m, allowance_w, settings)
    if not m.state.lever.adjustable:
        if allowance_w >= m.current_w:
            return (Action.KEEP, m.current_w, Reason.FULL)
        if m.min_on:
            return (Action.KEEP, m.current_w, Reason.MIN_ON)
        return (Action.STOP, None, Reason.NO_BUDGET)
    return _adjust(m, allowance_w, now, settings)


def _move(m: _Member, target_w: float, reason: Reason) -> _Decision:
    return (Action.KEEP if target_w == m.current_w else Action.SET, target_w, reason)


def _start(m: _Member, allowance_w: float, settings: PlannerSettings) -> _Decision:
    lever = m.state.lever
    if allowance_w < _lowest(lever) + settings.hysteresis_w:
        return (Action.KEEP, None, Reason.NO_BUDGET)
    if m.min_off:
        return (Action.KEEP, None, Reason.MIN_OFF)
    target = lever.fit(allowance_w) if lever.adjustable else lever.maximum_w
    if target is None:  # only with a negative hysteresis
        return (Action.KEEP, None, Reason.NO_BUDGET)
    return (Action.START, target, _running_reason(lever, target))


def _adjust(m: _Member, allowance_w: float, now: datetime, settings: PlannerSettings) -> _Decision:
    lever = m.state.lever
    current = m.current_w
    target = lever.fit(allowance_w)
    if target is None:
        if m.floor_w:
            # Needed by the budget: made on a costly lever too.
            return _move(m, m.floor_w, Reason.MIN_ON if m.min_on else Reason.BUDGET)
        return (Action.STOP, None, Reason.NO_BUDGET)
    if target > current:
        # Going up needs the hysteresis as headroom: a budget wobbling across a coarse
        # step (an Avalon level, 100 W of a target) would flip the member every tick.
        target = lever.fit(allowance_w - settings.hysteresis_w)
        if target is None or target <= current or target - current < settings.hysteresis_w:
            return (Action.KEEP, current, Reason.HYSTERESIS)
    reason = _running_reason(lever, target)
    if target == current:
        return (Action.KEEP, current, reason)
    needed = current > allowance_w
    if needed and lever.costly:
        # Each change restarts the mining software: down by a worthwhile step at once,
        # not 10 W per dip of the budget.
        deeper = lever.fit(min(allowance_w, current - settings.costly_min_change_w))
        if deeper is not None and deeper >= m.floor_w:
            target = min(target, deeper)
            reason = _running_reason(lever, target)
    if lever.costly and not needed and not _worth_a_restart(m, target, now, settings):
        return (Action.KEEP, current, Reason.COSTLY)
    return (Action.SET, target, reason)


def _worth_a_restart(m: _Member, target_w: float, now: datetime, settings: PlannerSettings) -> bool:
    if abs(target_w - m.current_w) < settings.costly_min_change_w:
        return False
    changed = m.state.last_changed
    return changed is None or now - changed >= settings.costly_interval


def _running_reason(lever: PowerLever, target_w: float) -> Reason:
    return Reason.FULL if target_w == lever.maximum_w else Reason.BUDGET
