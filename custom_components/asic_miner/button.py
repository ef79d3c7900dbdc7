"""Buttons: reboot the miner, restart its mining software."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from homeassistant.components.button import ButtonEntity, ButtonEntityDescription
from homeassistant.components.button.const import ButtonDeviceClass
from homeassistant.const import EntityCategory
from homeassistant.core import HomeAssistant
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback

from .coordinator import AsicMinerConfigEntry
from .driver import Capability, Miner
from .entity import AsicMinerEntity
from .helpers import miner_action

PARALLEL_UPDATES = 1


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


async def async_setup_entry(
    hass: HomeAssistant,
    entry: AsicMinerConfigEntry,
    async_add_entities: AddConfigEntryEntitiesCallback,
) -> None:
    """Add the buttons whose controls the firmware offers."""
    coordinator = entry.runtime_data
    async_add_entities(
        AsicMinerButton(coordinator, description)
        for description in BUTTONS
        if description.capability in coordinator.miner.capabilities
    )


class AsicMinerButton(AsicMinerEntity, ButtonEntity):
    """A button of one miner."""

    entity_description: AsicMinerButtonEntityDescription

    @miner_action
    async def async_press(self) -> None:
        await self.entity_description.press_fn(self.coordinator.miner)
