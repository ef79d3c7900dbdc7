"""The ASIC Miner integration: bitcoin miners on the local network, polled by our own driver."""

from __future__ import annotations

from homeassistant.const import Platform
from homeassistant.core import HomeAssistant

from .coordinator import AsicMinerConfigEntry, AsicMinerCoordinator

PLATFORMS: list[Platform] = [
    Platform.BUTTON,
    Platform.NUMBER,
    Platform.SENSOR,
    Platform.SWITCH,
]


async def async_setup_entry(hass: HomeAssistant, entry: AsicMinerConfigEntry) -> bool:
    """Identify the miner, read it once, then add its entities."""
    coordinator = AsicMinerCoordinator(hass, entry)
    # Not reachable: ConfigEntryNotReady (retried); login refused: ConfigEntryAuthFailed (reauth).
    await coordinator.async_config_entry_first_refresh()
    entry.runtime_data = coordinator
    await hass.config_entries.async_forward_entry_setups(entry, PLATFORMS)
    return True


async def async_unload_entry(hass: HomeAssistant, entry: AsicMinerConfigEntry) -> bool:
    """Remove the entities; the shared aiohttp session stays open."""
    unloaded: bool = await hass.config_entries.async_unload_platforms(entry, PLATFORMS)
    if unloaded:
        await entry.runtime_data.miner.close()
    return unloaded
