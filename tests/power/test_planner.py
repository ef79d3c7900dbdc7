"""The fleet's planner: who runs, at what draw, and why, for a budget over a simulated clock.

Plans are carried out the way the fleet does it (a start runs the member at its target, a
stop parks it, a change sets its draw) and fed back as the members' next state.
"""

from __future__ import annotations

import dataclasses
import math
from datetime import UTC, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from custom_components.asic_miner.power.levers import LeverKind, PowerLever
from custom_components.asic_miner.power.planner import (
    Action,
    MemberState,
    Plan,
    PlannerSettings,
    Reason,
    plan,
)

T0 = datetime(2025, 6, 21, 12, 0, tzinfo=UTC)
LONG_AGO = T0 - timedelta(days=1)
RULES = PlannerSettings()  # 100 W hysteresis, 10 min on, 5 min off, costly: 15 min / 300 W


def target_lever(
    low: float = 1000, high: float = 3000, step: float = 100, **kw: bool
) -> PowerLever:
    return PowerLever(
        LeverKind.POWER_TARGET, low, high, step, can_stop=kw.pop("can_stop", True), **kw
    )


def limit_lever(low: float = 2000, high: float = 3600) -> PowerLever:
    """A Whatsminer's: a change of its limit restarts the mining software."""
    return PowerLever(LeverKind.POWER_LIMIT, low, high, 10, costly=True, can_stop=True)


def switch_lever(draw: float = 3250) -> PowerLever:
    return PowerLever(LeverKind.SWITCH, draw, draw, can_stop=True)


def member(
    member_id: str,
    lever: PowerLever,
    *,
    efficiency: float | None = 20.0,
    running_at: float | None = None,
    **fields: object,
) -> MemberState:
    """A stopped member, or one running at ``running_at`` (its setting and its draw)."""
    running = running_at is not None
    state = MemberState(
        member_id,
        member_id.capitalize(),
        lever,
        available=True,
        mining=running,
        draw_w=running_at,
        setting_w=running_at if lever.adjustable else (lever.maximum_w if running else None),
        efficiency=efficiency,
        last_started=LONG_AGO if running else None,
        last_stopped=None if running else LONG_AGO,
        last_changed=LONG_AGO,
    )
    return dataclasses.replace(state, **fields)


def carried_out(
    state: MemberState, action: Action, target: float | None, now: datetime
) -> MemberState:
    """The member after the fleet made its change (the driver's draw reads back)."""
    lever = state.lever
    setting = target if lever.adjustable else (lever.maximum_w if target is not None else None)
    match action:
        case Action.START:
            changed = now if setting != state.setting_w else state.last_changed
            return dataclasses.replace(
                state,
                mining=True,
                draw_w=target,
                setting_w=setting,
                last_started=now,
                last_changed=changed,
            )
        case Action.STOP:
            kept = state.setting_w if lever.adjustable else None
            return dataclasses.replace(
                state, mining=False, draw_w=None, setting_w=kept, last_stopped=now
            )
        case Action.SET:
            return dataclasses.replace(state, draw_w=target, setting_w=target, last_changed=now)
    return state


class Fleet:
    """Members on a simulated clock; each ``tick`` plans and carries the plan out."""

    def __init__(self, *members: MemberState, rules: PlannerSettings = RULES) -> None:
        self.members = list(members)
        self.rules = rules
        self.now = T0

    def tick(self, budget: float, *, after: timedelta = timedelta(minutes=1), **kw: bool) -> Plan:
        self.now += after
        result = plan(self.members, budget, now=self.now, settings=self.rules, **kw)
        self.members = [
            carried_out(state, entry.action, entry.target_w, self.now)
            for state, entry in zip(self.members, result.entries, strict=True)
        ]
        return result


def by_id(result: Plan) -> dict[str, tuple[Action, float | None, Reason]]:
    return {e.member_id: (e.action, e.target_w, e.reason) for e in result.entries}


# --- examples ---------------------------------------------------------------------------


