"""Hold a room temperature with a miner's draw: what it should draw now, and why.

A pure function of the lever, the temperatures and the clock (no Home Assistant, no I/O):
the climate entity calls ``decide`` on each reading and carries the decision out. The
anti-flapping rules are the fleet's: a started miner runs its minimum on time, a stopped
one rests its minimum off time, a costly lever is changed seldom and only by much.

A lever that sets a draw is driven proportionally: full draw from ``band`` below the
target, the lowest at the target, stopped from ``stop_above`` above it (where it can
stop), and started again only once the room is below the target. A lever that only
switches is driven on and off around the target, ``switch_hysteresis`` either side.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from ..const import DEFAULT_HYSTERESIS, DEFAULT_MIN_OFF, DEFAULT_MIN_ON
from .levers import PowerLever


@dataclass(frozen=True, slots=True)
class HeaterSettings:
    band: float = 1.0  # °C below the target at which the miner runs at full draw
    stop_above: float = 0.5  # °C above the target at which it stops
    switch_hysteresis: float = 0.4  # °C either side of the target (switch-only levers)
    min_on: timedelta = timedelta(seconds=DEFAULT_MIN_ON)
    min_off: timedelta = timedelta(seconds=DEFAULT_MIN_OFF)
    min_change_w: float = float(DEFAULT_HYSTERESIS)  # a smaller change is not made
    # A costly lever (a change restarts the mining software) is changed at most this
    # often, and only by at least ``costly_min_change_w``.
    costly_interval: timedelta = timedelta(minutes=15)
    costly_min_change_w: float = 300.0


@dataclass(frozen=True, slots=True)
class HeaterState:
    """What the miner does now, and when the heater (or anyone) last changed that."""

    setting_w: float | None  # what the lever is set to now (levers.current_draw_setting)
    mining: bool
    last_started: datetime | None = None
    last_stopped: datetime | None = None
    last_changed: datetime | None = None  # the last change of its running draw


class Reason(StrEnum):
    """Why the heater wants its draw (the climate entity's ``reason`` attribute)."""

    COLD = "cold"  # full draw (a switch-only miner: on)
    HEATING = "heating"  # a draw between its lowest and highest, by how cold it is
    NEAR_TARGET = "near_target"  # its lowest draw: the room is at or just above the target
    WARM = "warm"  # stopped: warm enough
    MIN_ON = "min_on"  # kept on: its minimum on time has not passed
    MIN_OFF = "min_off"  # kept off: its minimum off time has not passed
    HYSTERESIS = "hysteresis"  # unchanged: the change would be too small
    COSTLY = "costly"  # unchanged: the costly lever was changed a short while ago
    # Set by the climate entity, not by ``decide``:
    OFF = "off"  # the heater is off
    NO_TEMPERATURE = "no_temperature"  # the room sensor has no number
    CONTROL_FAILED = "control_failed"  # the last control failed; tried again next time


@dataclass(frozen=True, slots=True)
class Decision:
    draw_w: float | None  # the running draw wanted; None: stopped
    reason: Reason

    def changes(self, state: HeaterState) -> bool:
        """Whether carrying it out sends anything to the miner."""
        if self.draw_w is None:
            return state.mining
        return not state.mining or self.draw_w != state.setting_w


def _since(now: datetime, then: datetime | None) -> timedelta | None:
    return None if then is None else now - then


def _ideal(
    lever: PowerLever, room: float, target: float, state: HeaterState, settings: HeaterSettings
) -> Decision:
    """What the temperatures ask for, before the anti-flapping rules."""
    if not lever.adjustable:
        upper = target + settings.switch_hysteresis
        lower = target - settings.switch_hysteresis
        if room >= upper or (not state.mining and room > lower):
            return Decision(None, Reason.WARM)
        return Decision(lever.maximum_w, Reason.COLD)
    if lever.can_stop and (
        room >= target + settings.stop_above or (not state.mining and room >= target)
    ):
        return Decision(None, Reason.WARM)
    below = target - room
    if below >= settings.band:
        return Decision(lever.maximum_w, Reason.COLD)
    if below <= 0:
        return Decision(lever.minimum_w, Reason.NEAR_TARGET)
    share = below / settings.band
    # Rounded first: 0.45 °C of a 1 °C band is 0.4499… in floats, a step short.
    watts = lever.fit(round(lever.minimum_w + share * (lever.maximum_w - lever.minimum_w), 3))
    draw = lever.minimum_w if watts is None else watts
    return Decision(draw, Reason.NEAR_TARGET if draw == lever.minimum_w else Reason.HEATING)


def decide(
    lever: PowerLever,
    room: float,
    target: float,
    state: HeaterState,
    now: datetime,
    *,
    settings: HeaterSettings = HeaterSettings(),
) -> Decision:
    """The draw the miner should run at now (None: stopped), and why."""
    ideal = _ideal(lever, room, target, state, settings)
    current = state.setting_w
    if ideal.draw_w is None:
        if not state.mining:
            return ideal
        on_for = _since(now, state.last_started)
        if on_for is None or on_for >= settings.min_on:
            return ideal
        # Kept on at the lowest draw it can get to without breaking the change rules.
        held = lever.minimum_w if lever.adjustable else current
        ideal = Decision(held, Reason.MIN_ON)
    assert ideal.draw_w is not None
    if not state.mining:
        off_for = _since(now, state.last_stopped)
        if off_for is not None and off_for < settings.min_off:
            return Decision(None, Reason.MIN_OFF)
        if current is not None and abs(ideal.draw_w - current) < settings.min_change_w:
            # Started at the draw it is set to: nothing is sent but the start.
            return Decision(current, ideal.reason)
        return ideal
    if current is None or ideal.draw_w == current or not lever.adjustable:
        return ideal
    kept = ideal.reason is Reason.MIN_ON
    least = settings.costly_min_change_w if lever.costly else settings.min_change_w
    # A lever whose whole range is smaller than that still goes from end to end.
    least = min(least, lever.maximum_w - lever.minimum_w)
    if abs(ideal.draw_w - current) < least:
        return Decision(current, Reason.MIN_ON if kept else Reason.HYSTERESIS)
    changed_for = _since(now, state.last_changed)
    if lever.costly and changed_for is not None and changed_for < settings.costly_interval:
        return Decision(current, Reason.MIN_ON if kept else Reason.COSTLY)
    return ideal
