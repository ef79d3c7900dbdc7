"""The power mode select: only where the firmware has preset modes (Whatsminer)."""

from __future__ import annotations

import pytest
from homeassistant.const import Platform
from homeassistant.core import HomeAssistant
from homeassistant.helpers import entity_registry as er
from pytest_homeassistant_custom_component.common import snapshot_platform
from syrupy.assertion import SnapshotAssertion

from .conftest import SimFactory
from .miners import FAMILIES, S9, S19PRO, Family, set_up_family

SELECT = [Platform.SELECT]


@pytest.mark.parametrize("family", ["m50s", "m60s"])  # Antminer stock has none
@pytest.mark.usefixtures("entity_registry_enabled_by_default")
async def test_selects(
    hass: HomeAssistant,
    start_sim: SimFactory,
    family: str,
    entity_registry: er.EntityRegistry,
    snapshot: SnapshotAssertion,
) -> None:
    miner = await set_up_family(hass, start_sim, FAMILIES[family], SELECT)
    await snapshot_platform(hass, entity_registry, snapshot, miner.entry.entry_id)


@pytest.mark.parametrize("family", [S19PRO, S9], ids=["modern", "old"])
async def test_no_power_mode_on_antminer_stock(
    hass: HomeAssistant, start_sim: SimFactory, family: Family
) -> None:
    miner = await set_up_family(hass, start_sim, family, SELECT)
    assert hass.states.get(miner.entity("select", "power_mode")) is None
