"""Binary sensors: whether the miner hashes, whether something is wrong, its fault light."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from homeassistant.components.binary_sensor import (
    BinarySensorEntity,
    BinarySensorEntityDescription,
)
from homeassistant.components.binary_sensor.const import BinarySensorDeviceClass
from homeassistant.const import EntityCategory
from homeassistant.core import HomeAssistant, callback
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback

from . import is_fleet
from .coordinator import AsicMinerConfigEntry
from .driver import Capability, Miner, MinerData
from .entity import AsicMinerEntity

PARALLEL_UPDATES = 0


@dataclass(frozen=True, kw_only=True)
class AsicMinerBinarySensorEntityDescription(BinarySensorEntityDescription):
    """A binary sensor read from one poll of the miner."""

    is_on_fn: Callable[[MinerData], bool | None]
    # By default a binary sensor exists where the firmware reports its value.
    exists_fn: Callable[[Miner, MinerData], bool] | None = None
    attributes_fn: Callable[[MinerData], Mapping[str, Any] | None] | None = None

    def exists(self, miner: Miner, data: MinerData) -> bool:
        if self.exists_fn is not None:
            return self.exists_fn(miner, data)
        return self.is_on_fn(data) is not None


def problems(data: MinerData) -> list[str]:
    """What is wrong with the miner: its error codes, missing boards, chips that failed."""
    found = [
        f"error {error.code}: {error.message}" if error.code is not None else error.message
        for error in data.errors
    ]
    for board in data.hashboards:
        name = f"board {board.slot + 1}"
        if board.missing:
            found.append(f"{name} missing")
        elif (
            board.chips is not None
            and board.expected_chips is not None
            and board.chips < board.expected_chips
        ):
            found.append(f"{name}: {board.chips} of {board.expected_chips} chips")
    return found


BINARY_SENSORS: tuple[AsicMinerBinarySensorEntityDescription, ...] = (
    AsicMinerBinarySensorEntityDescription(
        # Named "Hashing" beside the "Mining" switch; the key keeps the unique id.
        key="mining",
        translation_key="hashing",
        device_class=BinarySensorDeviceClass.RUNNING,
        is_on_fn=lambda data: data.is_mining,
    ),
    AsicMinerBinarySensorEntityDescription(
        key="problem",
        device_class=BinarySensorDeviceClass.PROBLEM,
        entity_category=EntityCategory.DIAGNOSTIC,
        is_on_fn=lambda data: bool(problems(data)),
        exists_fn=lambda miner, data: True,
        attributes_fn=lambda data: {"problems": problems(data)},
    ),
    AsicMinerBinarySensorEntityDescription(
        # VNish holds the hashrate down (heat, power); off while it mines at full rate.
        key="throttled",
        translation_key="throttled",
        entity_category=EntityCategory.DIAGNOSTIC,
        is_on_fn=lambda data: data.throttled,
        exists_fn=lambda miner, data: data.throttled is not None,
    ),
    AsicMinerBinarySensorEntityDescription(
        key="fault_light",
        translation_key="fault_light",
        entity_category=EntityCategory.DIAGNOSTIC,
        is_on_fn=lambda data: data.fault_light,
        # Where the light can be switched, the fault light switch shows it already.
        exists_fn=lambda miner, data: (
            Capability.FAULT_LIGHT not in miner.capabilities and data.fault_light is not None
        ),
    ),
)


async def async_setup_entry(
    hass: HomeAssistant,
    entry: AsicMinerConfigEntry,
    async_add_entities: AddConfigEntryEntitiesCallback,
) -> None:
    """Add the binary sensors the miner reports, and those that appear later."""
    if is_fleet(entry):
        from .fleet.binary_sensor import async_setup_fleet_binary_sensors

        async_setup_fleet_binary_sensors(entry, async_add_entities)
        return
    coordinator = entry.runtime_data
    added: set[str] = set()

    @callback
    def add_new_binary_sensors() -> None:
        if not coordinator.last_update_success:
            return
        new = [
            description
            for description in BINARY_SENSORS
            if description.key not in added
            and description.exists(coordinator.miner, coordinator.data)
        ]
        added.update(description.key for description in new)
        async_add_entities(AsicMinerBinarySensor(coordinator, description) for description in new)

    add_new_binary_sensors()
    entry.async_on_unload(coordinator.async_add_listener(add_new_binary_sensors))


class AsicMinerBinarySensor(AsicMinerEntity, BinarySensorEntity):
    """A binary sensor of one miner."""

    entity_description: AsicMinerBinarySensorEntityDescription

    @property
    def is_on(self) -> bool | None:
        return self.entity_description.is_on_fn(self.coordinator.data)

    @property
    def extra_state_attributes(self) -> Mapping[str, Any] | None:
        if self.entity_description.attributes_fn is None:
            return None
        return self.entity_description.attributes_fn(self.coordinator.data)
