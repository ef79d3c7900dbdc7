"""The heater: a miner that holds a room temperature by its draw (see power/heater.py).

Made for a miner whose draw can be set or that can be stopped, once its options name a
room temperature sensor. Heat: the draw follows the room; Off: mining is stopped once,
and the miner is left to the user (and to a fleet) again.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, override

from homeassistant.components.climate import ClimateEntity, ClimateEntityDescription
from homeassistant.components.climate.const import (
    ATTR_HVAC_MODE,
    ClimateEntityFeature,
    HVACAction,
    HVACMode,
)
from homeassistant.const import (
    ATTR_TEMPERATURE,
    Platform,
    UnitOfTemperature,
)
from homeassistant.core import Event, EventStateChangedData, HomeAssistant, callback
from homeassistant.exceptions import HomeAssistantError
from homeassistant.helpers import entity_registry as er
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback
from homeassistant.helpers.event import async_track_state_change_event
from homeassistant.helpers.restore_state import ExtraStoredData, RestoreEntity
from homeassistant.util import dt as dt_util

from .const import CONF_ROOM_SENSOR, DOMAIN, LOGGER
from .coordinator import AsicMinerConfigEntry, AsicMinerCoordinator
from .entity import AsicMinerEntity
from .helpers import async_run_miner_action
from .power.heater import Decision, HeaterState, Reason, decide
from .power.levers import apply, current_draw_setting, lever_for
from .readings import temperature_c

PARALLEL_UPDATES = 1

HEATER = ClimateEntityDescription(key="heater", translation_key="heater")
HOLDER = "heater"  # AsicMinerCoordinator.heater_holds while in heat mode
DEFAULT_TARGET = 21.0
# A start or stop is trusted over what polls report for the firmware's delay and this
# long after it (the Avalon's soft off takes effect seconds after it is accepted).
EXPECTATION_MARGIN = timedelta(seconds=60)
# Controls re-read the miner, which asks for another evaluation: at most this many follow.
MAX_ROUNDS = 3


async def async_setup_entry(
    hass: HomeAssistant,
    entry: AsicMinerConfigEntry,
    async_add_entities: AddConfigEntryEntitiesCallback,
) -> None:
    """A heater once the options name a room temperature sensor and the miner's draw can
    be set (or mining stopped); without one, a heater made before is removed."""
    coordinator = entry.runtime_data
    if room_sensor := entry.options.get(CONF_ROOM_SENSOR):
        if lever_for(coordinator.miner, coordinator.data).controllable:
            async_add_entities([AsicMinerHeater(coordinator, room_sensor)])
        return
    registry = er.async_get(hass)
    unique_id = f"{entry.unique_id}_{HEATER.key}"
    if entity_id := registry.async_get_entity_id(Platform.CLIMATE, DOMAIN, unique_id):
        registry.async_remove(entity_id)


@dataclass(frozen=True, slots=True)
class HeaterTimes(ExtraStoredData):
    started: datetime | None
    stopped: datetime | None
    changed: datetime | None

    def as_dict(self) -> dict[str, Any]:
        return {
            name: value.isoformat() if value is not None else None
            for name, value in (
                ("started", self.started),
                ("stopped", self.stopped),
                ("changed", self.changed),
            )
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> HeaterTimes:
        def time(name: str) -> datetime | None:
            value = data.get(name)
            return dt_util.parse_datetime(value) if isinstance(value, str) else None

        return cls(time("started"), time("stopped"), time("changed"))


class AsicMinerHeater(AsicMinerEntity, ClimateEntity, RestoreEntity):
    """Holds the room sensor's temperature at the target with the miner's draw."""

    _attr_min_temp = 5.0
    _attr_max_temp = 35.0
    _attr_target_temperature_step = 0.5
    _attr_temperature_unit = UnitOfTemperature.CELSIUS
    _attr_supported_features = (
        ClimateEntityFeature.TARGET_TEMPERATURE
        | ClimateEntityFeature.TURN_ON
        | ClimateEntityFeature.TURN_OFF
    )

    def __init__(self, coordinator: AsicMinerCoordinator, room_sensor: str) -> None:
        super().__init__(coordinator, HEATER)
        self._attr_hvac_modes = [HVACMode.HEAT, HVACMode.OFF]
        self._room_sensor = room_sensor
        self._attr_hvac_mode = HVACMode.OFF
        self._attr_target_temperature = DEFAULT_TARGET
        self._decision: Decision | None = None
        self._reason = Reason.OFF
        self._last_started: datetime | None = None
        self._last_stopped: datetime | None = None
        self._last_changed: datetime | None = None
        self._seen_mining: bool | None = None
        self._expected: tuple[bool, datetime] | None = None  # mining as set, until when
        self._stop_pending = False  # turned off: mining is to be stopped (once)
        self._failing = False
        self._lock = asyncio.Lock()
        self._again = False

    @override
    async def async_added_to_hass(self) -> None:
        await super().async_added_to_hass()
        if (last := await self.async_get_last_state()) is not None:
            if last.state in (HVACMode.HEAT, HVACMode.OFF):
                self._attr_hvac_mode = HVACMode(last.state)
            target = last.attributes.get(ATTR_TEMPERATURE)
            if isinstance(target, int | float) and self.min_temp <= target <= self.max_temp:
                self._attr_target_temperature = float(target)
        if (extra := await self.async_get_last_extra_data()) is not None:
            times = HeaterTimes.from_dict(extra.as_dict())
            self._last_started, self._last_stopped, self._last_changed = (
                times.started,
                times.stopped,
                times.changed,
            )
        self._hold()
        self.async_on_remove(
            async_track_state_change_event(self.hass, [self._room_sensor], self._room_changed)
        )
        self._schedule()

    @property
    def extra_restore_state_data(self) -> HeaterTimes:
        """When it last started, stopped and changed the miner: a restart of Home
        Assistant does not cut a minimum on or off time short."""
        return HeaterTimes(self._last_started, self._last_stopped, self._last_changed)

    @override
    async def async_will_remove_from_hass(self) -> None:
        self.coordinator.heater_holds = None
        await super().async_will_remove_from_hass()

    @property
    def current_temperature(self) -> float | None:
        return self._room_temperature()

    @property
    def hvac_action(self) -> HVACAction:
        if self.hvac_mode is HVACMode.OFF:
            return HVACAction.OFF
        mining = bool(self.coordinator.data.is_mining)
        # A start or stop the firmware carries out seconds later shows at once.
        if self._expected is not None and dt_util.utcnow() < self._expected[1]:
            mining = self._expected[0]
        return HVACAction.HEATING if mining else HVACAction.IDLE

    @property
    def extra_state_attributes(self) -> dict[str, Any]:
        draw = None
        if self._decision is not None:
            draw = round(self._decision.draw_w or 0)
        return {"wanted_draw": draw, "reason": self._reason.value}

    async def async_set_hvac_mode(self, hvac_mode: HVACMode) -> None:
        self._set_mode(hvac_mode)
        await self._async_evaluate(raise_errors=True)

    async def async_turn_on(self) -> None:
        await self.async_set_hvac_mode(HVACMode.HEAT)

    async def async_turn_off(self) -> None:
        await self.async_set_hvac_mode(HVACMode.OFF)

    async def async_set_temperature(self, **kwargs: Any) -> None:
        if (target := kwargs.get(ATTR_TEMPERATURE)) is not None:
            self._attr_target_temperature = float(target)
        if (mode := kwargs.get(ATTR_HVAC_MODE)) is not None:
            self._set_mode(HVACMode(mode))
        await self._async_evaluate(raise_errors=True)

    def _set_mode(self, mode: HVACMode) -> None:
        if mode is HVACMode.OFF and self._attr_hvac_mode is not HVACMode.OFF:
            self._stop_pending = True
        if mode is HVACMode.HEAT:
            self._stop_pending = False
        self._attr_hvac_mode = mode
        self._hold()

    def _hold(self) -> None:
        """A fleet leaves the miner alone while the heater holds it."""
        self.coordinator.heater_holds = HOLDER if self._attr_hvac_mode is HVACMode.HEAT else None

    @callback
    def _room_changed(self, _event: Event[EventStateChangedData]) -> None:
        self.async_write_ha_state()
        self._schedule()

    @callback
    @override
    def _handle_coordinator_update(self) -> None:
        super()._handle_coordinator_update()
        self._schedule()

    @callback
    def _schedule(self) -> None:
        self.coordinator.config_entry.async_create_task(
            self.hass, self._async_evaluate(), f"{self.entity_id} heater"
        )

    async def _async_evaluate(self, *, raise_errors: bool = False) -> None:
        """Decide and carry the decision out; a request meanwhile runs once more after."""
        if self._lock.locked():
            self._again = True
            return
        error: HomeAssistantError | None = None
        async with self._lock:
            for _ in range(MAX_ROUNDS):
                self._again = False
                error = await self._async_control()
                if not self._again:
                    break
        self.async_write_ha_state()
        if error is not None and raise_errors:
            raise error

    def _room_temperature(self) -> float | None:
        return temperature_c(self.hass.states.get(self._room_sensor))

    def _mining(self, reported: bool, now: datetime) -> bool:
        """Whether it mines: as the heater set it while the firmware carries that out,
        else as polled (a start or stop by anyone else counts for the on / off times)."""
        if self._expected is not None:
            wanted, until = self._expected
            if reported != wanted and now < until:
                return wanted
            self._expected = None
            if reported == wanted:
                self._seen_mining = reported
        if self._seen_mining is not None and reported != self._seen_mining:
            if reported:
                self._last_started = now
            else:
                self._last_stopped = now
        self._seen_mining = reported
        return reported

    async def _async_control(self) -> HomeAssistantError | None:
        """One evaluation; the error of a control that failed (tried again next time)."""
        coordinator = self.coordinator
        if not coordinator.last_update_success:
            return None
        now = dt_util.utcnow()
        data = coordinator.data
        mining = self._mining(bool(data.is_mining), now)
        lever = lever_for(coordinator.miner, data)
        setting = current_draw_setting(lever, data)
        if self._attr_hvac_mode is HVACMode.OFF:
            self._decision, self._reason = None, Reason.OFF
            if not self._stop_pending:
                return None
            if not mining:
                self._stop_pending = False
                return None
            decision = Decision(None, Reason.OFF)
        else:
            room = self._room_temperature()
            if room is None or self._attr_target_temperature is None:
                self._reason = Reason.NO_TEMPERATURE
                return None
            state = HeaterState(
                setting, mining, self._last_started, self._last_stopped, self._last_changed
            )
            decision = decide(lever, room, self._attr_target_temperature, state, now)
            self._decision, self._reason = decision, decision.reason
            if not decision.changes(state):
                return None
        watts = decision.draw_w
        try:
            await async_run_miner_action(
                coordinator,
                lambda: apply(coordinator.miner, lever, watts, mining=mining, current=setting),
            )
        except HomeAssistantError as err:
            if not self._failing:
                LOGGER.warning("%s could not control the miner: %s", self.entity_id, err)
            else:
                LOGGER.debug("%s: the control failed again: %s", self.entity_id, err)
            self._failing = True
            self._reason = Reason.CONTROL_FAILED
            return err
        if self._failing:
            LOGGER.info("%s controls the miner again", self.entity_id)
            self._failing = False
        self._carried_out(watts, mining, setting, now)
        return None

    def _carried_out(
        self, watts: float | None, mining: bool, setting: float | None, now: datetime
    ) -> None:
        if watts is None:
            self._stop_pending = False
            self._last_stopped = now
        elif not mining:
            self._last_started = now
        if watts is not None and watts != setting:
            self._last_changed = now
        if (watts is not None) != mining:
            delay = timedelta(seconds=self.coordinator.miner.mining_change_delay)
            self._expected = (watts is not None, now + delay + EXPECTATION_MARGIN)
            self._seen_mining = watts is not None
