"""Sensors: what the miner reports about its work, its boards and its fans."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from homeassistant.components.sensor import (
    SensorDeviceClass,
    SensorEntity,
    SensorEntityDescription,
    SensorStateClass,
)
from homeassistant.const import (
    REVOLUTIONS_PER_MINUTE,
    EntityCategory,
    UnitOfPower,
    UnitOfTemperature,
    UnitOfTime,
)
from homeassistant.core import HomeAssistant, callback
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback
from homeassistant.helpers.typing import StateType

from .coordinator import AsicMinerConfigEntry
from .driver import HashBoard, MinerData
from .entity import AsicMinerEntity

PARALLEL_UPDATES = 0

UNIT_TERAHASH_PER_SECOND = "TH/s"
UNIT_JOULE_PER_TERAHASH = "J/TH"


@dataclass(frozen=True, kw_only=True)
class AsicMinerSensorEntityDescription(SensorEntityDescription):
    """A sensor read from one poll of the miner."""

    value_fn: Callable[[MinerData], StateType]
    # By default a sensor exists where the firmware reports its value.
    exists_fn: Callable[[MinerData], bool] | None = None

    def exists(self, data: MinerData) -> bool:
        if self.exists_fn is not None:
            return self.exists_fn(data)
        return self.value_fn(data) is not None


MINER_SENSORS: tuple[AsicMinerSensorEntityDescription, ...] = (
    AsicMinerSensorEntityDescription(
        key="hashrate",
        translation_key="hashrate",
        native_unit_of_measurement=UNIT_TERAHASH_PER_SECOND,
        state_class=SensorStateClass.MEASUREMENT,
        suggested_display_precision=2,
        value_fn=lambda data: data.hashrate,
        # Shown even while a booting miner reports nothing yet: it is the main reading.
        exists_fn=lambda data: True,
    ),
    AsicMinerSensorEntityDescription(
        key="expected_hashrate",
        translation_key="expected_hashrate",
        native_unit_of_measurement=UNIT_TERAHASH_PER_SECOND,
        state_class=SensorStateClass.MEASUREMENT,
        suggested_display_precision=2,
        entity_category=EntityCategory.DIAGNOSTIC,
        value_fn=lambda data: data.expected_hashrate,
    ),
    AsicMinerSensorEntityDescription(
        key="temperature_avg",
        translation_key="temperature_avg",
        device_class=SensorDeviceClass.TEMPERATURE,
        native_unit_of_measurement=UnitOfTemperature.CELSIUS,
        state_class=SensorStateClass.MEASUREMENT,
        suggested_display_precision=1,
        value_fn=lambda data: data.temperature_avg,
    ),
    AsicMinerSensorEntityDescription(
        key="temperature_max",
        translation_key="temperature_max",
        device_class=SensorDeviceClass.TEMPERATURE,
        native_unit_of_measurement=UnitOfTemperature.CELSIUS,
        state_class=SensorStateClass.MEASUREMENT,
        suggested_display_precision=1,
        value_fn=lambda data: data.temperature_max,
    ),
    AsicMinerSensorEntityDescription(
        key="environment_temperature",
        translation_key="environment_temperature",
        device_class=SensorDeviceClass.TEMPERATURE,
        native_unit_of_measurement=UnitOfTemperature.CELSIUS,
        state_class=SensorStateClass.MEASUREMENT,
        suggested_display_precision=1,
        value_fn=lambda data: data.env_temp,
    ),
    AsicMinerSensorEntityDescription(
        key="power",
        device_class=SensorDeviceClass.POWER,
        native_unit_of_measurement=UnitOfPower.WATT,
        state_class=SensorStateClass.MEASUREMENT,
        suggested_display_precision=0,
        value_fn=lambda data: data.wattage,
    ),
    AsicMinerSensorEntityDescription(
        key="efficiency",
        translation_key="efficiency",
        native_unit_of_measurement=UNIT_JOULE_PER_TERAHASH,
        state_class=SensorStateClass.MEASUREMENT,
        suggested_display_precision=1,
        value_fn=lambda data: data.efficiency,
        exists_fn=lambda data: data.wattage is not None,
    ),
    AsicMinerSensorEntityDescription(
        key="psu_fan_speed",
        translation_key="psu_fan_speed",
        native_unit_of_measurement=REVOLUTIONS_PER_MINUTE,
        state_class=SensorStateClass.MEASUREMENT,
        entity_category=EntityCategory.DIAGNOSTIC,
        value_fn=lambda data: data.fan_psu,
    ),
    AsicMinerSensorEntityDescription(
        key="uptime",
        translation_key="uptime",
        device_class=SensorDeviceClass.DURATION,
        native_unit_of_measurement=UnitOfTime.SECONDS,
        suggested_unit_of_measurement=UnitOfTime.HOURS,
        suggested_display_precision=1,
        entity_category=EntityCategory.DIAGNOSTIC,
        # Changes with every poll: recorded only by those who want it.
        entity_registry_enabled_default=False,
        value_fn=lambda data: data.uptime,
    ),
)


def _board(data: MinerData, slot: int) -> HashBoard | None:
    return next((b for b in data.hashboards if b.slot == slot and not b.missing), None)


def _board_value(
    slot: int, read: Callable[[HashBoard], StateType]
) -> Callable[[MinerData], StateType]:
    def value(data: MinerData) -> StateType:
        board = _board(data, slot)
        return None if board is None else read(board)

    return value


def board_sensors(slot: int) -> tuple[AsicMinerSensorEntityDescription, ...]:
    """The sensors of the hashboard in ``slot``; named by number, counting from 1."""
    placeholders = {"board": str(slot + 1)}
    return (
        AsicMinerSensorEntityDescription(
            key=f"board_{slot}_hashrate",
            translation_key="board_hashrate",
            translation_placeholders=placeholders,
            native_unit_of_measurement=UNIT_TERAHASH_PER_SECOND,
            state_class=SensorStateClass.MEASUREMENT,
            suggested_display_precision=2,
            value_fn=_board_value(slot, lambda board: board.hashrate),
        ),
        AsicMinerSensorEntityDescription(
            key=f"board_{slot}_temperature",
            translation_key="board_temperature",
            translation_placeholders=placeholders,
            device_class=SensorDeviceClass.TEMPERATURE,
            native_unit_of_measurement=UnitOfTemperature.CELSIUS,
            state_class=SensorStateClass.MEASUREMENT,
            suggested_display_precision=1,
            value_fn=_board_value(slot, lambda board: board.temp),
        ),
        AsicMinerSensorEntityDescription(
            key=f"board_{slot}_chip_temperature",
            translation_key="board_chip_temperature",
            translation_placeholders=placeholders,
            device_class=SensorDeviceClass.TEMPERATURE,
            native_unit_of_measurement=UnitOfTemperature.CELSIUS,
            state_class=SensorStateClass.MEASUREMENT,
            suggested_display_precision=1,
            value_fn=_board_value(slot, lambda board: board.chip_temp),
        ),
        AsicMinerSensorEntityDescription(
            key=f"board_{slot}_chips",
            translation_key="board_chips",
            translation_placeholders=placeholders,
            state_class=SensorStateClass.MEASUREMENT,
            entity_category=EntityCategory.DIAGNOSTIC,
            entity_registry_enabled_default=False,
            value_fn=_board_value(slot, lambda board: board.chips),
        ),
    )


def fan_sensor(index: int) -> AsicMinerSensorEntityDescription:
    """The speed of the fan at ``index`` in the miner's list; named counting from 1."""

    def speed(data: MinerData) -> StateType:
        return data.fans[index].speed if index < len(data.fans) else None

    return AsicMinerSensorEntityDescription(
        key=f"fan_{index}_speed",
        translation_key="fan_speed",
        translation_placeholders={"fan": str(index + 1)},
        native_unit_of_measurement=REVOLUTIONS_PER_MINUTE,
        state_class=SensorStateClass.MEASUREMENT,
        entity_category=EntityCategory.DIAGNOSTIC,
        value_fn=speed,
    )


