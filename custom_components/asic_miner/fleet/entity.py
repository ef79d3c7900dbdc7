"""The base of a fleet's entities: one device per fleet."""

from __future__ import annotations

from homeassistant.helpers.device_registry import DeviceEntryType, DeviceInfo
from homeassistant.helpers.entity import EntityDescription
from homeassistant.helpers.update_coordinator import CoordinatorEntity

from ..const import DOMAIN
from .coordinator import FleetCoordinator


class FleetEntity(CoordinatorEntity[FleetCoordinator]):
    _attr_has_entity_name = True

    def __init__(self, coordinator: FleetCoordinator, description: EntityDescription) -> None:
        super().__init__(coordinator)
        self.entity_description = description
        entry = coordinator.config_entry
        self._attr_unique_id = f"{entry.entry_id}_{description.key}"
        self._attr_device_info = DeviceInfo(
            identifiers={(DOMAIN, entry.entry_id)},
            name=entry.title,
            model="Fleet",
            entry_type=DeviceEntryType.SERVICE,
        )
