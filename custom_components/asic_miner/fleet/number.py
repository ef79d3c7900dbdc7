"""A fleet's Power budget: what its members may draw together (W)."""

from __future__ import annotations

from typing import override

from homeassistant.components.number import (
    NumberDeviceClass,
    NumberEntityDescription,
    NumberMode,
    RestoreNumber,
)
from homeassistant.config_entries import ConfigEntry
from homeassistant.const import UnitOfPower
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback

from .coordinator import FleetCoordinator
from .entity import FleetEntity

# A farm's grid connection, at most; the budget is a limit, not a guess.
MAX_BUDGET_W = 1_000_000

POWER_BUDGET = NumberEntityDescription(
    key="power_budget",
    translation_key="power_budget",
    device_class=NumberDeviceClass.POWER,
    native_unit_of_measurement=UnitOfPower.WATT,
    native_min_value=0,
    native_max_value=MAX_BUDGET_W,
    native_step=10,
    mode=NumberMode.BOX,
)


def async_setup_fleet_numbers(
    entry: ConfigEntry, async_add_entities: AddConfigEntryEntitiesCallback
) -> None:
    coordinator: FleetCoordinator = entry.runtime_data
    async_add_entities([FleetBudgetNumber(coordinator, POWER_BUDGET)])


class FleetBudgetNumber(FleetEntity, RestoreNumber):
    """Unknown until set: a fleet controls nothing before it has a budget (or follows a
    sensor, or a price). With a followed sensor the smaller of the two is spent."""

    @override
    async def async_added_to_hass(self) -> None:
        await super().async_added_to_hass()
        last = await self.async_get_last_number_data()
        if last is not None and last.native_value is not None:
            self.coordinator.budget_number_w = float(last.native_value)
        self.coordinator.async_restored("budget")
        await self.coordinator.async_request_refresh()

    @property
    def native_value(self) -> float | None:
        return self.coordinator.budget_number_w

    async def async_set_native_value(self, value: float) -> None:
        self.coordinator.budget_number_w = value
        self.async_write_ha_state()
        await self.coordinator.async_refresh()
