"""Setting a fleet entry up and down."""

from __future__ import annotations

from homeassistant.config_entries import ConfigEntry
from homeassistant.core import HomeAssistant

from .coordinator import FleetCoordinator
from .memory import FleetMemory


async def async_setup_fleet_entry(
    hass: HomeAssistant, entry: ConfigEntry, platforms: tuple[str, ...]
) -> bool:
    """A fleet reads nothing itself: its first tick sums what the members read."""
    coordinator = FleetCoordinator(hass, entry)
    await coordinator.memory.async_load()
    await coordinator.async_config_entry_first_refresh()
    entry.runtime_data = coordinator
    coordinator.async_start_following()
    await hass.config_entries.async_forward_entry_setups(entry, platforms)
    return True


async def async_unload_fleet_entry(
    hass: HomeAssistant, entry: ConfigEntry, platforms: tuple[str, ...]
) -> bool:
    unloaded: bool = await hass.config_entries.async_unload_platforms(entry, platforms)
    return unloaded


async def async_remove_fleet_entry(hass: HomeAssistant, entry: ConfigEntry) -> None:
    """A deleted fleet leaves no memory of its members behind."""
    await FleetMemory(hass, entry.entry_id).async_remove()
