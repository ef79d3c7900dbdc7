"""What a person does in the config flow, and finding an entry's entities by their key: for
the tests of one family (the newer makes' tests, with family_steps.py; the older family
tests keep their own copies)."""

from __future__ import annotations

from typing import Any

from homeassistant.config_entries import SOURCE_USER, ConfigEntry
from homeassistant.const import CONF_HOST
from homeassistant.core import HomeAssistant, State
from homeassistant.data_entry_flow import FlowResultType
from homeassistant.helpers import entity_registry as er

from custom_components.asic_miner.const import DOMAIN


async def manual_step(hass: HomeAssistant, host: str) -> dict[str, Any]:
    """The flow's manual step given ``host``: the step after it (the entry, or a form)."""
    result = await hass.config_entries.flow.async_init(DOMAIN, context={"source": SOURCE_USER})
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {"next_step_id": "manual"}
    )
    return await hass.config_entries.flow.async_configure(result["flow_id"], {CONF_HOST: host})


async def add_by_address(hass: HomeAssistant, host: str) -> ConfigEntry:
    """The miner at ``host`` added from the flow's manual step, with no login asked."""
    result = await manual_step(hass, host)
    assert result["type"] is FlowResultType.CREATE_ENTRY, result
    await hass.async_block_till_done()
    entry: ConfigEntry = result["result"]
    return entry


async def scan_for(hass: HomeAssistant, targets: str) -> dict[str, Any]:
    """The flow's scan of ``targets``, up to the step after it (the pick of the miners)."""
    result = await hass.config_entries.flow.async_init(DOMAIN, context={"source": SOURCE_USER})
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {"next_step_id": "scan"}
    )
    result = await hass.config_entries.flow.async_configure(result["flow_id"], {"targets": targets})
    assert result["type"] is FlowResultType.SHOW_PROGRESS
    await hass.async_block_till_done()
    return await hass.config_entries.flow.async_configure(result["flow_id"])


def entity_id_of(hass: HomeAssistant, entry: ConfigEntry, domain: str, key: str) -> str:
    unique_id = f"{entry.unique_id}_{key}"
    entity_id = er.async_get(hass).async_get_entity_id(domain, DOMAIN, unique_id)
    assert entity_id is not None, (domain, unique_id)
    return entity_id


def state_of(hass: HomeAssistant, entry: ConfigEntry, domain: str, key: str) -> State:
    state = hass.states.get(entity_id_of(hass, entry, domain, key))
    assert state is not None, key
    return state
