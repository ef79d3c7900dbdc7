"""The fleet's tick: read the members, work out the budget, plan, carry the plan out."""

from __future__ import annotations

import asyncio
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from homeassistant.config_entries import ConfigEntry
from homeassistant.core import Event, EventStateChangedData, HomeAssistant, callback
from homeassistant.exceptions import HomeAssistantError
from homeassistant.helpers.event import async_track_state_change_event
from homeassistant.helpers.update_coordinator import DataUpdateCoordinator
from homeassistant.util import dt as dt_util

from ..const import (
    BUDGET_SENSOR_SURPLUS,
    CONF_BUDGET_SENSOR,
    CONF_BUDGET_SENSOR_KIND,
    CONF_HYSTERESIS,
    CONF_MIN_OFF,
    CONF_MIN_ON,
    CONF_PRICE_SENSOR,
    CONF_PRICE_START,
    CONF_PRICE_STOP,
    CONF_SMOOTHING,
    DEFAULT_HYSTERESIS,
    DEFAULT_MIN_OFF,
    DEFAULT_MIN_ON,
    DEFAULT_SMOOTHING,
    FLEET_INTERVAL,
    LOGGER,
)
from ..helpers import async_run_miner_action
from ..power import levers
from ..power.planner import (
    Action,
    MemberState,
    Plan,
    PlanEntry,
    PlannerSettings,
    Reason,
    plan,
)
from ..readings import number
from .budget import FollowedBudget, PriceGate
from .members import Member, Totals, members, totals
from .memory import FleetMemory, MemberMemory

type FleetConfigEntry = ConfigEntry[FleetCoordinator]

# A member whose control failed is left alone this long (then tried again), so that one
# broken miner neither stops the others nor gets a command every tick.
CONTROL_RETRY = timedelta(minutes=5)

# A member's mining state is not taken as someone else's start or stop this long after a
# change of the fleet's (a Whatsminer takes about two minutes to restart after a limit).
OWN_CHANGE_SETTLE = timedelta(minutes=3)

BUDGET_NUMBER = "number"
BUDGET_SENSOR = "sensor"
BUDGET_PRICE = "price"  # only a price: members run at full draw while it is low


@dataclass(frozen=True, slots=True)
class FleetData:
    totals: Totals
    budget_w: float | None = None  # the budget spent this tick; None: not controlling
    budget_source: str | None = None
    plan: Plan | None = None
    mining_allowed: bool = True  # the price gate
    notes: tuple[str, ...] = field(default_factory=tuple)


# Measured efficiency moves with the temperature and the share luck of a minute: a member's
# rank follows it only past this much, so two alike miners do not trade places every tick.
EFFICIENCY_CHANGE = 0.05


def _steady_efficiency(memory: MemberMemory, measured: float | None) -> float | None:
    known = memory.efficiency
    if measured is not None and (
        known is None or abs(measured - known) > EFFICIENCY_CHANGE * known
    ):
        memory.efficiency = measured
    return memory.efficiency


def _settling(memory: MemberMemory, now: datetime) -> bool:
    return any(
        then is not None and now - then < OWN_CHANGE_SETTLE
        for then in (memory.last_changed, memory.last_started, memory.last_stopped)
    )


def settings_from(options: Mapping[str, Any]) -> PlannerSettings:
    return PlannerSettings(
        hysteresis_w=float(options.get(CONF_HYSTERESIS, DEFAULT_HYSTERESIS)),
        min_on=timedelta(seconds=float(options.get(CONF_MIN_ON, DEFAULT_MIN_ON))),
        min_off=timedelta(seconds=float(options.get(CONF_MIN_OFF, DEFAULT_MIN_OFF))),
    )


