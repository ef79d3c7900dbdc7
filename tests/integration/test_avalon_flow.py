"""Adding Avalons by address (no login asked: reads need none), and an Avalon going
offline and coming back."""

from __future__ import annotations

from dataclasses import replace

import pytest
from freezegun.api import FrozenDateTimeFactory
from homeassistant.config_entries import SOURCE_USER, ConfigEntryState, ConfigFlowResult
from homeassistant.const import CONF_HOST, STATE_UNAVAILABLE
from homeassistant.core import HomeAssistant
from homeassistant.data_entry_flow import FlowResultType
from homeassistant.helpers import entity_registry as er
from homeassistant.helpers.device_registry import format_mac

from custom_components.asic_miner.const import DOMAIN

from .conftest import SimFactory
from .miners import poll
from .test_avalon_entities import AVALONS, set_up_avalon, start_avalon

# This module's addresses: 127.0.56.10 upwards.
FLOW_AVALONS = {
    key: replace(model, host=f"127.0.56.{10 + n}") for n, (key, model) in enumerate(AVALONS.items())
}


async def _manual_flow(hass: HomeAssistant, host: str) -> ConfigFlowResult:
    result = await hass.config_entries.flow.async_init(DOMAIN, context={"source": SOURCE_USER})
    assert result["type"] is FlowResultType.MENU
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {"next_step_id": "manual"}
    )
    assert result["step_id"] == "manual"
    return await hass.config_entries.flow.async_configure(result["flow_id"], {CONF_HOST: host})


def _state(hass: HomeAssistant, entity_id: str) -> str:
    state = hass.states.get(entity_id)
    assert state is not None, entity_id
    return state.state


@pytest.mark.parametrize("avalon", sorted(FLOW_AVALONS))
async def test_manual_add(hass: HomeAssistant, start_sim: SimFactory, avalon: str) -> None:
    """The address is all it takes: no login form, and none stored."""
    model = FLOW_AVALONS[avalon]
    sim = await start_avalon(start_sim, model)

    result = await _manual_flow(hass, f" {model.host} ")

    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert result["title"] == model.title
    assert result["data"] == {CONF_HOST: model.host}
    entry = result["result"]
    assert entry.unique_id == format_mac(sim.mac)
    await hass.async_block_till_done()
    assert entry.state is ConfigEntryState.LOADED
    hashrate = hass.states.get(model.entity("sensor", "hashrate"))
    assert hashrate is not None
    assert float(hashrate.state) == pytest.approx(sim.hashrate_ths, rel=1e-3)


async def test_manual_add_with_changed_web_password(
    hass: HomeAssistant, start_sim: SimFactory
) -> None:
    """A web password of the user's own does not stop the miner being added: reads need
    no login (setpool asks for it when it is used)."""
    model = FLOW_AVALONS["mini3"]
    await start_avalon(start_sim, model, password="my-own-web-pass")

    result = await _manual_flow(hass, model.host)

    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert result["data"] == {CONF_HOST: model.host}


async def test_manual_add_already_configured(hass: HomeAssistant, start_sim: SimFactory) -> None:
    model = FLOW_AVALONS["q"]
    await set_up_avalon(hass, start_sim, model)

    result = await _manual_flow(hass, model.host)

    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "already_configured"


@pytest.mark.parametrize("avalon", sorted(AVALONS))
async def test_offline_and_back(
    hass: HomeAssistant,
    start_sim: SimFactory,
    freezer: FrozenDateTimeFactory,
    caplog: pytest.LogCaptureFixture,
    avalon: str,
) -> None:
    """Gone: every entity unavailable (never a stale value); back: readings again."""
    miner = await set_up_avalon(hass, start_sim, AVALONS[avalon])
    entity_ids = [
        entity.entity_id
        for entity in er.async_entries_for_config_entry(er.async_get(hass), miner.entry.entry_id)
        if hass.states.get(entity.entity_id) is not None
    ]
    assert entity_ids
    assert all(_state(hass, e) != STATE_UNAVAILABLE for e in entity_ids)

    await miner.sim.go_offline()
    await poll(hass, freezer)
    await poll(hass, freezer)

    assert {_state(hass, e) for e in entity_ids} == {STATE_UNAVAILABLE}
    gone = [r for r in caplog.records if miner.model.host in r.getMessage()]
    assert len([r for r in gone if r.levelname in ("WARNING", "ERROR")]) == 1  # said once

    await miner.sim.come_back()
    await poll(hass, freezer)

    assert all(_state(hass, e) != STATE_UNAVAILABLE for e in entity_ids)
    back = [r for r in caplog.records if miner.model.host in r.getMessage()][len(gone) :]
    assert len([r for r in back if "recovered" in r.getMessage()]) == 1
    hashrate = float(miner.state(hass, "sensor", "hashrate").state)
    assert hashrate == pytest.approx(miner.sim.hashrate_ths, rel=1e-3)
