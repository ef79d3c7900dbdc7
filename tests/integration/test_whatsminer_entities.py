"""Every entity of a Whatsminer M50S (API V2) and M60S (API V3), as snapshots."""

from __future__ import annotations

import pytest
from homeassistant.core import HomeAssistant
from homeassistant.helpers import device_registry as dr
from homeassistant.helpers import entity_registry as er
from pytest_homeassistant_custom_component.common import MockConfigEntry, snapshot_platform
from syrupy.assertion import SnapshotAssertion

from custom_components.asic_miner import PLATFORMS
from tests.simulator import SimulatedMiner

# A Whatsminer has no light or text setting: those platforms make no entity for it; nor
# climate, until its options name a room sensor for the heater (tests/integration/test_heater.py).
WHATSMINER_PLATFORMS = [p for p in PLATFORMS if p not in ("climate", "light", "text")]
ALL_PLATFORMS = pytest.mark.parametrize(
    "platforms",
    [[platform] for platform in WHATSMINER_PLATFORMS],
    ids=lambda platforms: str(platforms[0]),
)


@ALL_PLATFORMS
@pytest.mark.usefixtures("entity_registry_enabled_by_default")
async def test_m50s_entities(
    hass: HomeAssistant,
    m50s_entry: MockConfigEntry,
    entity_registry: er.EntityRegistry,
    snapshot: SnapshotAssertion,
) -> None:
    await snapshot_platform(hass, entity_registry, snapshot, m50s_entry.entry_id)


@ALL_PLATFORMS
@pytest.mark.usefixtures("entity_registry_enabled_by_default")
async def test_m60s_entities(
    hass: HomeAssistant,
    m60s_entry: MockConfigEntry,
    entity_registry: er.EntityRegistry,
    snapshot: SnapshotAssertion,
) -> None:
    await snapshot_platform(hass, entity_registry, snapshot, m60s_entry.entry_id)


async def test_values_follow_the_miner(
    hass: HomeAssistant, m50s: SimulatedMiner, m50s_entry: MockConfigEntry
) -> None:
    hashrate = hass.states.get("sensor.whatsminer_m50s_hashrate")
    assert float(hashrate.state) == pytest.approx(m50s.hashrate_ths, rel=0.02)
    power = hass.states.get("sensor.whatsminer_m50s_power")
    assert power.attributes["unit_of_measurement"] == "W"
    assert power.attributes["device_class"] == "power"
    assert power.attributes["state_class"] == "measurement"  # the Energy dashboard takes it
    efficiency = hass.states.get("sensor.whatsminer_m50s_efficiency")
    assert float(efficiency.state) == pytest.approx(
        float(power.state) / float(hashrate.state), rel=0.01
    )


async def test_device(
    hass: HomeAssistant,
    m60s: SimulatedMiner,
    m60s_entry: MockConfigEntry,
    device_registry: dr.DeviceRegistry,
) -> None:
    device = device_registry.async_get_device_by_connection(
        (dr.CONNECTION_NETWORK_MAC, dr.format_mac(m60s.mac)), m60s_entry.entry_id
    )
    assert device is not None
    assert device.manufacturer == "Whatsminer"
    assert device.model is not None
    assert device.model.startswith("M60S")
    assert device.serial_number == m60s.serial_number
