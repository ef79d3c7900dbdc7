"""Numbers: the power limit where the firmware lets us set one, and every setting it offers
as a number within its own bounds (fan speed, target temperature, power and hashrate
targets, throttle)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from homeassistant.components.number import (
    NumberDeviceClass,
    NumberEntity,
    NumberEntityDescription,
    NumberMode,
)
from homeassistant.const import PERCENTAGE, EntityCategory, UnitOfPower, UnitOfTemperature
from homeassistant.core import HomeAssistant
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback

from . import is_fleet
from .coordinator import AsicMinerConfigEntry, AsicMinerCoordinator
from .driver import Capability, Miner, MinerData, Number, NumberKey
from .entity import AsicMinerEntity
from .helpers import miner_action
from .power.levers import power_limit_range, power_limit_step
from .setting_entities import add_setting_entities

PARALLEL_UPDATES = 1


@dataclass(frozen=True, kw_only=True)
class AsicMinerNumberEntityDescription(NumberEntityDescription):
    """A number backed by one miner setting."""

    capability: Capability
    value_fn: Callable[[MinerData], float | None]
    set_fn: Callable[[Miner, float], Awaitable[None]]


POWER_LIMIT = AsicMinerNumberEntityDescription(
    key="power_limit",
    translation_key="power_limit",
    device_class=NumberDeviceClass.POWER,
    native_unit_of_measurement=UnitOfPower.WATT,
    mode=NumberMode.BOX,
    entity_category=EntityCategory.CONFIG,
    capability=Capability.POWER_LIMIT,
    value_fn=lambda data: data.wattage_limit,
    set_fn=lambda miner, watts: miner.set_power_limit(int(watts)),
)


async def async_setup_entry(
    hass: HomeAssistant,
    entry: AsicMinerConfigEntry,
    async_add_entities: AddConfigEntryEntitiesCallback,
) -> None:
    """Add the power limit where the firmware offers one."""
    if is_fleet(entry):
        from .fleet.number import async_setup_fleet_numbers

        async_setup_fleet_numbers(entry, async_add_entities)
        return
    coordinator = entry.runtime_data
    if POWER_LIMIT.capability in coordinator.miner.capabilities:
        async_add_entities([AsicMinerNumber(coordinator, POWER_LIMIT)])
    add_setting_entities(
        entry,
        async_add_entities,
        lambda data: data.settings.numbers,
        lambda key: AsicMinerSettingNumber(coordinator, setting_number_description(key)),
    )


_DEVICE_CLASSES: dict[str, NumberDeviceClass] = {
    NumberKey.TARGET_TEMPERATURE: NumberDeviceClass.TEMPERATURE,
    NumberKey.POWER_TARGET: NumberDeviceClass.POWER,
}
_UNITS = {"%": PERCENTAGE, "°C": UnitOfTemperature.CELSIUS, "W": UnitOfPower.WATT}
_SLIDERS = frozenset({NumberKey.FAN_SPEED, NumberKey.THROTTLE})
# What a user changes to run the miner differently (dashboards, automations); the rest
# are configuration.
PRIMARY_NUMBERS = frozenset({NumberKey.POWER_TARGET, NumberKey.HASHRATE_TARGET, NumberKey.THROTTLE})


def setting_number_description(key: str) -> NumberEntityDescription:
    return NumberEntityDescription(
        key=key,
        translation_key=key,
        device_class=_DEVICE_CLASSES.get(key),
        mode=NumberMode.SLIDER if key in _SLIDERS else NumberMode.BOX,
        entity_category=None if key in PRIMARY_NUMBERS else EntityCategory.CONFIG,
    )


class AsicMinerNumber(AsicMinerEntity, NumberEntity):
    """A number of one miner."""

    entity_description: AsicMinerNumberEntityDescription

    def __init__(
        self, coordinator: AsicMinerCoordinator, description: AsicMinerNumberEntityDescription
    ) -> None:
        super().__init__(coordinator, description)
        data = coordinator.data
        low, high = power_limit_range(
            data.model or coordinator.miner.model, data.make or coordinator.miner.make
        )
        self._attr_native_min_value, self._attr_native_max_value = low, high
        self._attr_native_step = power_limit_step(low, high)

    @property
    def native_value(self) -> float | None:
        return self.entity_description.value_fn(self.coordinator.data)

    @miner_action
    async def async_set_native_value(self, value: float) -> None:
        await self.entity_description.set_fn(self.coordinator.miner, value)


class AsicMinerSettingNumber(AsicMinerEntity, NumberEntity):
    """A setting the firmware offers as a number, within the bounds it reports now."""

    def _number(self) -> Number | None:
        return self.coordinator.data.settings.numbers.get(self.entity_description.key)

    @property
    def available(self) -> bool:
        return super().available and self._number() is not None

    @property
    def native_value(self) -> float | None:
        number = self._number()
        return number.value if number is not None else None

    @property
    def native_min_value(self) -> float:
        number = self._number()
        return number.minimum if number is not None else 0.0

    @property
    def native_max_value(self) -> float:
        number = self._number()
        return number.maximum if number is not None else 100.0

    @property
    def native_step(self) -> float | None:
        number = self._number()
        return number.step if number is not None else None

    @property
    def native_unit_of_measurement(self) -> str | None:
        number = self._number()
        if number is None or number.unit is None:
            return None
        return _UNITS.get(number.unit, number.unit)

    @property
    def extra_state_attributes(self) -> dict[str, str | float] | None:
        """What the value means on this firmware (VNish: the preset it chose)."""
        number = self._number()
        return dict(number.attributes) if number is not None and number.attributes else None

    @miner_action
    async def async_set_native_value(self, value: float) -> None:
        await self.coordinator.miner.set_number(self.entity_description.key, value)