def test_a_rising_budget_starts_the_most_efficient_member_first() -> None:
    fleet = Fleet(
        member("unknown", target_lever(), efficiency=None),
        member("thirsty", target_lever(), efficiency=30.0),
        member("frugal", target_lever(), efficiency=17.5),
    )

    assert by_id(fleet.tick(1050)) == {
        "unknown": (Action.KEEP, None, Reason.NO_BUDGET),
        "thirsty": (Action.KEEP, None, Reason.NO_BUDGET),
        "frugal": (Action.KEEP, None, Reason.NO_BUDGET),  # 1000 W + 100 W hysteresis
    }
    assert by_id(fleet.tick(1750))["frugal"] == (Action.START, 1700, Reason.BUDGET)
    result = fleet.tick(4300)
    assert by_id(result) == {
        "unknown": (Action.KEEP, None, Reason.NO_BUDGET),
        "thirsty": (Action.START, 1300, Reason.BUDGET),
        "frugal": (Action.SET, 3000, Reason.FULL),
    }
    assert result.planned_w == 4300
    assert by_id(fleet.tick(9000)) == {
        "unknown": (Action.START, 3000, Reason.FULL),
        "thirsty": (Action.SET, 3000, Reason.FULL),
        "frugal": (Action.KEEP, 3000, Reason.FULL),
    }


def test_a_falling_budget_turns_the_least_efficient_down_then_stops_it() -> None:
    fleet = Fleet(
        member("frugal", target_lever(), efficiency=17.5, running_at=3000),
        member("thirsty", target_lever(), efficiency=30.0, running_at=2000),
    )

    assert by_id(fleet.tick(5000))["thirsty"] == (Action.KEEP, 2000, Reason.BUDGET)
    assert by_id(fleet.tick(4550)) == {
        "frugal": (Action.KEEP, 3000, Reason.FULL),
        "thirsty": (Action.SET, 1500, Reason.BUDGET),
    }
    assert by_id(fleet.tick(3900))["thirsty"] == (Action.STOP, None, Reason.NO_BUDGET)
    assert by_id(fleet.tick(2500))["frugal"] == (Action.SET, 2500, Reason.BUDGET)
    result = fleet.tick(800)
    assert by_id(result)["frugal"] == (Action.STOP, None, Reason.NO_BUDGET)
    assert result.planned_w == 0


def test_hysteresis_keeps_members_steady_while_the_budget_wobbles() -> None:
    # Just above the stopped member's lowest draw, within the hysteresis: it stays off.
    idle = Fleet(member("idle", target_lever()))
    for minute in range(30):
        assert idle.tick(1020 + 60 * (minute % 2)).changes() == ()

    # Running at 2000 W: a dip below is followed down, the rise back is not followed up.
    steady = Fleet(member("steady", target_lever(step=10), running_at=2000))
    wobble = (2050, 1990, 2040, 1995, 2080, 1992) * 5
    changes = [change for budget in wobble for change in steady.tick(budget).changes()]
    assert [(change.action, change.target_w) for change in changes] == [(Action.SET, 1990)]
    assert by_id(steady.tick(2040))["steady"] == (Action.KEEP, 1990, Reason.HYSTERESIS)
    # Going up needs the hysteresis as headroom above the new draw.
    assert by_id(steady.tick(2150))["steady"] == (Action.KEEP, 1990, Reason.HYSTERESIS)
    assert by_id(steady.tick(2190))["steady"] == (Action.SET, 2090, Reason.BUDGET)

    # Coarse levels (an Avalon's): a budget wobbling across a level's draw does not flip it.
    levels = PowerLever(
        LeverKind.LEVELS, 500, 850, levels=(("eco", 500.0), ("super", 850.0)), can_stop=True
    )
    avalon = Fleet(member("avalon", levels, running_at=500))
    wobble = (845, 860, 855, 870, 848) * 6
    assert [c for budget in wobble for c in avalon.tick(budget).changes()] == []
    assert by_id(avalon.tick(950))["avalon"] == (Action.SET, 850, Reason.FULL)


