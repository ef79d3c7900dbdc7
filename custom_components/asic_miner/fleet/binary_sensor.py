"""A fleet's problem sensor: on while any member reports a problem or does not answer."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from homeassistant.components.binary_sensor import (
    BinarySensorEntity,
    BinarySensorEntityDescription,
)
from homeassistant.components.binary_sensor.const import BinarySensorDeviceClass
from homeassistant.config_entries import ConfigEntry
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback

from .coordinator import FleetCoordinator
from .entity import FleetEntity

PROBLEM = BinarySensorEntityDescription(key="problem", device_class=BinarySensorDeviceClass.PROBLEM)


def async_setup_fleet_binary_sensors(
    entry: ConfigEntry, async_add_entities: AddConfigEntryEntitiesCallback
) -> None:
    coordinator: FleetCoordinator = entry.runtime_data
    async_add_entities([FleetProblemSensor(coordinator, PROBLEM)])


class FleetProblemSensor(FleetEntity, BinarySensorEntity):
    @property
    def is_on(self) -> bool:
        totals = self.coordinator.data.totals
        return bool(totals.problems or totals.unavailable_names)

    @property
    def extra_state_attributes(self) -> Mapping[str, Any]:
        totals = self.coordinator.data.totals
        return {"problems": totals.problems, "unavailable": list(totals.unavailable_names)}
