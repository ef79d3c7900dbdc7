"""Switches: mining and the fault light change the simulated miner."""

from __future__ import annotations

import pytest
from homeassistant.components.switch import DOMAIN as SWITCH_DOMAIN
from homeassistant.config_entries import SOURCE_REAUTH
from homeassistant.const import (
    ATTR_ENTITY_ID,
    SERVICE_TURN_OFF,
    SERVICE_TURN_ON,
    STATE_OFF,
    STATE_ON,
    Platform,
)
from homeassistant.core import HomeAssistant
from homeassistant.exceptions import HomeAssistantError
from homeassistant.helpers import entity_registry as er
from pytest_homeassistant_custom_component.common import snapshot_platform
from syrupy.assertion import SnapshotAssertion

from custom_components.asic_miner.const import DOMAIN
from tests.simulator import Fault, SimulatedMiner

from .conftest import SimFactory
from .miners import FAMILIES, S9, S19PRO, set_up_family

MINING = "switch.antminer_s19_pro_mining"
FAULT_LIGHT = "switch.antminer_s19_pro_fault_light"
SWITCH = [Platform.SWITCH]


@pytest.mark.parametrize("family", sorted(FAMILIES))
@pytest.mark.usefixtures("entity_registry_enabled_by_default")
async def test_switches(
    hass: HomeAssistant,
    start_sim: SimFactory,
    family: str,
    entity_registry: er.EntityRegistry,
    snapshot: SnapshotAssertion,
) -> None:
    miner = await set_up_family(hass, start_sim, FAMILIES[family], SWITCH)
    await snapshot_platform(hass, entity_registry, snapshot, miner.entry.entry_id)


@pytest.fixture
async def s19pro(hass: HomeAssistant, start_sim: SimFactory) -> SimulatedMiner:
    """The S19 Pro (on this module's own address), set up with its switches."""
    return (await set_up_family(hass, start_sim, S19PRO, SWITCH)).sim


async def _switch(hass: HomeAssistant, service: str, entity_id: str) -> None:
    await hass.services.async_call(
        SWITCH_DOMAIN, service, {ATTR_ENTITY_ID: entity_id}, blocking=True
    )
    await hass.async_block_till_done()


async def test_mining(hass: HomeAssistant, s19pro: SimulatedMiner) -> None:
    assert hass.states.get(MINING).state == STATE_ON

    await _switch(hass, SERVICE_TURN_OFF, MINING)
    assert s19pro.state.mining is False
    assert hass.states.get(MINING).state == STATE_OFF

    await _switch(hass, SERVICE_TURN_ON, MINING)
    assert s19pro.state.mining is True
    assert hass.states.get(MINING).state == STATE_ON


async def test_fault_light(hass: HomeAssistant, s19pro: SimulatedMiner) -> None:
    assert hass.states.get(FAULT_LIGHT).state == STATE_OFF

    await _switch(hass, SERVICE_TURN_ON, FAULT_LIGHT)
    assert s19pro.state.fault_light is True
    assert hass.states.get(FAULT_LIGHT).state == STATE_ON

    await _switch(hass, SERVICE_TURN_OFF, FAULT_LIGHT)
    assert s19pro.state.fault_light is False
    assert hass.states.get(FAULT_LIGHT).state == STATE_OFF


async def test_refused_login_raises_and_starts_reauth(
    hass: HomeAssistant, s19pro: SimulatedMiner
) -> None:
    s19pro.set_fault(Fault.WRONG_PASSWORD)

    with pytest.raises(HomeAssistantError) as caught:
        await _switch(hass, SERVICE_TURN_ON, FAULT_LIGHT)

    assert caught.value.translation_key == "action_authentication_failed"
    flows = hass.config_entries.flow.async_progress_by_handler(DOMAIN)
    assert [flow["context"]["source"] for flow in flows] == [SOURCE_REAUTH]


async def test_broken_connection_raises(hass: HomeAssistant, s19pro: SimulatedMiner) -> None:
    """The web interface drops the connection mid-reply: the action fails, translated."""
    s19pro.set_fault(Fault.DROP, protocol="http")

    with pytest.raises(HomeAssistantError) as caught:
        await _switch(hass, SERVICE_TURN_OFF, MINING)

    assert caught.value.translation_key == "action_cannot_connect"
    assert s19pro.state.mining is True


async def test_old_model_switches(hass: HomeAssistant, start_sim: SimFactory) -> None:
    """The S9's firmware has no sleep mode: no mining switch; it does blink."""
    await set_up_family(hass, start_sim, S9, SWITCH)
    assert hass.states.get("switch.antminer_s9_fault_light") is not None
    assert hass.states.get("switch.antminer_s9_mining") is None


async def test_unreadable_answer_raises(hass: HomeAssistant, s19pro: SimulatedMiner) -> None:
    s19pro.set_fault(Fault.GARBAGE, protocol="http")

    with pytest.raises(HomeAssistantError) as caught:
        await _switch(hass, SERVICE_TURN_ON, FAULT_LIGHT)

    assert caught.value.translation_key == "action_failed"
