"""Stock Antminers whose API port is off, or that answer only cgminer's plain-text form, in
Home Assistant (simulator quirks ``api-port-off`` and ``plain-text-only``). 127.0.27.x.
"""

from __future__ import annotations

import pytest
from freezegun.api import FrozenDateTimeFactory
from homeassistant.config_entries import SOURCE_USER, ConfigEntryState
from homeassistant.const import CONF_HOST, STATE_OFF, STATE_ON, STATE_UNAVAILABLE
from homeassistant.core import HomeAssistant
from homeassistant.data_entry_flow import FlowResultType
from homeassistant.helpers import entity_registry as er
from homeassistant.helpers.device_registry import format_mac

from custom_components.asic_miner.const import DOMAIN
from tests.simulator import SimulatedMiner

from .conftest import SimFactory, entry_for, setup_entry
from .miners import poll

PREFIX = {"antminer-s19pro": "antminer_s19_pro", "antminer-s9": "antminer_s9"}
HOSTS = {"antminer-s19pro": "127.0.27.10", "antminer-s9": "127.0.27.11"}


async def _add_by_address(hass: HomeAssistant, host: str) -> dict:
    result = await hass.config_entries.flow.async_init(DOMAIN, context={"source": SOURCE_USER})
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {"next_step_id": "manual"}
    )
    result = await hass.config_entries.flow.async_configure(result["flow_id"], {CONF_HOST: host})
    await hass.async_block_till_done(wait_background_tasks=True)
    return result


def _state(hass: HomeAssistant, model: str, entity: str) -> str:
    state = hass.states.get(entity.replace("*", PREFIX[model]))
    assert state is not None, entity
    return state.state


def _available(hass: HomeAssistant, entry_id: str) -> set[str]:
    return {
        item.entity_id
        for item in er.async_entries_for_config_entry(er.async_get(hass), entry_id)
        if not item.disabled
        and (state := hass.states.get(item.entity_id)) is not None
        and state.state != STATE_UNAVAILABLE
    }


def _shows_its_figures(hass: HomeAssistant, sim: SimulatedMiner) -> None:
    model = sim.model
    hashrate = float(_state(hass, model, "sensor.*_hashrate"))
    assert hashrate == pytest.approx(sim.hashrate_ths, abs=0.01)
    assert float(_state(hass, model, "sensor.*_board_1_hashrate")) == pytest.approx(
        sim.board_hashrates_ths[0], abs=0.01
    )
    assert _state(hass, model, "sensor.*_active_pool") == sim.state.pools[0]["url"]


@pytest.mark.parametrize(
    ("model", "quirks"),
    [
        ("antminer-s19pro", ("trailing-nul", "api-port-off")),
        ("antminer-s9", ("trailing-nul", "missing-comma", "api-port-off")),
        ("antminer-s19pro", ("trailing-nul", "plain-text-only")),
    ],
)
async def test_added_by_address_with_its_mac_as_unique_id(
    hass: HomeAssistant, start_sim: SimFactory, model: str, quirks: tuple[str, ...]
) -> None:
    """4028 closed (read through the web) or answering only plain text: the miner is added
    like any other, recognised by its MAC, and shows its figures."""
    sim = await start_sim(model, HOSTS[model], quirks=quirks)
    result = await _add_by_address(hass, HOSTS[model])
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert result["title"] == sim.model_name
    entry = result["result"]
    assert entry.unique_id == format_mac(sim.mac)
    assert entry.state is ConfigEntryState.LOADED
    _shows_its_figures(hass, sim)
    # Added twice: refused as the same miner.
    again = await _add_by_address(hass, HOSTS[model])
    assert (again["type"], again["reason"]) == (FlowResultType.ABORT, "already_configured")


@pytest.mark.parametrize("model", list(HOSTS))
async def test_an_entry_keeps_working_when_its_api_is_turned_off(
    hass: HomeAssistant, start_sim: SimFactory, freezer: FrozenDateTimeFactory, model: str
) -> None:
    sim = await start_sim(model, HOSTS[model])
    entry = await setup_entry(hass, entry_for(sim, HOSTS[model]))
    before = _available(hass, entry.entry_id)
    assert before

    await sim.set_api_port(False)
    for _ in range(2):
        await poll(hass, freezer)
        assert _available(hass, entry.entry_id) == before
    _shows_its_figures(hass, sim)
    await hass.services.async_call(
        "switch",
        "turn_on",
        {"entity_id": f"switch.{PREFIX[model]}_fault_light"},
        blocking=True,
    )
    assert sim.state.fault_light is True
    await poll(hass, freezer)
    assert _state(hass, model, "switch.*_fault_light") == STATE_ON

    await sim.set_api_port(True)
    await poll(hass, freezer)
    assert _available(hass, entry.entry_id) == before
    _shows_its_figures(hass, sim)
    assert _state(hass, model, "switch.*_fault_light") == STATE_ON
    assert entry.state is ConfigEntryState.LOADED


async def test_sleep_through_the_web(
    hass: HomeAssistant, start_sim: SimFactory, freezer: FrozenDateTimeFactory
) -> None:
    """The Mining switch of an X19 whose API is off: set and read back through the web."""
    model = "antminer-s19pro"
    sim = await start_sim(model, HOSTS[model], quirks=("api-port-off",))
    await setup_entry(hass, entry_for(sim, HOSTS[model]))
    await hass.services.async_call(
        "switch", "turn_off", {"entity_id": f"switch.{PREFIX[model]}_mining"}, blocking=True
    )
    assert sim.state.mining is False
    await poll(hass, freezer)
    assert _state(hass, model, "switch.*_mining") == STATE_OFF
    assert float(_state(hass, model, "sensor.*_hashrate")) == 0
