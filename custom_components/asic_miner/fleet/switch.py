"""A fleet's Mining switch: off pauses every member, on lets the budget run them again."""

from __future__ import annotations

from typing import Any, override

from homeassistant.components.switch import SwitchEntity, SwitchEntityDescription
from homeassistant.config_entries import ConfigEntry
from homeassistant.const import STATE_OFF
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback
from homeassistant.helpers.restore_state import RestoreEntity

from .coordinator import FleetCoordinator
from .entity import FleetEntity

MINING = SwitchEntityDescription(key="mining", translation_key="mining")


def async_setup_fleet_switchs(
    entry: ConfigEntry, async_add_entities: AddConfigEntryEntitiesCallback
) -> None:
    coordinator: FleetCoordinator = entry.runtime_data
    async_add_entities([FleetMiningSwitch(coordinator, MINING)])


class FleetMiningSwitch(FleetEntity, SwitchEntity, RestoreEntity):
    @override
    async def async_added_to_hass(self) -> None:
        await super().async_added_to_hass()
        last = await self.async_get_last_state()
        if last is not None:
            self.coordinator.paused = last.state == STATE_OFF
        self.coordinator.async_restored("pause")
        await self.coordinator.async_request_refresh()

    @property
    def is_on(self) -> bool:
        return not self.coordinator.paused

    async def async_turn_on(self, **kwargs: Any) -> None:
        await self._set_paused(False)

    async def async_turn_off(self, **kwargs: Any) -> None:
        await self._set_paused(True)

    async def _set_paused(self, paused: bool) -> None:
        self.coordinator.paused = paused
        self.async_write_ha_state()
        await self.coordinator.async_refresh()
