"""Buttons: reboot the miner, restart its mining software, make it show itself (its own
identify action, else its fault light for a while), and the firmware's one-shot actions
(the filter-cleaning reminder reset of Avalon home models)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Final, override

from homeassistant.components.button import ButtonEntity, ButtonEntityDescription
from homeassistant.components.button.const import ButtonDeviceClass
from homeassistant.const import EntityCategory
from homeassistant.core import CALLBACK_TYPE, HomeAssistant
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback
from homeassistant.helpers.event import async_call_later

from .const import LOGGER
from .coordinator import AsicMinerConfigEntry
from .driver import ActionKey, AsicMinerError, Capability, Miner
from .entity import AsicMinerEntity
from .helpers import miner_action
from .setting_entities import add_setting_entities

PARALLEL_UPDATES = 1

# How long Identify keeps the fault light on.
IDENTIFY_DURATION: Final = timedelta(seconds=30)


@dataclass(frozen=True, kw_only=True)
class AsicMinerButtonEntityDescription(ButtonEntityDescription):
    """A button backed by one miner control."""

    capability: Capability
    press_fn: Callable[[Miner], Awaitable[None]]


BUTTONS: tuple[AsicMinerButtonEntityDescription, ...] = (
    AsicMinerButtonEntityDescription(
        key="reboot",
        translation_key="reboot",
        device_class=ButtonDeviceClass.RESTART,
        entity_category=EntityCategory.CONFIG,
        capability=Capability.REBOOT,
        press_fn=lambda miner: miner.reboot(),
    ),
    AsicMinerButtonEntityDescription(
        key="restart_backend",
        translation_key="restart_backend",
        entity_category=EntityCategory.CONFIG,
        capability=Capability.RESTART_BACKEND,
        press_fn=lambda miner: miner.restart_backend(),
    ),
)

IDENTIFY = AsicMinerButtonEntityDescription(
    key="identify",
    device_class=ButtonDeviceClass.IDENTIFY,
    entity_category=EntityCategory.DIAGNOSTIC,
    capability=Capability.FAULT_LIGHT,
    press_fn=lambda miner: miner.fault_light_on(),
)


async def async_setup_entry(
    hass: HomeAssistant,
    entry: AsicMinerConfigEntry,
    async_add_entities: AddConfigEntryEntitiesCallback,
) -> None:
    """Add the buttons whose controls the firmware offers."""
    coordinator = entry.runtime_data
    capabilities = coordinator.miner.capabilities
    buttons: list[AsicMinerButton] = [
        AsicMinerButton(coordinator, description)
        for description in BUTTONS
        if description.capability in capabilities
    ]
    own_identify = ActionKey.IDENTIFY in coordinator.data.settings.actions
    if IDENTIFY.capability in capabilities and not own_identify:
        buttons.append(AsicMinerIdentifyButton(coordinator, IDENTIFY))
    async_add_entities(buttons)
    add_setting_entities(
        entry,
        async_add_entities,
        lambda data: data.settings.actions,
        lambda key: AsicMinerActionButton(coordinator, action_description(key)),
    )


def action_description(key: str) -> ButtonEntityDescription:
    if key == ActionKey.IDENTIFY:  # the firmware's own: named as the fault-light one
        return ButtonEntityDescription(
            key=key,
            device_class=ButtonDeviceClass.IDENTIFY,
            entity_category=EntityCategory.DIAGNOSTIC,
        )
    return ButtonEntityDescription(
        key=key, translation_key=key, entity_category=EntityCategory.CONFIG
    )


class AsicMinerActionButton(AsicMinerEntity, ButtonEntity):
    """A one-shot action the firmware offers."""

    @property
    def available(self) -> bool:
        key = self.entity_description.key
        return super().available and key in self.coordinator.data.settings.actions

    @miner_action
    async def async_press(self) -> None:
        await self.coordinator.miner.press(self.entity_description.key)


class AsicMinerButton(AsicMinerEntity, ButtonEntity):
    """A button of one miner."""

    entity_description: AsicMinerButtonEntityDescription

    @miner_action
    async def async_press(self) -> None:
        await self.entity_description.press_fn(self.coordinator.miner)


class AsicMinerIdentifyButton(AsicMinerButton):
    """Turns the fault light on, and off again after IDENTIFY_DURATION.

    Pressed again meanwhile, the light stays on for the full time from then. The pending
    switch-off is cancelled when the entity goes away (the entry unloads).
    """

    _cancel_light_off: CALLBACK_TYPE | None = None

    @override
    async def async_press(self) -> None:
        self._cancel_pending()
        await super().async_press()
        self._cancel_light_off = async_call_later(
            self.hass, IDENTIFY_DURATION, self._async_light_off
        )

    async def _async_light_off(self, _now: datetime) -> None:
        self._cancel_light_off = None
        try:
            await self.coordinator.miner.fault_light_off()
        except AsicMinerError as err:
            LOGGER.warning(
                "Could not turn off the fault light of %s after identifying it: %s",
                self.coordinator.host,
                err,
            )
            return
        await self.coordinator.async_refresh()

    def _cancel_pending(self) -> None:
        if self._cancel_light_off is not None:
            self._cancel_light_off()
            self._cancel_light_off = None

    @override
    async def async_will_remove_from_hass(self) -> None:
        self._cancel_pending()
        await super().async_will_remove_from_hass()
