"""Sensors of a modern and an old Antminer."""

from __future__ import annotations

import pytest
from homeassistant.const import Platform
from homeassistant.core import HomeAssistant
from homeassistant.helpers import entity_registry as er
from pytest_homeassistant_custom_component.common import MockConfigEntry, snapshot_platform
from syrupy.assertion import SnapshotAssertion

from tests.simulator import SimulatedMiner


@pytest.fixture
def platforms() -> list[Platform]:
    return [Platform.SENSOR]


@pytest.mark.usefixtures("entity_registry_enabled_by_default")
async def test_s19pro_sensors(
    hass: HomeAssistant,
    s19pro_entry: MockConfigEntry,
    entity_registry: er.EntityRegistry,
    snapshot: SnapshotAssertion,
) -> None:
    await snapshot_platform(hass, entity_registry, snapshot, s19pro_entry.entry_id)


@pytest.mark.usefixtures("entity_registry_enabled_by_default")
async def test_s9_sensors(
    hass: HomeAssistant,
    s9_entry: MockConfigEntry,
    entity_registry: er.EntityRegistry,
    snapshot: SnapshotAssertion,
) -> None:
    await snapshot_platform(hass, entity_registry, snapshot, s9_entry.entry_id)


async def test_values_follow_the_miner(
    hass: HomeAssistant, s19pro: SimulatedMiner, s19pro_entry: MockConfigEntry
) -> None:
    state = hass.states.get("sensor.antminer_s19_pro_hashrate")
    assert float(state.state) == pytest.approx(s19pro.hashrate_ths, rel=0.02)
    assert state.attributes["unit_of_measurement"] == "TH/s"
    expected = hass.states.get("sensor.antminer_s19_pro_expected_hashrate")
    assert float(expected.state) == pytest.approx(s19pro.expected_hashrate_ths, rel=0.02)


async def test_noisy_sensors_disabled_by_default(
    hass: HomeAssistant, s19pro_entry: MockConfigEntry, entity_registry: er.EntityRegistry
) -> None:
    for entity_id in ("sensor.antminer_s19_pro_uptime", "sensor.antminer_s19_pro_board_1_chips"):
        entry = entity_registry.async_get(entity_id)
        assert entry is not None
        assert entry.disabled_by is er.RegistryEntryDisabler.INTEGRATION
        assert hass.states.get(entity_id) is None
