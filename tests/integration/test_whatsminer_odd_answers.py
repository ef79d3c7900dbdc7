"""Whatsminer API V2 controls the firmware answers oddly (issue 11), in Home Assistant.

A control the miner carried out without answering (write-silent-close, reboot-silent-open)
or answered with an empty encrypted body (empty-write-reply) shows no error, and its entity
shows the new state; a wrong password refused with a double-encoded frame
(double-encoded-refusal) asks for the password again. Simulated M50S on 127.0.25.x.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable
from unittest.mock import patch

import pytest
from homeassistant.components.button import DOMAIN as BUTTON_DOMAIN
from homeassistant.components.button import SERVICE_PRESS
from homeassistant.components.number import ATTR_VALUE, SERVICE_SET_VALUE
from homeassistant.components.number import DOMAIN as NUMBER_DOMAIN
from homeassistant.components.select import ATTR_OPTION, SERVICE_SELECT_OPTION
from homeassistant.components.select import DOMAIN as SELECT_DOMAIN
from homeassistant.components.switch import DOMAIN as SWITCH_DOMAIN
from homeassistant.config_entries import SOURCE_REAUTH, ConfigEntryState
from homeassistant.const import (
    ATTR_ENTITY_ID,
    SERVICE_TURN_OFF,
    SERVICE_TURN_ON,
    STATE_OFF,
    STATE_ON,
    STATE_UNAVAILABLE,
)
from homeassistant.core import HomeAssistant
from homeassistant.exceptions import HomeAssistantError
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.asic_miner.const import DOMAIN
from custom_components.asic_miner.driver.transport import btminer_v2_exchange
from tests.simulator import SimulatedMiner

from .conftest import (
    WHATSMINER_PASSWORD,
    SimFactory,
    setup_entry,
    start_whatsminer,
    whatsminer_entry_for,
)

HOST = "127.0.25.10"
PREFIX = "whatsminer_m50s"

Setup = Callable[..., Awaitable[tuple[SimulatedMiner, MockConfigEntry]]]


@pytest.fixture
async def quirky(hass: HomeAssistant, start_sim: SimFactory) -> AsyncIterator[Setup]:
    """An M50S with the given quirks, set up in Home Assistant with ``password``."""

    async def setup(
        *quirks: str, password: str = WHATSMINER_PASSWORD
    ) -> tuple[SimulatedMiner, MockConfigEntry]:
        sim = await start_whatsminer(
            start_sim, "whatsminer-m50s", HOST, password=WHATSMINER_PASSWORD, write_api=True
        )
        sim.quirks = quirks
        entry = whatsminer_entry_for(sim, HOST, password=password)
        return sim, await setup_entry(hass, entry)

    # A reboot left unanswered is taken for one after ANSWER_WAIT: shorter here.
    with patch.object(btminer_v2_exchange, "ANSWER_WAIT", 0.5):
        yield setup


async def _call(hass: HomeAssistant, domain: str, service: str, data: dict[str, object]) -> None:
    await hass.services.async_call(domain, service, data, blocking=True)
    await hass.async_block_till_done()


def _reauth_flows(hass: HomeAssistant) -> list[object]:
    return [
        flow
        for flow in hass.config_entries.flow.async_progress_by_handler(DOMAIN)
        if flow["context"]["source"] == SOURCE_REAUTH
    ]


def _state(hass: HomeAssistant, entity_id: str) -> str:
    state = hass.states.get(entity_id)
    assert state is not None, entity_id
    return state.state


async def test_mining_switch_answered_by_silence(hass: HomeAssistant, quirky: Setup) -> None:
    sim, _ = await quirky("write-silent-close")
    mining = f"switch.{PREFIX}_mining"
    await _call(hass, SWITCH_DOMAIN, SERVICE_TURN_OFF, {ATTR_ENTITY_ID: mining})
    assert sim.state.mining is False
    assert _state(hass, mining) == STATE_OFF
    await _call(hass, SWITCH_DOMAIN, SERVICE_TURN_ON, {ATTR_ENTITY_ID: mining})
    assert _state(hass, mining) == STATE_ON
    assert _reauth_flows(hass) == []


async def test_power_mode_answered_by_silence(hass: HomeAssistant, quirky: Setup) -> None:
    sim, _ = await quirky("write-silent-close")
    select = f"select.{PREFIX}_power_mode"
    for mode in ("low", "high"):
        await _call(
            hass, SELECT_DOMAIN, SERVICE_SELECT_OPTION, {ATTR_ENTITY_ID: select, ATTR_OPTION: mode}
        )
        assert sim.state.power_mode == mode
        assert _state(hass, select) == mode


async def test_restart_answered_by_silence(hass: HomeAssistant, quirky: Setup) -> None:
    """btminer is away for the restart: the control waits until it is back, then the
    refresh finds every entity available again."""
    sim, _ = await quirky("write-silent-close")
    started_at = sim.state.btminer_started_at
    sim.clock.advance(600)
    await _call(
        hass,
        BUTTON_DOMAIN,
        SERVICE_PRESS,
        {ATTR_ENTITY_ID: f"button.{PREFIX}_restart_mining_software"},
    )
    assert sim.state.btminer_started_at > started_at
    assert _state(hass, f"sensor.{PREFIX}_hashrate") != STATE_UNAVAILABLE


async def test_reboot_answered_by_silence_left_open(hass: HomeAssistant, quirky: Setup) -> None:
    sim, _ = await quirky("reboot-silent-open")
    booted_at = sim.state.booted_at
    await _call(hass, BUTTON_DOMAIN, SERVICE_PRESS, {ATTR_ENTITY_ID: f"button.{PREFIX}_reboot"})
    assert [r.name for r in sim.state.requests.writes] == ["reboot"]
    async with asyncio.timeout(5):  # the reboot it is doing
        while sim.state.booted_at == booted_at:  # noqa: ASYNC110  (no event to wait on)
            await asyncio.sleep(0.05)


async def test_empty_answers_are_read_back(hass: HomeAssistant, quirky: Setup) -> None:
    """Every control answered with an empty encrypted body: done, no reauthentication."""
    sim, entry = await quirky("empty-write-reply")
    light = f"switch.{PREFIX}_fault_light"
    await _call(hass, SWITCH_DOMAIN, SERVICE_TURN_ON, {ATTR_ENTITY_ID: light})
    assert _state(hass, light) == STATE_ON
    select = f"select.{PREFIX}_power_mode"
    await _call(
        hass, SELECT_DOMAIN, SERVICE_SELECT_OPTION, {ATTR_ENTITY_ID: select, ATTR_OPTION: "low"}
    )
    assert _state(hass, select) == "low"
    number = f"number.{PREFIX}_power_limit"
    await _call(hass, NUMBER_DOMAIN, SERVICE_SET_VALUE, {ATTR_ENTITY_ID: number, ATTR_VALUE: 3000})
    assert sim.state.power_limit == 3000
    assert _reauth_flows(hass) == []
    assert entry.state is ConfigEntryState.LOADED


async def test_control_that_did_not_take_is_an_error(hass: HomeAssistant, quirky: Setup) -> None:
    """Silence, and the read-back shows the old state: the user sees an error."""
    sim, entry = await quirky("write-silent-close")
    entry.runtime_data.miner.read_back_seconds = 0.5  # type: ignore[attr-defined]
    with (
        patch("tests.simulator.whatsminer.actions.power_off"),  # firmware that ignores power_off
        pytest.raises(HomeAssistantError, match="did not take"),
    ):
        await _call(
            hass, SWITCH_DOMAIN, SERVICE_TURN_OFF, {ATTR_ENTITY_ID: f"switch.{PREFIX}_mining"}
        )
    assert sim.state.mining is True
    assert _reauth_flows(hass) == []


async def test_double_encoded_refusal_at_setup_asks_for_the_password(
    hass: HomeAssistant, quirky: Setup
) -> None:
    _, entry = await quirky("double-encoded-refusal", password="wr0ng")
    assert entry.state is ConfigEntryState.SETUP_ERROR
    assert len(_reauth_flows(hass)) == 1


async def test_double_encoded_refusal_of_a_control_asks_for_the_password(
    hass: HomeAssistant, quirky: Setup
) -> None:
    sim, entry = await quirky("double-encoded-refusal")
    sim.change_password("n3wpass")  # changed in WhatsMinerTool meanwhile
    with pytest.raises(HomeAssistantError) as caught:
        await _call(
            hass, SWITCH_DOMAIN, SERVICE_TURN_ON, {ATTR_ENTITY_ID: f"switch.{PREFIX}_fault_light"}
        )
    assert "enc" not in str(caught.value)
    assert len(_reauth_flows(hass)) == 1
    assert sim.state.fault_light is False
    assert entry.state is ConfigEntryState.LOADED
