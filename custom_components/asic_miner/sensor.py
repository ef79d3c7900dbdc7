"""Sensors: what the miner reports about its work, its boards and its fans."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from contextlib import suppress
from dataclasses import dataclass
from datetime import timedelta
from typing import Any, override

from homeassistant.components.sensor import (
    DOMAIN as SENSOR_DOMAIN,
)
from homeassistant.components.sensor import (
    RestoreSensor,
    SensorDeviceClass,
    SensorEntity,
    SensorEntityDescription,
    SensorStateClass,
)
from homeassistant.const import (
    PERCENTAGE,
    REVOLUTIONS_PER_MINUTE,
    SIGNAL_STRENGTH_DECIBELS_MILLIWATT,
    EntityCategory,
    UnitOfElectricCurrent,
    UnitOfElectricPotential,
    UnitOfEnergy,
    UnitOfFrequency,
    UnitOfPower,
    UnitOfTemperature,
    UnitOfTime,
)
from homeassistant.core import HomeAssistant, callback
from homeassistant.helpers import entity_registry as er
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback
from homeassistant.helpers.typing import StateType
from homeassistant.helpers.update_coordinator import DataUpdateCoordinator
from homeassistant.util import dt as dt_util

from . import is_fleet
from .const import ENTITY_GROUP_BOARDS, ENTITY_GROUP_FANS, ENTITY_GROUP_POOLS
from .coordinator import AsicMinerConfigEntry, AsicMinerCoordinator
from .driver import HashBoard, MinerData, Pool, RateUnit, url_without_credentials
from .entity import AsicMinerEntity, entity_group_enabled
from .hashrate_units import efficiency_symbol, efficiency_unit, rate_unit
from .power.energy import EnergyTotal

PARALLEL_UPDATES = 0

UNIT_TERAHASH_PER_SECOND = "TH/s"
UNIT_JOULE_PER_TERAHASH = "J/TH"
UNIT_MILLIVOLT = UnitOfElectricPotential.MILLIVOLT


@dataclass(frozen=True, kw_only=True)
class AsicMinerSensorEntityDescription(SensorEntityDescription):
    """A sensor read from one poll of the miner."""

    value_fn: Callable[[MinerData], StateType]
    # By default a sensor exists where the firmware reports its value.
    exists_fn: Callable[[MinerData], bool] | None = None
    attributes_fn: Callable[[MinerData], Mapping[str, Any] | None] | None = None
    # The option group (boards, fans, pools) that can switch the sensor off; None: always.
    group: str | None = None
    # A hashrate (TH/s of its algorithm from the driver): shown in the unit the miner's
    # users read; an efficiency (J/TH from the driver): in J per their efficiency unit.
    hashrate: bool = False
    efficiency: bool = False

    def exists(self, data: MinerData) -> bool:
        if self.exists_fn is not None:
            return self.exists_fn(data)
        return self.value_fn(data) is not None


MINER_SENSORS: tuple[AsicMinerSensorEntityDescription, ...] = (
    AsicMinerSensorEntityDescription(
        key="hashrate",
        translation_key="hashrate",
        native_unit_of_measurement=UNIT_TERAHASH_PER_SECOND,
        hashrate=True,
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
        hashrate=True,
        state_class=SensorStateClass.MEASUREMENT,
        suggested_display_precision=2,
        entity_category=EntityCategory.DIAGNOSTIC,
        value_fn=lambda data: data.expected_hashrate,
    ),
    AsicMinerSensorEntityDescription(
        key="percent_expected_hashrate",
        translation_key="percent_expected_hashrate",
        native_unit_of_measurement=PERCENTAGE,
        state_class=SensorStateClass.MEASUREMENT,
        suggested_display_precision=1,
        value_fn=lambda data: data.percent_expected_hashrate,
        exists_fn=lambda data: data.expected_hashrate is not None,
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
        key="power_limit",
        translation_key="power_limit",
        device_class=SensorDeviceClass.POWER,
        native_unit_of_measurement=UnitOfPower.WATT,
        state_class=SensorStateClass.MEASUREMENT,
        suggested_display_precision=0,
        entity_category=EntityCategory.DIAGNOSTIC,
        value_fn=lambda data: data.wattage_limit,
    ),
    AsicMinerSensorEntityDescription(
        key="efficiency",
        translation_key="efficiency",
        native_unit_of_measurement=UNIT_JOULE_PER_TERAHASH,
        efficiency=True,
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
        group=ENTITY_GROUP_FANS,
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
    AsicMinerSensorEntityDescription(
        key="errors",
        translation_key="errors",
        state_class=SensorStateClass.MEASUREMENT,
        entity_category=EntityCategory.DIAGNOSTIC,
        value_fn=lambda data: len(data.errors),
        # Every firmware reports its errors, if only as none.
        exists_fn=lambda data: True,
        attributes_fn=lambda data: {
            "errors": [{"code": error.code, "message": error.message} for error in data.errors]
        },
    ),
)


# Figures home miners (ESP-Miner, Avalon) report beyond the common ones; each exists only
# where the firmware reports it.
HOME_MINER_SENSORS: tuple[AsicMinerSensorEntityDescription, ...] = (
    AsicMinerSensorEntityDescription(
        key="outlet_temperature",
        translation_key="outlet_temperature",
        device_class=SensorDeviceClass.TEMPERATURE,
        native_unit_of_measurement=UnitOfTemperature.CELSIUS,
        state_class=SensorStateClass.MEASUREMENT,
        suggested_display_precision=1,
        value_fn=lambda data: data.outlet_temp,
    ),
    AsicMinerSensorEntityDescription(
        key="vr_temperature",
        translation_key="vr_temperature",
        device_class=SensorDeviceClass.TEMPERATURE,
        native_unit_of_measurement=UnitOfTemperature.CELSIUS,
        state_class=SensorStateClass.MEASUREMENT,
        suggested_display_precision=1,
        value_fn=lambda data: data.vr_temp,
    ),
    AsicMinerSensorEntityDescription(
        key="fan_duty",
        translation_key="fan_duty",
        native_unit_of_measurement=PERCENTAGE,
        state_class=SensorStateClass.MEASUREMENT,
        entity_category=EntityCategory.DIAGNOSTIC,
        value_fn=lambda data: data.fan_percent,
        group=ENTITY_GROUP_FANS,
    ),
    AsicMinerSensorEntityDescription(
        key="frequency",
        translation_key="frequency",
        device_class=SensorDeviceClass.FREQUENCY,
        native_unit_of_measurement=UnitOfFrequency.MEGAHERTZ,
        state_class=SensorStateClass.MEASUREMENT,
        entity_category=EntityCategory.DIAGNOSTIC,
        value_fn=lambda data: data.frequency,
    ),
    AsicMinerSensorEntityDescription(
        key="core_voltage",
        translation_key="core_voltage",
        device_class=SensorDeviceClass.VOLTAGE,
        native_unit_of_measurement=UNIT_MILLIVOLT,
        state_class=SensorStateClass.MEASUREMENT,
        entity_category=EntityCategory.DIAGNOSTIC,
        value_fn=lambda data: data.core_voltage,
    ),
    AsicMinerSensorEntityDescription(
        key="core_voltage_actual",
        translation_key="core_voltage_actual",
        device_class=SensorDeviceClass.VOLTAGE,
        native_unit_of_measurement=UNIT_MILLIVOLT,
        state_class=SensorStateClass.MEASUREMENT,
        entity_category=EntityCategory.DIAGNOSTIC,
        value_fn=lambda data: data.core_voltage_actual,
    ),
    AsicMinerSensorEntityDescription(
        key="input_voltage",
        translation_key="input_voltage",
        device_class=SensorDeviceClass.VOLTAGE,
        native_unit_of_measurement=UnitOfElectricPotential.VOLT,
        state_class=SensorStateClass.MEASUREMENT,
        suggested_display_precision=2,
        entity_category=EntityCategory.DIAGNOSTIC,
        value_fn=lambda data: data.input_voltage,
    ),
    AsicMinerSensorEntityDescription(
        key="input_current",
        translation_key="input_current",
        device_class=SensorDeviceClass.CURRENT,
        native_unit_of_measurement=UnitOfElectricCurrent.AMPERE,
        state_class=SensorStateClass.MEASUREMENT,
        suggested_display_precision=2,
        entity_category=EntityCategory.DIAGNOSTIC,
        value_fn=lambda data: data.input_current,
    ),
    AsicMinerSensorEntityDescription(
        key="best_difficulty",
        translation_key="best_difficulty",
        state_class=SensorStateClass.TOTAL_INCREASING,
        value_fn=lambda data: data.best_difficulty,
    ),
    AsicMinerSensorEntityDescription(
        key="best_session_difficulty",
        translation_key="best_session_difficulty",
        state_class=SensorStateClass.MEASUREMENT,
        value_fn=lambda data: data.best_session_difficulty,
    ),
    AsicMinerSensorEntityDescription(
        key="blocks_found",
        translation_key="blocks_found",
        state_class=SensorStateClass.TOTAL_INCREASING,
        value_fn=lambda data: data.blocks_found,
    ),
    AsicMinerSensorEntityDescription(
        key="wifi_signal",
        translation_key="wifi_signal",
        device_class=SensorDeviceClass.SIGNAL_STRENGTH,
        native_unit_of_measurement=SIGNAL_STRENGTH_DECIBELS_MILLIWATT,
        state_class=SensorStateClass.MEASUREMENT,
        entity_category=EntityCategory.DIAGNOSTIC,
        entity_registry_enabled_default=False,
        value_fn=lambda data: data.wifi_rssi,
    ),
    AsicMinerSensorEntityDescription(
        key="board_version",
        translation_key="board_version",
        entity_category=EntityCategory.DIAGNOSTIC,
        value_fn=lambda data: data.board_version,
    ),
)

# Aftermarket firmware's own figures (Braiins OS tuner, VNish on hydro models).
TUNING_SENSORS: tuple[AsicMinerSensorEntityDescription, ...] = (
    AsicMinerSensorEntityDescription(
        key="tuner_state",
        translation_key="tuner_state",
        entity_category=EntityCategory.DIAGNOSTIC,
        value_fn=lambda data: data.tuner_state,
    ),
    AsicMinerSensorEntityDescription(
        key="water_inlet_temperature",
        translation_key="water_inlet_temperature",
        device_class=SensorDeviceClass.TEMPERATURE,
        native_unit_of_measurement=UnitOfTemperature.CELSIUS,
        state_class=SensorStateClass.MEASUREMENT,
        suggested_display_precision=1,
        value_fn=lambda data: data.water_inlet_temp,
    ),
    AsicMinerSensorEntityDescription(
        key="water_outlet_temperature",
        translation_key="water_outlet_temperature",
        device_class=SensorDeviceClass.TEMPERATURE,
        native_unit_of_measurement=UnitOfTemperature.CELSIUS,
        state_class=SensorStateClass.MEASUREMENT,
        suggested_display_precision=1,
        value_fn=lambda data: data.water_outlet_temp,
    ),
)


def _average(window: str) -> Callable[[MinerData], StateType]:
    return lambda data: data.hashrate_averages.get(window)


# The firmware's moving averages of the hashrate, by window ("1h"), each where it keeps one.
HASHRATE_AVERAGE_SENSORS: tuple[AsicMinerSensorEntityDescription, ...] = (
    AsicMinerSensorEntityDescription(
        key="hashrate_1m",
        translation_key="hashrate_1m",
        native_unit_of_measurement=UNIT_TERAHASH_PER_SECOND,
        state_class=SensorStateClass.MEASUREMENT,
        suggested_display_precision=2,
        hashrate=True,
        value_fn=_average("1m"),
    ),
    AsicMinerSensorEntityDescription(
        key="hashrate_5m",
        translation_key="hashrate_5m",
        native_unit_of_measurement=UNIT_TERAHASH_PER_SECOND,
        state_class=SensorStateClass.MEASUREMENT,
        suggested_display_precision=2,
        hashrate=True,
        value_fn=_average("5m"),
    ),
    AsicMinerSensorEntityDescription(
        key="hashrate_10m",
        translation_key="hashrate_10m",
        native_unit_of_measurement=UNIT_TERAHASH_PER_SECOND,
        state_class=SensorStateClass.MEASUREMENT,
        suggested_display_precision=2,
        hashrate=True,
        value_fn=_average("10m"),
    ),
    AsicMinerSensorEntityDescription(
        key="hashrate_15m",
        translation_key="hashrate_15m",
        native_unit_of_measurement=UNIT_TERAHASH_PER_SECOND,
        state_class=SensorStateClass.MEASUREMENT,
        suggested_display_precision=2,
        hashrate=True,
        value_fn=_average("15m"),
    ),
    AsicMinerSensorEntityDescription(
        key="hashrate_1h",
        translation_key="hashrate_1h",
        native_unit_of_measurement=UNIT_TERAHASH_PER_SECOND,
        state_class=SensorStateClass.MEASUREMENT,
        suggested_display_precision=2,
        hashrate=True,
        value_fn=_average("1h"),
    ),
    AsicMinerSensorEntityDescription(
        key="hashrate_1d",
        translation_key="hashrate_1d",
        native_unit_of_measurement=UNIT_TERAHASH_PER_SECOND,
        state_class=SensorStateClass.MEASUREMENT,
        suggested_display_precision=2,
        hashrate=True,
        value_fn=_average("1d"),
    ),
)


def _active_pool(data: MinerData) -> Pool | None:
    return next((pool for pool in data.pools if pool.active), None)


def _active_pool_url(data: MinerData) -> StateType:
    pool = _active_pool(data)
    if pool is None or not pool.url:
        return None
    # Pool URLs may carry a login (stratum+tcp://worker:password@host): never shown.
    return url_without_credentials(pool.url)


def _shares(
    read: Callable[[Pool], int | None], own: Callable[[MinerData], int | None]
) -> Callable[[MinerData], StateType]:
    """The miner's own share count where it keeps one (ESP-Miner), else the pools' sum."""

    def total(data: MinerData) -> StateType:
        if (count := own(data)) is not None:
            return count
        counts = [count for pool in data.pools if (count := read(pool)) is not None]
        return sum(counts) if counts else None

    return total


POOL_SENSORS: tuple[AsicMinerSensorEntityDescription, ...] = (
    AsicMinerSensorEntityDescription(
        key="active_pool",
        translation_key="active_pool",
        entity_category=EntityCategory.DIAGNOSTIC,
        value_fn=_active_pool_url,
        exists_fn=lambda data: bool(data.pools),
        group=ENTITY_GROUP_POOLS,
    ),
    AsicMinerSensorEntityDescription(
        key="accepted_shares",
        translation_key="accepted_shares",
        state_class=SensorStateClass.TOTAL_INCREASING,
        value_fn=_shares(lambda pool: pool.accepted, lambda data: data.shares_accepted),
        group=ENTITY_GROUP_POOLS,
    ),
    AsicMinerSensorEntityDescription(
        key="rejected_shares",
        translation_key="rejected_shares",
        state_class=SensorStateClass.TOTAL_INCREASING,
        value_fn=_shares(lambda pool: pool.rejected, lambda data: data.shares_rejected),
        attributes_fn=lambda data: (
            {"reasons": dict(data.share_rejections)} if data.share_rejections else None
        ),
        group=ENTITY_GROUP_POOLS,
    ),
)

# Power integrated over time: the miner's device in the Energy dashboard.
ENERGY = AsicMinerSensorEntityDescription(
    key="energy",
    device_class=SensorDeviceClass.ENERGY,
    native_unit_of_measurement=UnitOfEnergy.KILO_WATT_HOUR,
    state_class=SensorStateClass.TOTAL_INCREASING,
    suggested_display_precision=2,
    value_fn=lambda data: None,  # the sensor keeps its own total
    exists_fn=lambda data: data.wattage is not None,
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
            hashrate=True,
            state_class=SensorStateClass.MEASUREMENT,
            suggested_display_precision=2,
            value_fn=_board_value(slot, lambda board: board.hashrate),
            group=ENTITY_GROUP_BOARDS,
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
            group=ENTITY_GROUP_BOARDS,
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
            group=ENTITY_GROUP_BOARDS,
        ),
        AsicMinerSensorEntityDescription(
            key=f"board_{slot}_inlet_temperature",
            translation_key="board_inlet_temperature",
            translation_placeholders=placeholders,
            device_class=SensorDeviceClass.TEMPERATURE,
            native_unit_of_measurement=UnitOfTemperature.CELSIUS,
            state_class=SensorStateClass.MEASUREMENT,
            suggested_display_precision=1,
            value_fn=_board_value(slot, lambda board: board.inlet_temp),
            group=ENTITY_GROUP_BOARDS,
        ),
        AsicMinerSensorEntityDescription(
            key=f"board_{slot}_outlet_temperature",
            translation_key="board_outlet_temperature",
            translation_placeholders=placeholders,
            device_class=SensorDeviceClass.TEMPERATURE,
            native_unit_of_measurement=UnitOfTemperature.CELSIUS,
            state_class=SensorStateClass.MEASUREMENT,
            suggested_display_precision=1,
            value_fn=_board_value(slot, lambda board: board.outlet_temp),
            group=ENTITY_GROUP_BOARDS,
        ),
        AsicMinerSensorEntityDescription(
            key=f"board_{slot}_chips",
            translation_key="board_chips",
            translation_placeholders=placeholders,
            state_class=SensorStateClass.MEASUREMENT,
            entity_category=EntityCategory.DIAGNOSTIC,
            entity_registry_enabled_default=False,
            value_fn=_board_value(slot, lambda board: board.chips),
            # The chips the board should have: fewer working ones is a problem.
            attributes_fn=lambda data: (
                None
                if (board := _board(data, slot)) is None
                else {"expected_chips": board.expected_chips}
            ),
            group=ENTITY_GROUP_BOARDS,
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
        group=ENTITY_GROUP_FANS,
    )


def sensor_descriptions(
    data: MinerData, options: Mapping[str, Any]
) -> Iterable[AsicMinerSensorEntityDescription]:
    """Every sensor this poll may have a value for, of the groups the options want."""
    descriptions = [
        *MINER_SENSORS,
        *HASHRATE_AVERAGE_SENSORS,
        *HOME_MINER_SENSORS,
        *TUNING_SENSORS,
        *POOL_SENSORS,
        ENERGY,
    ]
    for board in data.hashboards:
        if not board.missing:
            descriptions.extend(board_sensors(board.slot))
    descriptions.extend(fan_sensor(index) for index in range(len(data.fans)))
    return (
        description
        for description in descriptions
        if description.group is None or entity_group_enabled(options, description.group)
    )


async def async_setup_entry(
    hass: HomeAssistant,
    entry: AsicMinerConfigEntry,
    async_add_entities: AddConfigEntryEntitiesCallback,
) -> None:
    """Add the sensors the miner reports, and those of boards and fans that appear later."""
    if is_fleet(entry):
        from .fleet.sensor import async_setup_fleet_sensors

        async_setup_fleet_sensors(entry, async_add_entities)
        return
    coordinator = entry.runtime_data
    _remove_switched_off_groups(hass, entry)
    added: set[str] = set()

    @callback
    def add_new_sensors() -> None:
        if not coordinator.last_update_success:
            return
        new = [
            description
            for description in sensor_descriptions(coordinator.data, entry.options)
            if description.key not in added and description.exists(coordinator.data)
        ]
        added.update(description.key for description in new)
        async_add_entities(
            AsicMinerEnergySensor(coordinator, description)
            if description is ENERGY
            else AsicMinerSensor(coordinator, description)
            for description in new
        )

    add_new_sensors()
    entry.async_on_unload(coordinator.async_add_listener(add_new_sensors))


def group_of_key(key: str) -> str | None:
    """The option group of the sensor with this key, None for the miner's own."""
    if key.startswith("board_"):
        return ENTITY_GROUP_BOARDS
    if key.startswith("fan_") or key == "psu_fan_speed":  # fan_duty too
        return ENTITY_GROUP_FANS
    if any(key == description.key for description in POOL_SENSORS):
        return ENTITY_GROUP_POOLS
    return None