class FleetCoordinator(DataUpdateCoordinator[FleetData]):
    """Reads the members every FLEET_INTERVAL and spends the budget across them."""

    config_entry: FleetConfigEntry

    def __init__(self, hass: HomeAssistant, entry: FleetConfigEntry) -> None:
        super().__init__(
            hass,
            LOGGER,
            config_entry=entry,
            name=f"{entry.title} fleet",
            update_interval=FLEET_INTERVAL,
        )
        options = entry.options
        self.settings = settings_from(options)
        # Set by the Power budget number and the Mining switch once they have restored
        # their last state; nothing is controlled before both have.
        self.budget_number_w: float | None = None
        self.paused = False
        self._restored: set[str] = set()
        self.memory = FleetMemory(hass, entry.entry_id)
        self._sensor_id: str | None = options.get(CONF_BUDGET_SENSOR) or None
        self._followed = (
            FollowedBudget(
                options.get(CONF_BUDGET_SENSOR_KIND, BUDGET_SENSOR_SURPLUS),
                timedelta(seconds=float(options.get(CONF_SMOOTHING, DEFAULT_SMOOTHING))),
            )
            if self._sensor_id
            else None
        )
        self._price_id: str | None = options.get(CONF_PRICE_SENSOR) or None
        self._price = (
            PriceGate(
                float(options.get(CONF_PRICE_STOP, math.inf)),
                float(options.get(CONF_PRICE_START, options.get(CONF_PRICE_STOP, math.inf))),
            )
            if self._price_id
            else None
        )

    # -- set by the entities -------------------------------------------------------------

    @callback
    def async_restored(self, what: str) -> None:
        """The budget number or the pause switch has its state back."""
        self._restored.add(what)

    @property
    def controlling(self) -> bool:
        return {"budget", "pause"} <= self._restored

    # -- the followed sensor --------------------------------------------------------------

    @callback
    def async_start_following(self) -> None:
        """Sample the followed sensor whenever it changes (and at every tick)."""
        if self._sensor_id is None:
            return
        self._sample_followed()

        @callback
        def changed(event: Event[EventStateChangedData]) -> None:
            self._sample_followed()

        assert self.config_entry is not None
        self.config_entry.async_on_unload(
            async_track_state_change_event(self.hass, [self._sensor_id], changed)
        )

    def _sample_followed(self) -> None:
        """Take the sensor's reading with what the members draw as it is taken: a meter
        measures with the miners running, and the fleet adds their draw back. Sampled on
        the sensor's changes only; the average holds a reading until the next."""
        if self._followed is None or self._sensor_id is None:
            return
        draw = totals(members(self.hass, self.config_entry)).power_w or 0.0
        self._followed.add(self.hass.states.get(self._sensor_id), draw, dt_util.utcnow())

    # -- the tick -------------------------------------------------------------------------

    async def _async_update_data(self) -> FleetData:
        now = dt_util.utcnow()
        found = members(self.hass, self.config_entry)
        sums = totals(found)
        budget, source, notes = self._budget(now)
        allowed = True
        if self._price is not None and self._price_id is not None:
            allowed = self._price.update(number(self.hass.states.get(self._price_id)))
        if not self.controlling:
            return FleetData(sums, budget, source, None, allowed, notes)
        if budget is None and not self.paused:
            # Nothing to spend: the fleet only undoes its own pause.
            await self._resume_paused(found, now)
            self.memory.async_save()
            return FleetData(sums, budget, source, None, allowed, notes)
        states = [self._member_state(member, now) for member in found]
        result = plan(
            states,
            budget if budget is not None else math.inf,
            now=now,
            settings=self.settings,
            mining_allowed=allowed,
            paused=self.paused,
        )
        await self._carry_out(result, found, states, now)
        self.memory.async_save()
        return FleetData(sums, budget, source, result, allowed, notes + result.notes)

    async def _resume_paused(self, found: list[Member], now: datetime) -> None:
        """Resume the members the pause stopped (without a budget, nothing else would)."""
        states = {member.entry_id: self._member_state(member, now) for member in found}
        await asyncio.gather(
            *(
                self._change(
                    member,
                    state,
                    PlanEntry(
                        member.entry_id,
                        member.name,
                        Action.START,
                        # At the draw it is set to: a resume changes nothing else.
                        state.setting_w if state.setting_w is not None else state.lever.maximum_w,
                        Reason.BUDGET,
                    ),
                    now,
                )
                for member in found
                if self.memory.get(member.entry_id).paused_stop
                and (state := states[member.entry_id]).available
                and not state.mining
            )
        )
        for member in found:
            self.memory.get(member.entry_id).paused_stop = False

    def _budget(self, now: datetime) -> tuple[float | None, str | None, tuple[str, ...]]:
        if self._followed is not None:
            followed = self._followed.value(now)
            if followed is None:
                return None, BUDGET_SENSOR, ("the followed sensor has no reading yet",)
            if self.budget_number_w is not None and self.budget_number_w < followed:
                return self.budget_number_w, BUDGET_NUMBER, ()
            return round(followed, 1), BUDGET_SENSOR, ()
        if self.budget_number_w is not None:
            return self.budget_number_w, BUDGET_NUMBER, ()
        if self._price is not None:
            return math.inf, BUDGET_PRICE, ()
        return None, None, ()

    def _member_state(self, member: Member, now: datetime) -> MemberState:
        memory = self.memory.get(member.entry_id)
        coordinator = member.coordinator
        if coordinator is None:
            return MemberState(
                member.entry_id,
                member.name,
                levers.PowerLever(levers.LeverKind.NONE, 0.0, 0.0),
                available=False,
                mining=None,
                draw_w=None,
                setting_w=None,
                efficiency=None,
            )
        data = coordinator.data
        lever = levers.lever_for(coordinator.miner, data)
        # Started or stopped by someone else (a person, an automation, the miner itself):
        # the minimum times count from then. Not while a change of ours settles: a new
        # work level or limit restarts the mining software, which is no start or stop.
        if memory.mining is not None and data.is_mining is not None and not _settling(memory, now):
            if data.is_mining and not memory.mining:
                memory.last_started = now
            elif not data.is_mining and memory.mining:
                memory.last_stopped = now
        memory.mining = data.is_mining
        setting = levers.current_draw_setting(lever, data)
        draw = data.wattage
        if draw is None and data.is_mining:
            draw = setting if setting is not None else lever.maximum_w
        held = getattr(coordinator, "heater_holds", None)
        if held is None and memory.failed_at is not None and now - memory.failed_at < CONTROL_RETRY:
            held = "control_failed"
        efficiency = _steady_efficiency(
            memory,
            (data.efficiency if data.is_mining else None)
            or levers.nominal_efficiency(data, coordinator.miner),
        )
        return MemberState(
            member.entry_id,
            member.name,
            lever,
            available=True,
            mining=data.is_mining,
            draw_w=draw,
            setting_w=setting,
            efficiency=efficiency,
            last_started=memory.last_started,
            last_stopped=memory.last_stopped,
            last_changed=memory.last_changed,
            held=held,
        )

    async def _carry_out(
        self, result: Plan, found: list[Member], states: list[MemberState], now: datetime
    ) -> None:
        """Make the plan's changes: decreases and stops first, so that the budget holds
        while the others go up."""
        by_id = {member.entry_id: member for member in found}
        state_by_id = {state.member_id: state for state in states}
        down: list[PlanEntry] = []
        up: list[PlanEntry] = []
        for entry in result.changes():
            state = state_by_id[entry.member_id]
            lower = entry.target_w is None or (
                state.setting_w is not None and entry.target_w < state.setting_w
            )
            (down if lower else up).append(entry)
        for group in (down, up):
            await asyncio.gather(
                *(
                    self._change(by_id[entry.member_id], state_by_id[entry.member_id], entry, now)
                    for entry in group
                )
            )

    async def _change(
        self, member: Member, state: MemberState, entry: PlanEntry, now: datetime
    ) -> None:
        coordinator = member.coordinator
        assert coordinator is not None
        memory = self.memory.get(member.entry_id)
        try:
            await async_run_miner_action(
                coordinator,
                lambda: levers.apply(
                    coordinator.miner,
                    state.lever,
                    entry.target_w,
                    mining=bool(state.mining),
                    current=state.setting_w,
                ),
            )
        except HomeAssistantError as err:
            if memory.failed_at is None:
                LOGGER.warning(
                    "%s: the fleet could not %s %s (tried again in %d minutes): %s",
                    self.config_entry.title,
                    entry.action,
                    member.name,
                    CONTROL_RETRY.total_seconds() // 60,
                    err,
                )
            memory.failed_at = now
            return
        if memory.failed_at is not None:
            LOGGER.info(
                "%s: %s takes the fleet's controls again", self.config_entry.title, member.name
            )
        memory.failed_at = None
        if entry.action is Action.START:
            memory.last_started, memory.mining = now, True
        elif entry.action is Action.STOP:
            memory.last_stopped, memory.mining = now, False
            memory.paused_stop = entry.reason is Reason.PAUSED
        if entry.target_w is not None and entry.target_w != state.setting_w:
            memory.last_changed = now
