"""Select: the miner's preset power mode, where the firmware has presets (Whatsminer)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from homeassistant.components.select import SelectEntity, SelectEntityDescription
from homeassistant.const import EntityCategory
from homeassistant.core import HomeAssistant
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback

from .coordinator import AsicMinerConfigEntry
from .driver import Capability, Miner, MinerData, PowerMode
from .entity import AsicMinerEntity
from .helpers import miner_action

PARALLEL_UPDATES = 1


@dataclass(frozen=True, kw_only=True)
class AsicMinerSelectEntityDescription(SelectEntityDescription):
    """A select backed by one miner setting."""

    capability: Capability
    current_fn: Callable[[MinerData], str | None]
    select_fn: Callable[[Miner, str], Awaitable[None]]


SELECTS: tuple[AsicMinerSelectEntityDescription, ...] = (
    AsicMinerSelectEntityDescription(
        key="power_mode",
        translation_key="power_mode",
        options=[mode.value for mode in PowerMode],
        entity_category=EntityCategory.CONFIG,
        capability=Capability.POWER_MODE,
        current_fn=lambda data: None if data.power_mode is None else data.power_mode.value,
        select_fn=lambda miner, option: miner.set_power_mode(PowerMode(option)),
    ),
)


async def async_setup_entry(
    hass: HomeAssistant,
    entry: AsicMinerConfigEntry,
    async_add_entities: AddConfigEntryEntitiesCallback,
) -> None:
    """Add the selects whose settings the firmware offers."""
    coordinator = entry.runtime_data
    async_add_entities(
        AsicMinerSelect(coordinator, description)
        for description in SELECTS
        if description.capability in coordinator.miner.capabilities
    )


class AsicMinerSelect(AsicMinerEntity, SelectEntity):
    """A select of one miner."""

    entity_description: AsicMinerSelectEntityDescription

    @property
    def current_option(self) -> str | None:
        return self.entity_description.current_fn(self.coordinator.data)

    @miner_action
    async def async_select_option(self, option: str) -> None:
        await self.entity_description.select_fn(self.coordinator.miner, option)