def test_minimum_on_and_off_times_hold_over_the_clock() -> None:
    fleet = Fleet(member("miner", target_lever()))
    assert by_id(fleet.tick(2000))["miner"] == (Action.START, 2000, Reason.BUDGET)

    # The budget falls just below its lowest draw: kept on at it (one step over) for 10 min.
    for _ in range(9):
        assert by_id(fleet.tick(950))["miner"][1:] == (1000, Reason.MIN_ON)
    assert by_id(fleet.tick(950))["miner"] == (Action.STOP, None, Reason.NO_BUDGET)

    # Back up at once: it rests for its 5 minutes first.
    for _ in range(4):
        assert by_id(fleet.tick(2500))["miner"] == (Action.KEEP, None, Reason.MIN_OFF)
    assert by_id(fleet.tick(2500))["miner"] == (Action.START, 2500, Reason.BUDGET)


def test_a_budget_far_below_the_members_kept_on_stops_the_least_efficient_early() -> None:
    fleet = Fleet(
        member("frugal", target_lever(), efficiency=17.5),
        member("middling", target_lever(), efficiency=24.0),
        member("thirsty", target_lever(), efficiency=30.0),
    )
    fleet.tick(9000)
    # All started a minute ago. One step over the budget (the hysteresis and one member's
    # lowest draw: 1500 + 100 + 1000) is allowed for their minimum on time; 3 x 1000 W is
    # more, so the least efficient stops early.
    result = fleet.tick(1500)

    assert by_id(result) == {
        "frugal": (Action.SET, 1000, Reason.MIN_ON),
        "middling": (Action.SET, 1000, Reason.MIN_ON),
        "thirsty": (Action.STOP, None, Reason.OVER_BUDGET),
    }
    assert result.planned_w == 2000


def test_a_member_kept_on_gets_its_lowest_draw_before_a_more_efficient_one_gets_more() -> None:
    fleet = Fleet(
        member("frugal", target_lever(), efficiency=17.5, last_stopped=T0),
        member("thirsty", target_lever(), efficiency=30.0, running_at=2000, last_started=T0),
    )
    # frugal may start again after its 5 min; thirsty still has 5 of its 10 to run.
    result = fleet.tick(3000, after=timedelta(minutes=5))

    assert by_id(result) == {
        "frugal": (Action.START, 2000, Reason.BUDGET),
        "thirsty": (Action.SET, 1000, Reason.BUDGET),
    }
    result = fleet.tick(3000, after=timedelta(minutes=5))
    assert by_id(result) == {
        "frugal": (Action.SET, 2900, Reason.BUDGET),  # up: the hysteresis kept as headroom
        "thirsty": (Action.STOP, None, Reason.NO_BUDGET),
    }


def test_a_costly_lever_is_changed_only_when_worth_a_restart() -> None:
    fleet = Fleet(member("whatsminer", limit_lever(), running_at=3000))

    assert by_id(fleet.tick(3200))["whatsminer"] == (Action.KEEP, 3000, Reason.COSTLY)
    assert by_id(fleet.tick(3450))["whatsminer"] == (Action.SET, 3350, Reason.BUDGET)
    # Within its 15 minutes: a decrease the budget needs is made, an increase is not.
    assert by_id(fleet.tick(3000))["whatsminer"] == (Action.SET, 3000, Reason.BUDGET)
    assert by_id(fleet.tick(3600))["whatsminer"] == (Action.KEEP, 3000, Reason.COSTLY)
    assert by_id(fleet.tick(3600, after=timedelta(minutes=13)))["whatsminer"] == (
        Action.KEEP,
        3000,
        Reason.COSTLY,
    )
    assert by_id(fleet.tick(3700))["whatsminer"] == (Action.SET, 3600, Reason.FULL)

    # A small dip below its limit: down by a worthwhile step at once (one restart, not one
    # per 10 W of every dip).
    dipping = Fleet(member("whatsminer", limit_lever(), running_at=3000))
    assert by_id(dipping.tick(2990))["whatsminer"] == (Action.SET, 2700, Reason.BUDGET)
    assert [c for b in (2980, 2990, 2950) * 3 for c in dipping.tick(b).changes()] == []


