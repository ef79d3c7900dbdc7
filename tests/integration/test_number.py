"""The power limit exists only where the firmware takes one; stock Antminers do not."""

from __future__ import annotations

from homeassistant.core import HomeAssistant
from homeassistant.helpers import entity_registry as er
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.asic_miner.const import DEFAULT_MAX_POWER_LIMIT, DEFAULT_MIN_POWER_LIMIT
from custom_components.asic_miner.number import power_limit_range


async def test_no_power_limit_on_stock_firmware(
    hass: HomeAssistant, s19pro_entry: MockConfigEntry, entity_registry: er.EntityRegistry
) -> None:
    entities = er.async_entries_for_config_entry(entity_registry, s19pro_entry.entry_id)
    assert entities
    assert not [entity for entity in entities if entity.domain == "number"]


def test_power_limit_range_from_the_model_table() -> None:
    # The range the firmware takes (the driver refuses values outside it).
    assert power_limit_range("M50S_VH30", "Whatsminer") == (2000, 3600)
    assert power_limit_range("Whatsminer M63S", None) == (4000, 9600)
    assert power_limit_range("S19 Pro", "Antminer") == (3000, 3250)


def test_power_limit_range_of_an_unknown_model() -> None:
    assert power_limit_range("Z99 Ultra", "Antminer") == (
        DEFAULT_MIN_POWER_LIMIT,
        DEFAULT_MAX_POWER_LIMIT,
    )
    assert power_limit_range(None, None) == (DEFAULT_MIN_POWER_LIMIT, DEFAULT_MAX_POWER_LIMIT)
