"""The options flow: poll interval and optional entity groups (127.0.11.x)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from homeassistant.config_entries import ConfigEntryState
from homeassistant.const import Platform
from homeassistant.core import HomeAssistant
from homeassistant.data_entry_flow import FlowResultType, InvalidData

from custom_components.asic_miner.const import (
    CONF_ENTITY_GROUPS,
    CONF_ROOM_SENSOR,
    CONF_SCAN_INTERVAL,
    DEFAULT_ENTITY_GROUPS,
    DEFAULT_SCAN_INTERVAL,
)

from .conftest import SimFactory, entry_for, setup_entry

HOST = "127.0.11.90"


def _suggested(result: dict) -> dict:
    return {
        key.schema: (key.description or {}).get("suggested_value")
        for key in result["data_schema"].schema
    }


async def test_options(hass: HomeAssistant, start_sim: SimFactory) -> None:
    """Defaults first; a change is stored, reloads the entry and sets the poll interval."""
    sim = await start_sim("antminer-s19pro", HOST)
    entry = await setup_entry(hass, entry_for(sim, HOST), [Platform.SENSOR])
    assert entry.runtime_data.update_interval == timedelta(seconds=DEFAULT_SCAN_INTERVAL)
    first = entry.runtime_data

    result = await hass.config_entries.options.async_init(entry.entry_id)
    assert result["type"] is FlowResultType.FORM
    assert result["step_id"] == "init"
    assert _suggested(result) == {
        CONF_SCAN_INTERVAL: 30,
        CONF_ENTITY_GROUPS: ["boards", "fans", "pools"],
        CONF_ROOM_SENSOR: None,  # no heater (tests/integration/test_heater.py)
    }
    assert list(DEFAULT_ENTITY_GROUPS) == ["boards", "fans", "pools"]

    result = await hass.config_entries.options.async_configure(
        result["flow_id"], {CONF_SCAN_INTERVAL: 60.0, CONF_ENTITY_GROUPS: ["fans", "boards"]}
    )
    assert result["type"] is FlowResultType.CREATE_ENTRY
    await hass.async_block_till_done()

    assert entry.options == {CONF_SCAN_INTERVAL: 60, CONF_ENTITY_GROUPS: ["boards", "fans"]}
    assert entry.state is ConfigEntryState.LOADED
    assert entry.runtime_data is not first  # reloaded
    assert entry.runtime_data.update_interval == timedelta(seconds=60)

    # Shown again with the stored values.
    result = await hass.config_entries.options.async_init(entry.entry_id)
    assert _suggested(result) == {
        CONF_SCAN_INTERVAL: 60,
        CONF_ENTITY_GROUPS: ["boards", "fans"],
        CONF_ROOM_SENSOR: None,
    }
    result = await hass.config_entries.options.async_configure(
        result["flow_id"], {CONF_SCAN_INTERVAL: 600, CONF_ENTITY_GROUPS: []}
    )
    await hass.async_block_till_done()
    assert entry.options == {CONF_SCAN_INTERVAL: 600, CONF_ENTITY_GROUPS: []}
    await hass.config_entries.async_unload(entry.entry_id)


@pytest.mark.parametrize("seconds", [5, 601])
async def test_interval_bounds(hass: HomeAssistant, start_sim: SimFactory, seconds: int) -> None:
    sim = await start_sim("antminer-s19pro", HOST)
    entry = entry_for(sim, HOST)
    entry.add_to_hass(hass)

    result = await hass.config_entries.options.async_init(entry.entry_id)
    with pytest.raises(InvalidData):
        await hass.config_entries.options.async_configure(
            result["flow_id"], {CONF_SCAN_INTERVAL: seconds, CONF_ENTITY_GROUPS: []}
        )


async def test_unknown_group_refused(hass: HomeAssistant, start_sim: SimFactory) -> None:
    sim = await start_sim("antminer-s19pro", HOST)
    entry = entry_for(sim, HOST)
    entry.add_to_hass(hass)

    result = await hass.config_entries.options.async_init(entry.entry_id)
    with pytest.raises(InvalidData):
        await hass.config_entries.options.async_configure(
            result["flow_id"], {CONF_SCAN_INTERVAL: 30, CONF_ENTITY_GROUPS: ["psu"]}
        )