def test_a_price_stop_respects_the_minimum_on_time() -> None:
    fleet = Fleet(
        member("fresh", target_lever(), running_at=2500, last_started=T0 - timedelta(minutes=3)),
        member("old", target_lever(), running_at=2500),
        member("off", target_lever()),
    )

    assert by_id(fleet.tick(10_000, mining_allowed=False)) == {
        "fresh": (Action.SET, 1000, Reason.MIN_ON),
        "old": (Action.STOP, None, Reason.PRICE),
        "off": (Action.KEEP, None, Reason.PRICE),
    }
    for _ in range(5):
        assert by_id(fleet.tick(10_000, mining_allowed=False))["fresh"][2] is Reason.MIN_ON
    assert by_id(fleet.tick(10_000, mining_allowed=False))["fresh"] == (
        Action.STOP,
        None,
        Reason.PRICE,
    )


def test_a_pause_stops_every_member_at_once() -> None:
    fleet = Fleet(
        member("fresh", target_lever(), running_at=2500, last_started=T0),
        member("off", target_lever()),
        member("nano", target_lever(can_stop=False), running_at=2000),
    )

    result = fleet.tick(10_000, paused=True)

    assert by_id(result) == {
        "fresh": (Action.STOP, None, Reason.PAUSED),
        "off": (Action.KEEP, None, Reason.PAUSED),
        "nano": (Action.SET, 1000, Reason.PAUSED),  # cannot stop: down to its lowest
    }
    assert result.planned_w == 1000


def test_members_the_fleet_does_not_control_count_but_are_not_changed() -> None:
    s9 = PowerLever(LeverKind.NONE, 1300, 1300)
    members = [
        member("heater", target_lever(), running_at=2000, held="heater"),
        member("s9", s9, running_at=1300),
        member("gone", target_lever(), running_at=3000, available=False),
        member("free", target_lever()),
    ]

    result = plan(members, 5000, now=T0, settings=RULES)

    assert by_id(result) == {
        "heater": (Action.NONE, 2000, Reason.HELD),
        "s9": (Action.NONE, 1300, Reason.NO_CONTROL),
        "gone": (Action.NONE, None, Reason.UNAVAILABLE),
        "free": (Action.START, 1700, Reason.BUDGET),
    }
    assert result.planned_w == 5000
    assert result.notes == ()

    over = plan(members, 3000, now=T0, settings=RULES)
    assert by_id(over)["free"] == (Action.KEEP, None, Reason.NO_BUDGET)
    assert over.planned_w == 3300
    assert over.notes == ("members the fleet does not control draw 3300 W, over the budget",)


def test_a_member_that_cannot_stop_goes_down_to_its_lowest_draw() -> None:
    fleet = Fleet(member("nano", target_lever(can_stop=False), running_at=2500))

    assert by_id(fleet.tick(400)) == {"nano": (Action.SET, 1000, Reason.BUDGET)}
    assert by_id(fleet.tick(0, mining_allowed=False)) == {"nano": (Action.KEEP, 1000, Reason.PRICE)}


def test_a_switched_member_counts_its_measured_draw_and_starts_at_its_nominal() -> None:
    fleet = Fleet(member("s19", switch_lever(3250), running_at=3100))

    assert by_id(fleet.tick(3200))["s19"] == (Action.KEEP, 3100, Reason.FULL)
    assert by_id(fleet.tick(3050))["s19"] == (Action.STOP, None, Reason.NO_BUDGET)
    later = timedelta(minutes=5)
    assert by_id(fleet.tick(3300, after=later))["s19"] == (Action.KEEP, None, Reason.NO_BUDGET)
    result = fleet.tick(3350)  # 3250 W + 100 W hysteresis
    assert by_id(result)["s19"] == (Action.START, 3250, Reason.FULL)
    assert result.planned_w == 3250


