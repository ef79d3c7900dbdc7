"""The power limit: only where the firmware takes one, with the model's bounds and a step."""

from __future__ import annotations

import pytest
from homeassistant.components.number import ATTR_VALUE, SERVICE_SET_VALUE
from homeassistant.components.number import DOMAIN as NUMBER_DOMAIN
from homeassistant.const import ATTR_ENTITY_ID, Platform
from homeassistant.core import HomeAssistant
from homeassistant.exceptions import HomeAssistantError
from homeassistant.helpers import entity_registry as er
from pytest_homeassistant_custom_component.common import snapshot_platform
from syrupy.assertion import SnapshotAssertion

from custom_components.asic_miner.const import DEFAULT_MAX_POWER_LIMIT, DEFAULT_MIN_POWER_LIMIT
from custom_components.asic_miner.power.levers import power_limit_range, power_limit_step
from tests.simulator import Fault

from .conftest import SimFactory
from .miners import FAMILIES, M50S, M56S, S19PRO, set_up_family

NUMBER = [Platform.NUMBER]


@pytest.mark.parametrize("family", ["m50s", "m60s"])  # Antminer stock has none
@pytest.mark.usefixtures("entity_registry_enabled_by_default")
async def test_numbers(
    hass: HomeAssistant,
    start_sim: SimFactory,
    family: str,
    entity_registry: er.EntityRegistry,
    snapshot: SnapshotAssertion,
) -> None:
    miner = await set_up_family(hass, start_sim, FAMILIES[family], NUMBER)
    await snapshot_platform(hass, entity_registry, snapshot, miner.entry.entry_id)


async def test_no_power_limit_on_stock_firmware(
    hass: HomeAssistant, start_sim: SimFactory, entity_registry: er.EntityRegistry
) -> None:
    miner = await set_up_family(hass, start_sim, S19PRO)
    entities = er.async_entries_for_config_entry(entity_registry, miner.entry.entry_id)
    assert entities
    assert not [entity for entity in entities if entity.domain == "number"]


async def test_step_follows_the_range(hass: HomeAssistant, start_sim: SimFactory) -> None:
    """Air-cooled: 10 W steps over its narrow range; hydro: 100 W over its wide one."""
    air = await set_up_family(hass, start_sim, M50S, NUMBER)
    assert hass.states.get(air.entity("number", "power_limit")).attributes["step"] == 10
    hydro = await set_up_family(hass, start_sim, M56S, NUMBER)
    state = hass.states.get(hydro.entity("number", "power_limit"))
    assert state.attributes["step"] == 100
    assert state.attributes["max"] - state.attributes["min"] > 2000


async def test_refused_write_raises(hass: HomeAssistant, start_sim: SimFactory) -> None:
    miner = await set_up_family(hass, start_sim, M50S, NUMBER)
    before = miner.sim.state.power_limit
    miner.sim.set_fault(Fault.WRONG_PASSWORD)
    with pytest.raises(HomeAssistantError):
        await hass.services.async_call(
            NUMBER_DOMAIN,
            SERVICE_SET_VALUE,
            {ATTR_ENTITY_ID: miner.entity("number", "power_limit"), ATTR_VALUE: 3000},
            blocking=True,
        )
    assert miner.sim.state.power_limit == before


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


def test_power_limit_step() -> None:
    assert power_limit_step(2000, 3600) == 10
    assert power_limit_step(4000, 9600) == 100
    assert power_limit_step(DEFAULT_MIN_POWER_LIMIT, DEFAULT_MAX_POWER_LIMIT) == 100
