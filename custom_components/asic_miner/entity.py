"""The base of every ASIC Miner entity: one device per miner."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from homeassistant.helpers.device_registry import CONNECTION_NETWORK_MAC, DeviceInfo
from homeassistant.helpers.entity import EntityDescription
from homeassistant.helpers.update_coordinator import CoordinatorEntity

from .const import CONF_ENTITY_GROUPS, DEFAULT_ENTITY_GROUPS, DOMAIN
from .coordinator import AsicMinerCoordinator


def entity_group_enabled(options: Mapping[str, Any], group: str) -> bool:
    """Whether the options want the entities of ``group`` (boards, fans, pools; all
    by default). Switched off in the options flow, the entry reloads without them."""
    return group in options.get(CONF_ENTITY_GROUPS, DEFAULT_ENTITY_GROUPS)


class AsicMinerEntity(CoordinatorEntity[AsicMinerCoordinator]):
    """An entity of one miner, described by an entity description."""

    _attr_has_entity_name = True

    def __init__(self, coordinator: AsicMinerCoordinator, description: EntityDescription) -> None:
        super().__init__(coordinator)
        self.entity_description = description
        entry = coordinator.config_entry
        mac = entry.unique_id
        assert mac is not None  # the config flow always sets it
        self._attr_unique_id = f"{mac}_{description.key}"

        data = coordinator.data
        miner = coordinator.miner
        self._attr_device_info = DeviceInfo(
            identifiers={(DOMAIN, mac)},
            connections={(CONNECTION_NETWORK_MAC, mac)},
            name=entry.title,
            manufacturer=data.make or miner.make,
            model=data.model or miner.model,
            serial_number=data.serial_number,
            sw_version=data.fw_ver,
            configuration_url=f"http://{coordinator.host}",
        )
