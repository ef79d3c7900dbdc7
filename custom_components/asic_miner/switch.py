"""Switches: mining on or off, and the fault (locate) light."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from homeassistant.components.switch import SwitchEntity, SwitchEntityDescription
from homeassistant.core import HomeAssistant
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback

from .coordinator import AsicMinerConfigEntry
from .driver import Capability, Miner, MinerData
from .entity import AsicMinerEntity
from .helpers import miner_action

PARALLEL_UPDATES = 1


@dataclass(frozen=True, kw_only=True)
class AsicMinerSwitchEntityDescription(SwitchEntityDescription):
    """A switch backed by a pair of miner controls."""

    capabilities: frozenset[Capability]
    is_on_fn: Callable[[MinerData], bool | None]
    set_fn: Callable[[Miner, bool], Awaitable[None]]


SWITCHES: tuple[AsicMinerSwitchEntityDescription, ...] = (
    AsicMinerSwitchEntityDescription(
        key="mining",
        translation_key="mining",
        capabilities=frozenset({Capability.STOP_MINING, Capability.RESUME_MINING}),
        is_on_fn=lambda data: data.is_mining,
        set_fn=lambda miner, on: miner.resume_mining() if on else miner.stop_mining(),
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
    coordinator = entry.runtime_data
    async_add_entities(
        AsicMinerSwitch(coordinator, description)
        for description in SWITCHES
        if description.capabilities <= coordinator.miner.capabilities
    )


class AsicMinerSwitch(AsicMinerEntity, SwitchEntity):
    """A switch of one miner."""

    entity_description: AsicMinerSwitchEntityDescription

    @property
    def is_on(self) -> bool | None:
        return self.entity_description.is_on_fn(self.coordinator.data)

    async def async_turn_on(self, **kwargs: Any) -> None:
        await self._async_set(True)

    async def async_turn_off(self, **kwargs: Any) -> None:
        await self._async_set(False)

    @miner_action
    async def _async_set(self, on: bool) -> None:
        await self.entity_description.set_fn(self.coordinator.miner, on)
