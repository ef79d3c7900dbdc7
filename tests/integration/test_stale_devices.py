"""Devices the entry no longer reads (stale devices) can be deleted; the miner cannot."""

from __future__ import annotations

from homeassistant.core import HomeAssistant
from homeassistant.helpers import device_registry as dr
from homeassistant.setup import async_setup_component
from pytest_homeassistant_custom_component.typing import WebSocketGenerator

from custom_components.asic_miner.const import DOMAIN

from .conftest import SimFactory
from .miners import S19PRO, set_up_family


async def _remove(
    hass: HomeAssistant, hass_ws_client: WebSocketGenerator, device_id: str, entry_id: str
) -> bool:
    assert await async_setup_component(hass, "config", {})
    client = await hass_ws_client(hass)
    await client.send_json_auto_id(
        {
            "type": "config/device_registry/remove_config_entry",
            "config_entry_id": entry_id,
            "device_id": device_id,
        }
    )
    response = await client.receive_json()
    return bool(response["success"])


async def test_stale_device_can_be_removed(
    hass: HomeAssistant,
    hass_ws_client: WebSocketGenerator,
    start_sim: SimFactory,
    device_registry: dr.DeviceRegistry,
) -> None:
    miner = await set_up_family(hass, start_sim, S19PRO)
    entry_id = miner.entry.entry_id
    stale = device_registry.async_get_or_create(
        config_entry_id=entry_id, identifiers={(DOMAIN, "00:11:22:33:44:55")}
    )

    assert await _remove(hass, hass_ws_client, stale.id, entry_id)
    assert device_registry.async_get(stale.id) is None


async def test_current_miner_cannot_be_removed(
    hass: HomeAssistant,
    hass_ws_client: WebSocketGenerator,
    start_sim: SimFactory,
    device_registry: dr.DeviceRegistry,
) -> None:
    miner = await set_up_family(hass, start_sim, S19PRO)
    device = miner.device(hass)

    assert not await _remove(hass, hass_ws_client, device.id, miner.entry.entry_id)
    assert device_registry.async_get(device.id) is not None
