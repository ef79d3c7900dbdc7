"""Buttons: reboot, restart the mining software, identify (blink the fault light)."""

from __future__ import annotations

import asyncio

import pytest
from freezegun.api import FrozenDateTimeFactory
from homeassistant.components.button import DOMAIN as BUTTON_DOMAIN
from homeassistant.components.button import SERVICE_PRESS
from homeassistant.const import ATTR_ENTITY_ID, Platform
from homeassistant.core import HomeAssistant
from homeassistant.helpers import entity_registry as er
from pytest_homeassistant_custom_component.common import snapshot_platform
from syrupy.assertion import SnapshotAssertion

from custom_components.asic_miner.button import IDENTIFY_DURATION

from .conftest import UPTIME, SimFactory
from .miners import FAMILIES, M60S, S9, S19PRO, Family, poll, set_up_family

BUTTON = [Platform.BUTTON]


@pytest.mark.parametrize("family", sorted(FAMILIES))
@pytest.mark.usefixtures("entity_registry_enabled_by_default")
async def test_buttons(
    hass: HomeAssistant,
    start_sim: SimFactory,
    family: str,
    entity_registry: er.EntityRegistry,
    snapshot: SnapshotAssertion,
) -> None:
    miner = await set_up_family(hass, start_sim, FAMILIES[family], BUTTON)
    await snapshot_platform(hass, entity_registry, snapshot, miner.entry.entry_id)


async def _press(hass: HomeAssistant, entity_id: str) -> None:
    await hass.services.async_call(
        BUTTON_DOMAIN, SERVICE_PRESS, {ATTR_ENTITY_ID: entity_id}, blocking=True
    )
    await hass.async_block_till_done()


async def test_reboot(hass: HomeAssistant, start_sim: SimFactory) -> None:
    miner = await set_up_family(hass, start_sim, S19PRO, BUTTON)
    assert miner.sim.state.uptime >= UPTIME
    entity_id = miner.entity("button", "reboot")
    assert hass.states.get(entity_id).attributes["device_class"] == "restart"

    await _press(hass, entity_id)

    # The simulator reboots shortly after answering, as a real miner does.
    async with asyncio.timeout(5):
        while miner.sim.state.uptime >= UPTIME:  # noqa: ASYNC110  (no event to wait on)
            await asyncio.sleep(0.05)


@pytest.mark.parametrize("family", [S19PRO, M60S], ids=["antminer", "whatsminer"])
async def test_identify_blinks_for_a_while(
    hass: HomeAssistant,
    start_sim: SimFactory,
    freezer: FrozenDateTimeFactory,
    family: Family,
    entity_registry: er.EntityRegistry,
) -> None:
    miner = await set_up_family(hass, start_sim, family, BUTTON)
    entity_id = miner.entity("button", "identify")
    state = hass.states.get(entity_id)
    assert state.attributes["device_class"] == "identify"
    registry_entry = entity_registry.async_get(entity_id)
    assert registry_entry is not None
    assert registry_entry.entity_category == "diagnostic"

    await _press(hass, entity_id)
    assert miner.sim.state.fault_light is True

    await poll(hass, freezer, IDENTIFY_DURATION / 2)
    assert miner.sim.state.fault_light is True
    await poll(hass, freezer, IDENTIFY_DURATION / 2)
    assert miner.sim.state.fault_light is False


async def test_identify_again_keeps_the_light_on(
    hass: HomeAssistant, start_sim: SimFactory, freezer: FrozenDateTimeFactory
) -> None:
    miner = await set_up_family(hass, start_sim, S9, BUTTON)
    entity_id = miner.entity("button", "identify")
    await _press(hass, entity_id)
    await poll(hass, freezer, IDENTIFY_DURATION * 2 / 3)
    await _press(hass, entity_id)
    await poll(hass, freezer, IDENTIFY_DURATION * 2 / 3)
    assert miner.sim.state.fault_light is True
    await poll(hass, freezer, IDENTIFY_DURATION / 2)
    assert miner.sim.state.fault_light is False


async def test_identify_cancelled_on_unload(
    hass: HomeAssistant, start_sim: SimFactory, freezer: FrozenDateTimeFactory
) -> None:
    """Unloaded meanwhile, the entry leaves no timer behind that talks to the miner."""
    miner = await set_up_family(hass, start_sim, S19PRO, BUTTON)
    await _press(hass, miner.entity("button", "identify"))
    assert await hass.config_entries.async_unload(miner.entry.entry_id)

    await poll(hass, freezer, IDENTIFY_DURATION * 2)
    assert miner.sim.state.fault_light is True


async def test_identify_light_off_failure_is_logged(
    hass: HomeAssistant,
    start_sim: SimFactory,
    freezer: FrozenDateTimeFactory,
    caplog: pytest.LogCaptureFixture,
) -> None:
    miner = await set_up_family(hass, start_sim, S19PRO, BUTTON)
    await _press(hass, miner.entity("button", "identify"))
    await miner.sim.go_offline()

    await poll(hass, freezer, IDENTIFY_DURATION)

    assert "Could not turn off the fault light" in caplog.text
    await miner.sim.come_back()
