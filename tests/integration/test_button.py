"""The reboot button reboots the simulated miner."""

from __future__ import annotations

import asyncio

import pytest
from homeassistant.components.button import DOMAIN as BUTTON_DOMAIN
from homeassistant.components.button import SERVICE_PRESS
from homeassistant.const import ATTR_ENTITY_ID, Platform
from homeassistant.core import HomeAssistant
from pytest_homeassistant_custom_component.common import MockConfigEntry

from tests.simulator import SimulatedMiner

from .conftest import UPTIME


@pytest.fixture
def platforms() -> list[Platform]:
    return [Platform.BUTTON]


async def test_reboot(
    hass: HomeAssistant, s19pro: SimulatedMiner, s19pro_entry: MockConfigEntry
) -> None:
    assert s19pro.state.uptime >= UPTIME
    state = hass.states.get("button.antminer_s19_pro_reboot")
    assert state.attributes["device_class"] == "restart"

    await hass.services.async_call(
        BUTTON_DOMAIN,
        SERVICE_PRESS,
        {ATTR_ENTITY_ID: "button.antminer_s19_pro_reboot"},
        blocking=True,
    )

    # The simulator reboots shortly after answering, as a real miner does.
    async with asyncio.timeout(5):
        while s19pro.state.uptime >= UPTIME:  # noqa: ASYNC110  (no event to wait on)
            await asyncio.sleep(0.05)
