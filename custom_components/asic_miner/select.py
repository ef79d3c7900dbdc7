"""Selects: the preset power mode (Whatsminer), and every setting the firmware offers as a
choice (ESP-Miner frequency and core voltage, Avalon work mode and level, fan mode, the
pool in use), with the options the miner itself reports."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from homeassistant.components.select import SelectEntity, SelectEntityDescription
from homeassistant.const import EntityCategory
from homeassistant.core import HomeAssistant
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback

from .coordinator import AsicMinerConfigEntry
from .driver import Capability, Choice, ChoiceKey, Miner, MinerData, PowerMode
from .entity import AsicMinerEntity
from .helpers import miner_action
from .setting_entities import add_setting_entities

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
    add_setting_entities(
        entry,
        async_add_entities,
        lambda data: data.settings.choices,
        lambda key: AsicMinerSettingSelect(coordinator, setting_select_description(key)),
    )


# The settings a user changes to run the miner differently; the rest are configuration.
PRIMARY_CHOICES = frozenset(
    {
        ChoiceKey.WORK_MODE,
        ChoiceKey.WORK_LEVEL,
        ChoiceKey.PRESET,
        ChoiceKey.PERFORMANCE_MODE,
        ChoiceKey.POWER_PLAN,
    }
)


def setting_select_description(key: str) -> SelectEntityDescription:
    return SelectEntityDescription(
        key=key,
        translation_key=key,
        entity_category=None if key in PRIMARY_CHOICES else EntityCategory.CONFIG,
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


class AsicMinerSettingSelect(AsicMinerEntity, SelectEntity):
    """A setting the firmware offers as a choice, with the options it reports now."""

    def _choice(self) -> Choice | None:
        return self.coordinator.data.settings.choices.get(self.entity_description.key)

    @property
    def available(self) -> bool:
        return super().available and self._choice() is not None

    @property
    def options(self) -> list[str]:
        choice = self._choice()
        return list(choice.options) if choice is not None else []

    @property
    def current_option(self) -> str | None:
        choice = self._choice()
        return choice.current if choice is not None else None

    @miner_action
    async def async_select_option(self, option: str) -> None:
        await self.coordinator.miner.set_choice(self.entity_description.key, option)
