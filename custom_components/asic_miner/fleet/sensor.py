"""A fleet's sensors: its sums, its energy, the budget it spends and the plan."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from homeassistant.components.sensor import (
    SensorDeviceClass,
    SensorEntity,
    SensorEntityDescription,
    SensorStateClass,
)
from homeassistant.config_entries import ConfigEntry
from homeassistant.const import UnitOfEnergy, UnitOfPower
from homeassistant.core import callback
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback
from homeassistant.helpers.typing import StateType

from ..driver import Algorithm
from ..hashrate_units import efficiency_symbol
from ..sensor import EnergySensor
from .coordinator import FleetCoordinator, FleetData
from .entity import FleetEntity


def plan_attribute(data: FleetData) -> list[dict[str, Any]] | None:
    """Each member's target and why, as the budget sensor's ``plan`` attribute."""
    if data.plan is None:
        return None
    return [
        {
            "miner": entry.name,
            "action": str(entry.action),
            "target_w": entry.target_w,
            "reason": str(entry.reason),
        }
        for entry in data.plan.entries
    ]


def _budget_attributes(data: FleetData) -> dict[str, Any]:
    return {
        "source": data.budget_source,
        "planned_w": data.plan.planned_w if data.plan is not None else None,
        "price_allows_mining": data.mining_allowed,
        "plan": plan_attribute(data),
        "notes": list(data.notes),
    }


def _budget_value(data: FleetData) -> float | None:
    budget = data.budget_w
    return None if budget is None or budget == float("inf") else budget


@dataclass(frozen=True, kw_only=True)
class FleetSensorEntityDescription(SensorEntityDescription):
    value_fn: Callable[[FleetData], StateType]
    attributes_fn: Callable[[FleetData], Mapping[str, Any]] | None = None


FLEET_SENSORS: tuple[FleetSensorEntityDescription, ...] = (
    FleetSensorEntityDescription(
        key="hashrate",
        translation_key="hashrate",
        native_unit_of_measurement=Algorithm.SHA256.unit.symbol,
        state_class=SensorStateClass.MEASUREMENT,
        suggested_display_precision=2,
        value_fn=lambda data: data.totals.hashrate_ths,
    ),
    FleetSensorEntityDescription(
        key="power",
        device_class=SensorDeviceClass.POWER,
        native_unit_of_measurement=UnitOfPower.WATT,
        state_class=SensorStateClass.MEASUREMENT,
        suggested_display_precision=0,
        value_fn=lambda data: data.totals.power_w,
        attributes_fn=lambda data: {"estimated": list(data.totals.estimated_names)},
    ),
    FleetSensorEntityDescription(
        key="efficiency",
        translation_key="efficiency",
        native_unit_of_measurement="J/TH",
        state_class=SensorStateClass.MEASUREMENT,
        suggested_display_precision=1,
        value_fn=lambda data: data.totals.efficiency_j_th,
    ),
    FleetSensorEntityDescription(
        key="miners_mining",
        translation_key="miners_mining",
        state_class=SensorStateClass.MEASUREMENT,
        value_fn=lambda data: data.totals.mining,
        attributes_fn=lambda data: {"miners": list(data.totals.mining_names)},
    ),
    FleetSensorEntityDescription(
        key="miners",
        translation_key="miners",
        state_class=SensorStateClass.MEASUREMENT,
        value_fn=lambda data: data.totals.total,
        attributes_fn=lambda data: {
            "available": data.totals.available,
            "unavailable": list(data.totals.unavailable_names),
        },
    ),
    FleetSensorEntityDescription(
        key="budget_in_use",
        translation_key="budget_in_use",
        device_class=SensorDeviceClass.POWER,
        native_unit_of_measurement=UnitOfPower.WATT,
        state_class=SensorStateClass.MEASUREMENT,
        suggested_display_precision=0,
        value_fn=_budget_value,
        attributes_fn=_budget_attributes,
    ),
)

ENERGY = FleetSensorEntityDescription(
    key="energy",
    device_class=SensorDeviceClass.ENERGY,
    native_unit_of_measurement=UnitOfEnergy.KILO_WATT_HOUR,
    state_class=SensorStateClass.TOTAL_INCREASING,
    suggested_display_precision=3,
    value_fn=lambda data: None,
)


def _algorithm_key(algorithm: Algorithm) -> str:
    return algorithm.name.lower()  # "scrypt", "kheavyhash"


def rate_sensors(algorithm: Algorithm) -> tuple[FleetSensorEntityDescription, ...]:
    """The hashrate and efficiency of a fleet's miners of an algorithm besides SHA-256
    (the fleet's Hashrate and Efficiency are its SHA-256 miners'), in that coin's units."""
    unit, per = algorithm.unit, algorithm.efficiency_unit
    placeholders = {"algorithm": str(algorithm)}

    def rate(data: FleetData) -> float | None:
        found = data.totals.rates.get(algorithm)
        return (
            None
            if found is None or found.hashrate_ths is None
            else unit.to_unit(found.hashrate_ths)
        )

    def efficiency(data: FleetData) -> float | None:
        found = data.totals.rates.get(algorithm)
        if found is None or found.efficiency_j_th is None:
            return None
        return found.efficiency_j_th / per.per_tera

    return (
        FleetSensorEntityDescription(
            key=f"hashrate_{_algorithm_key(algorithm)}",
            translation_key="algorithm_hashrate",
            translation_placeholders=placeholders,
            native_unit_of_measurement=unit.symbol,
            state_class=SensorStateClass.MEASUREMENT,
            suggested_display_precision=2,
            value_fn=rate,
        ),
        FleetSensorEntityDescription(
            key=f"efficiency_{_algorithm_key(algorithm)}",
            translation_key="algorithm_efficiency",
            translation_placeholders=placeholders,
            native_unit_of_measurement=efficiency_symbol(per),
            state_class=SensorStateClass.MEASUREMENT,
            suggested_display_precision=2,
            value_fn=efficiency,
        ),
    )


def async_setup_fleet_sensors(
    entry: ConfigEntry, async_add_entities: AddConfigEntryEntitiesCallback
) -> None:
    coordinator: FleetCoordinator = entry.runtime_data
    entities: list[SensorEntity] = [
        FleetSensor(coordinator, description) for description in FLEET_SENSORS
    ]
    entities.append(FleetEnergySensor(coordinator, ENERGY))
    async_add_entities(entities)
    added: set[Algorithm] = {Algorithm.SHA256}

    @callback
    def add_algorithms() -> None:
        """A sensor pair for each other algorithm, once a member of it has answered."""
        if coordinator.data is None:
            return
        new = [algorithm for algorithm in coordinator.data.totals.rates if algorithm not in added]
        added.update(new)
        async_add_entities(
            FleetSensor(coordinator, description)
            for algorithm in new
            for description in rate_sensors(algorithm)
        )

    add_algorithms()
    entry.async_on_unload(coordinator.async_add_listener(add_algorithms))


class FleetSensor(FleetEntity, SensorEntity):
    entity_description: FleetSensorEntityDescription

    @property
    def native_value(self) -> StateType:
        return self.entity_description.value_fn(self.coordinator.data)

    @property
    def extra_state_attributes(self) -> Mapping[str, Any] | None:
        if self.entity_description.attributes_fn is None:
            return None
        return self.entity_description.attributes_fn(self.coordinator.data)


class FleetEnergySensor(EnergySensor[FleetCoordinator], FleetEntity):
    """Energy the members have used (kWh, for the Energy dashboard), tick by tick."""

    entity_description: FleetSensorEntityDescription

    def _watts(self) -> float | None:
        return self.coordinator.data.totals.power_w