def sensor_descriptions(data: MinerData) -> Iterable[AsicMinerSensorEntityDescription]:
    """Every sensor this poll has a value for."""
    yield from MINER_SENSORS
    for board in data.hashboards:
        if not board.missing:
            yield from board_sensors(board.slot)
    for index in range(len(data.fans)):
        yield fan_sensor(index)


async def async_setup_entry(
    hass: HomeAssistant,
    entry: AsicMinerConfigEntry,
    async_add_entities: AddConfigEntryEntitiesCallback,
) -> None:
    """Add the sensors the miner reports, and those of boards and fans that appear later."""
    coordinator = entry.runtime_data
    added: set[str] = set()

    @callback
    def add_new_sensors() -> None:
        if not coordinator.last_update_success:
            return
        new = [
            description
            for description in sensor_descriptions(coordinator.data)
            if description.key not in added and description.exists(coordinator.data)
        ]
        added.update(description.key for description in new)
        async_add_entities(AsicMinerSensor(coordinator, description) for description in new)

    add_new_sensors()
    entry.async_on_unload(coordinator.async_add_listener(add_new_sensors))


class AsicMinerSensor(AsicMinerEntity, SensorEntity):
    """A sensor of one miner."""

    entity_description: AsicMinerSensorEntityDescription

    @property
    def native_value(self) -> StateType:
        return self.entity_description.value_fn(self.coordinator.data)