def test_an_unknown_budget_stops_everything_with_a_note() -> None:
    result = plan(
        [member("miner", target_lever(), running_at=2000)], math.nan, now=T0, settings=RULES
    )

    assert by_id(result)["miner"] == (Action.STOP, None, Reason.NO_BUDGET)
    assert result.notes == ("the budget is not a number: planned as 0 W",)


# --- properties -------------------------------------------------------------------------

MINUTES = st.integers(min_value=0, max_value=40).map(lambda m: T0 - timedelta(minutes=m))


@st.composite
def levers(draw: st.DrawFn) -> PowerLever:
    kind = draw(st.sampled_from(LeverKind))
    low = draw(st.integers(min_value=10, max_value=3000))
    high = low + draw(st.integers(min_value=0, max_value=3000))
    costly = draw(st.booleans())
    if kind in (LeverKind.SWITCH, LeverKind.NONE):
        return PowerLever(kind, high, high, can_stop=kind is LeverKind.SWITCH)
    can_stop = draw(st.booleans())
    if kind is LeverKind.LEVELS:
        draws = sorted(draw(st.sets(st.integers(10, 6000), min_size=2, max_size=6)))
        levels = tuple((f"level {i}", float(w)) for i, w in enumerate(draws))
        return PowerLever(
            kind, draws[0], draws[-1], levels=levels, costly=costly, can_stop=can_stop
        )
    step = draw(st.sampled_from((1, 10, 100, 250)))
    return PowerLever(kind, low, high, step, costly=costly, can_stop=can_stop)


@st.composite
def members(draw: st.DrawFn, index: int) -> MemberState:
    lever = draw(levers())
    mining = draw(st.sampled_from((True, False, None)))
    running_draws = lever.running_draws()
    setting = draw(st.none() | st.sampled_from(running_draws))
    draw_w = draw(st.none() | st.floats(0, 6000) | st.sampled_from(running_draws))
    return MemberState(
        f"m{index}",
        f"Miner {index}",
        lever,
        available=draw(st.sampled_from((True, True, True, False))),
        mining=mining,
        draw_w=draw_w,
        setting_w=setting,
        efficiency=draw(st.none() | st.floats(10, 60)),
        last_started=draw(st.none() | MINUTES),
        last_stopped=draw(st.none() | MINUTES),
        last_changed=draw(st.none() | MINUTES),
        held=draw(st.sampled_from((None, None, None, "heater"))),
    )


fleets = st.integers(min_value=1, max_value=6).flatmap(
    lambda n: st.tuples(*(members(i) for i in range(n)))
)
rules = st.builds(
    PlannerSettings,
    hysteresis_w=st.sampled_from((0.0, 50.0, 100.0, 300.0)),
    min_on=st.integers(0, 20).map(lambda m: timedelta(minutes=m)),
    min_off=st.integers(0, 20).map(lambda m: timedelta(minutes=m)),
    costly_interval=st.integers(0, 30).map(lambda m: timedelta(minutes=m)),
    costly_min_change_w=st.sampled_from((0.0, 100.0, 300.0)),
)
budgets = st.floats(min_value=-500, max_value=20_000)
modes = st.sampled_from(({}, {"mining_allowed": False}, {"paused": True}))


def unavoidable_w(fleet: tuple[MemberState, ...] | list[MemberState]) -> float:
    """What no plan can take away: uncontrolled members' draw, the lowest of those that
    cannot stop."""
    total = 0.0
    for state in fleet:
        if not state.available:
            continue
        if state.held is not None or not state.lever.controllable:
            total += state.draw_w or 0.0
        elif not state.lever.can_stop:
            total += state.lever.minimum_w
    return total


def one_step_w(
    fleet: tuple[MemberState, ...] | list[MemberState],
    now: datetime,
    rules: PlannerSettings,
    mode: dict[str, bool],
) -> float:
    """What a plan may exceed the budget by: the hysteresis, and the lowest draw of the
    largest member kept on by its minimum on time (none while paused)."""
    kept = [
        state.lever.minimum_w if state.lever.adjustable else (state.draw_w or state.lever.maximum_w)
        for state in fleet
        if state.available
        and state.held is None
        and state.lever.controllable
        and state.lever.can_stop
        and not mode.get("paused")
        and (state.mining is True or (state.mining is None and bool(state.draw_w)))
        and state.last_started is not None
        and now - state.last_started < rules.min_on
    ]
    return rules.hysteresis_w + max(kept, default=0.0)


