"""Switches: mining on or off, the fault (locate) light, and every setting the firmware
offers as on or off (LuxOS ATM, each hashboard)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, override

from homeassistant.components.switch import SwitchEntity, SwitchEntityDescription
from homeassistant.const import EntityCategory
from homeassistant.core import CALLBACK_TYPE, HomeAssistant
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback
from homeassistant.helpers.event import async_call_later
from homeassistant.util import dt as dt_util

from . import is_fleet
from .coordinator import AsicMinerConfigEntry
from .driver import Capability, Miner, MinerData, SwitchKey, Toggle, hashboard_slot
from .entity import AsicMinerEntity
from .helpers import miner_action
from .setting_entities import add_setting_entities

PARALLEL_UPDATES = 1


@dataclass(frozen=True, kw_only=True)
class AsicMinerSwitchEntityDescription(SwitchEntityDescription):
    """A switch backed by a pair of miner controls."""

    capabilities: frozenset[Capability]
    is_on_fn: Callable[[MinerData], bool | None]
    set_fn: Callable[[Miner, bool], Awaitable[None]]
    # Seconds the miner takes to carry the change out after the control returned.
    delay_fn: Callable[[Miner], float] = lambda miner: 0.0


SWITCHES: tuple[AsicMinerSwitchEntityDescription, ...] = (
    AsicMinerSwitchEntityDescription(
        key="mining",
        translation_key="mining",
        capabilities=frozenset({Capability.STOP_MINING, Capability.RESUME_MINING}),
        is_on_fn=lambda data: data.is_mining,
        set_fn=lambda miner, on: miner.resume_mining() if on else miner.stop_mining(),
        delay_fn=lambda miner: miner.mining_change_delay,
    ),
    AsicMinerSwitchEntityDescription(
        key="fault_light",
        translation_key="fault_light",
        capabilities=frozenset({Capability.FAULT_LIGHT}),
        is_on_fn=lambda data: data.fault_light,
        set_fn=lambda miner, on: miner.fault_light_on() if on else miner.fault_light_off(),
    ),
)


async def async_setup_entry(
    hass: HomeAssistant,
    entry: AsicMinerConfigEntry,
    async_add_entities: AddConfigEntryEntitiesCallback,
) -> None:
    """Add the switches whose controls the firmware offers."""
    if is_fleet(entry):
        from .fleet.switch import async_setup_fleet_switchs

        async_setup_fleet_switchs(entry, async_add_entities)
        return
    coordinator = entry.runtime_data
    async_add_entities(
        AsicMinerSwitch(coordinator, description)
        for description in SWITCHES
        if description.capabilities <= coordinator.miner.capabilities
    )
    add_setting_entities(
        entry,
        async_add_entities,
        lambda data: data.settings.switches,
        lambda key: AsicMinerSettingSwitch(coordinator, setting_switch_description(key)),
    )


def setting_switch_description(key: str) -> SwitchEntityDescription:
    """A board's switch is named by its number, counting from 1 ("Hashboard 1")."""
    slot = hashboard_slot(key)
    if slot is not None:
        return SwitchEntityDescription(
            key=key,
            translation_key=SwitchKey.HASHBOARD,
            translation_placeholders={"board": str(slot + 1)},
        )
    return SwitchEntityDescription(
        key=key, translation_key=key, entity_category=EntityCategory.CONFIG
    )


class AsicMinerSwitch(AsicMinerEntity, SwitchEntity):
    """A switch of one miner.

    Where the firmware carries a change out a few seconds after accepting it (Avalon soft
    off / on), the switch shows the state it was set to until the miner reports it, or
    until a poll after that time still does not (then the miner's own state again); the
    miner is read again once the change is due.

    Where polls do not report the state (BOSminer's fault light is read only over SSH),
    the switch shows the state it was last set to, as an assumed state.
    """

    entity_description: AsicMinerSwitchEntityDescription
    _pending: tuple[bool, datetime] | None = None  # the state set, and until when
    _last_set: bool | None = None
    _cancel_refresh: CALLBACK_TYPE | None = None

    @property
    def assumed_state(self) -> bool:
        return self.entity_description.is_on_fn(self.coordinator.data) is None

    @property
    def is_on(self) -> bool | None:
        reported = self.entity_description.is_on_fn(self.coordinator.data)
        if reported is None:
            return self._last_set
        if self._pending is not None:
            wanted, until = self._pending
            if reported != wanted and dt_util.utcnow() < until:
                return wanted
            self._pending = None
        return reported

    async def async_turn_on(self, **kwargs: Any) -> None:
        await self._async_set(True)

    async def async_turn_off(self, **kwargs: Any) -> None:
        await self._async_set(False)

    async def _async_set(self, on: bool) -> None:
        miner = self.coordinator.miner
        delay = self.entity_description.delay_fn(miner)
        self._cancel_pending_refresh()
        await self._async_send(on, delay)
        if delay > 0:
            self._cancel_refresh = async_call_later(self.hass, delay, self._async_refresh_due)
            self.async_write_ha_state()

    @miner_action
    async def _async_send(self, on: bool, delay: float) -> None:
        await self.entity_description.set_fn(self.coordinator.miner, on)
        self._last_set = on
        if delay > 0:
            # Shown as set until a poll after the change is due (the refresh below).
            self._pending = (on, dt_util.utcnow() + timedelta(seconds=delay + 1))

    async def _async_refresh_due(self, _now: datetime) -> None:
        self._cancel_refresh = None
        await self.coordinator.async_request_refresh()

    def _cancel_pending_refresh(self) -> None:
        if self._cancel_refresh is not None:
            self._cancel_refresh()
            self._cancel_refresh = None

    @override
    async def async_will_remove_from_hass(self) -> None:
        self._cancel_pending_refresh()
        await super().async_will_remove_from_hass()


class AsicMinerSettingSwitch(AsicMinerEntity, SwitchEntity):
    """A setting the firmware offers as on or off, as the last poll reports it."""

    def _toggle(self) -> Toggle | None:
        return self.coordinator.data.settings.switches.get(self.entity_description.key)

    @property
    def available(self) -> bool:
        return super().available and self._toggle() is not None

    @property
    def is_on(self) -> bool | None:
        toggle = self._toggle()
        return toggle.on if toggle is not None else None

    async def async_turn_on(self, **kwargs: Any) -> None:
        await self._async_set(True)

    async def async_turn_off(self, **kwargs: Any) -> None:
        await self._async_set(False)

    @miner_action
    async def _async_set(self, on: bool) -> None:
        await self.coordinator.miner.set_switch(self.entity_description.key, on)