def _remove_switched_off_groups(hass: HomeAssistant, entry: AsicMinerConfigEntry) -> None:
    """Delete the sensors of groups the options switched off (they would linger)."""
    registry = er.async_get(hass)
    prefix = f"{entry.unique_id}_"
    for entity in er.async_entries_for_config_entry(registry, entry.entry_id):
        group = group_of_key(entity.unique_id.removeprefix(prefix))
        if (
            entity.domain == SENSOR_DOMAIN
            and group is not None
            and not entity_group_enabled(entry.options, group)
        ):
            registry.async_remove(entity.entity_id)


class AsicMinerSensor(AsicMinerEntity, SensorEntity):
    """A sensor of one miner."""

    entity_description: AsicMinerSensorEntityDescription
    _rate_unit: RateUnit | None = None  # a hashrate's, or what an efficiency is per

    def __init__(
        self, coordinator: AsicMinerCoordinator, description: AsicMinerSensorEntityDescription
    ) -> None:
        super().__init__(coordinator, description)
        if description.hashrate:
            self._rate_unit = rate_unit(coordinator.miner, coordinator.data)
            self._attr_native_unit_of_measurement = self._rate_unit.symbol
        elif description.efficiency:
            self._rate_unit = efficiency_unit(coordinator.data)
            self._attr_native_unit_of_measurement = efficiency_symbol(self._rate_unit)
            if self._rate_unit.per_tera > 1:  # an L7's 0.36 J/MH needs its hundredths
                self._attr_suggested_display_precision = 2

    @property
    def native_value(self) -> StateType:
        value = self.entity_description.value_fn(self.coordinator.data)
        if self._rate_unit is None or not isinstance(value, int | float):
            return value
        if self.entity_description.efficiency:  # W per TH/s -> W per the unit
            return value / self._rate_unit.per_tera
        return self._rate_unit.to_unit(value)

    @property
    def extra_state_attributes(self) -> Mapping[str, Any] | None:
        if self.entity_description.attributes_fn is None:
            return None
        return self.entity_description.attributes_fn(self.coordinator.data)