def within_min_times(
    state: MemberState, action: Action, reason: Reason, now: datetime, rules: PlannerSettings
) -> bool:
    if action is Action.START and state.last_stopped is not None:
        return now - state.last_stopped >= rules.min_off
    if action is Action.STOP and reason in (Reason.NO_BUDGET, Reason.PRICE):
        return state.last_started is None or now - state.last_started >= rules.min_on
    return True


@settings(max_examples=200, deadline=None)
@given(fleet=fleets, budget=budgets, rules=rules, mode=modes)
def test_a_plan_stays_within_the_budget_and_the_minimum_times(
    fleet: tuple[MemberState, ...], budget: float, rules: PlannerSettings, mode: dict[str, bool]
) -> None:
    result = plan(fleet, budget, now=T0, settings=rules, **mode)

    if unavoidable_w(fleet) <= budget + rules.hysteresis_w:
        assert result.planned_w <= budget + one_step_w(fleet, T0, rules, mode) + 1e-6
    assert math.isclose(result.planned_w, math.fsum(e.target_w or 0.0 for e in result.entries))
    for state, entry in zip(fleet, result.entries, strict=True):
        assert entry.member_id == state.member_id
        assert within_min_times(state, entry.action, entry.reason, T0, rules)
        if entry.action is Action.STOP:
            assert state.lever.can_stop
        if entry.action in (Action.START, Action.SET):
            assert entry.target_w in state.lever.running_draws()
        if entry.action is not Action.NONE:
            assert state.available
            assert state.held is None
            assert state.lever.controllable


@settings(max_examples=200, deadline=None)
@given(
    fleet=fleets,
    rules=rules,
    steps=st.lists(
        st.tuples(
            st.integers(10, 240), st.floats(-3000, 3000), st.sampled_from((True,) * 9 + (False,))
        ),
        min_size=5,
        max_size=40,
    ),
    start=st.floats(0, 15_000),
)
def test_a_budget_walking_over_time_never_switches_members_faster_than_allowed(
    fleet: tuple[MemberState, ...],
    rules: PlannerSettings,
    steps: list[tuple[int, float, bool]],
    start: float,
) -> None:
    sim = Fleet(*fleet, rules=rules)
    budget = start
    for seconds, change, allowed in steps:
        budget = max(0.0, budget + change)
        before = list(sim.members)
        result = sim.tick(budget, after=timedelta(seconds=seconds), mining_allowed=allowed)
        if unavoidable_w(before) <= budget + rules.hysteresis_w:
            step = one_step_w(before, sim.now, rules, {"mining_allowed": allowed})
            assert result.planned_w <= budget + step + 1e-6
        for state, entry in zip(before, result.entries, strict=True):
            assert within_min_times(state, entry.action, entry.reason, sim.now, rules)
            setting, changed = state.setting_w, state.last_changed
            if state.lever.costly and entry.action is Action.SET and setting is not None:
                # Within its interval, or by less than worth a restart: only a decrease.
                assert entry.target_w is not None
                soon = changed is not None and sim.now - changed < rules.costly_interval
                if soon or abs(entry.target_w - setting) < rules.costly_min_change_w:
                    assert entry.target_w < setting


@settings(max_examples=100, deadline=None)
@given(fleet=fleets, rules=rules, budget=st.floats(0, 15_000))
def test_a_steady_budget_settles(
    fleet: tuple[MemberState, ...], rules: PlannerSettings, budget: float
) -> None:
    sim = Fleet(*fleet, rules=rules)
    settle = max(rules.min_on, rules.min_off, rules.costly_interval) * 4 + timedelta(minutes=5)
    while sim.now - T0 < settle:
        sim.tick(budget)
    for _ in range(10):
        assert sim.tick(budget).changes() == ()
