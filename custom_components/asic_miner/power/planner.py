"""Spend a power budget across a fleet's miners: who runs, at what draw, and why.

A pure function of the members' state, the budget and the clock (no Home Assistant, no
I/O): the fleet coordinator calls ``plan`` every tick and carries out the changes.
"""

from __future__ import annotations

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
      hysteresis_w except while members are kept on by their minimum on time at their
      lowest draw; more than one step over, the least efficient of those are stopped early
      (Reason.OVER_BUDGET): the budget is a limit (a grid connection, a feed-in cap).
    """
    raise NotImplementedError