# A gap between two readings longer than three polls (and this) is not integrated: what
# the miner drew meanwhile is unknown. A failed poll forgets the last reading anyway.
MIN_ENERGY_GAP_LIMIT = timedelta(minutes=10)


class EnergySensor[CoordinatorT: DataUpdateCoordinator[Any]](RestoreSensor):
    """Energy: a power integrated over time, reading by reading (power/energy.py), the
    total restored after a restart and only growing. Subclasses say what draws now.

    Listed before the entity base of its subclasses, so that its coordinator update runs.
    """

    coordinator: CoordinatorT
    _attr_native_value = 0.0
    _total: EnergyTotal

    def _watts(self) -> float | None:
        raise NotImplementedError

    @override
    async def async_added_to_hass(self) -> None:
        await super().async_added_to_hass()
        self._total = EnergyTotal()
        last = await self.async_get_last_sensor_data()
        if last is not None and last.native_value is not None:
            with suppress(ValueError):
                self._total.restore(float(str(last.native_value)))
        self._take_reading()

    def _take_reading(self) -> None:
        # A gap longer than three updates (and MIN_ENERGY_GAP_LIMIT) is not integrated.
        interval = self.coordinator.update_interval or MIN_ENERGY_GAP_LIMIT
        limit = max(MIN_ENERGY_GAP_LIMIT, 3 * interval)
        self._attr_native_value = round(self._total.add(dt_util.utcnow(), self._watts(), limit), 6)

    @callback
    def _handle_coordinator_update(self) -> None:
        self._take_reading()
        # The coordinator entity's, next in the subclasses' order (unknown to this class).
        super()._handle_coordinator_update()  # type: ignore[misc]


class AsicMinerEnergySensor(EnergySensor[AsicMinerCoordinator], AsicMinerEntity):
    """Energy the miner has used, poll by poll."""

    entity_description: AsicMinerSensorEntityDescription

    def _watts(self) -> float | None:
        return self.coordinator.data.wattage if self.coordinator.last_update_success else None
