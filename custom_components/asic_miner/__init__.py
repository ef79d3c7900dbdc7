"""The ASIC Miner integration: bitcoin miners on the local network, polled by our own driver.

Importing the bundled driver (``custom_components.asic_miner.driver``) runs this file first,
so it imports nothing from Home Assistant at import time: the driver and its command line
stay usable (and quick to start) without Home Assistant. The setup functions import what
they need; inside Home Assistant those modules are loaded already.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .const import DOMAIN

if TYPE_CHECKING:
    from collections.abc import Callable

    from homeassistant.config_entries import ConfigEntry
    from homeassistant.core import HomeAssistant
    from homeassistant.helpers.device_registry import DeviceEntry
    from homeassistant.helpers.typing import ConfigType

    from .coordinator import AsicMinerConfigEntry

# Values of homeassistant.const.Platform.
PLATFORMS = (
    "binary_sensor",
    "button",
    "climate",
    "light",
    "number",
    "select",
    "sensor",
    "switch",
    "text",
)
# A fleet entry's: its sums, its power budget, its pause switch.
FLEET_PLATFORMS = ("binary_sensor", "number", "sensor", "switch")


def is_fleet(entry: ConfigEntry) -> bool:
    from .const import CONF_ENTRY_TYPE, ENTRY_TYPE_FLEET

    return bool(entry.data.get(CONF_ENTRY_TYPE) == ENTRY_TYPE_FLEET)


def _config_entry_only_schema(domain: str) -> Callable[[dict[str, Any]], dict[str, Any]]:
    """Home Assistant's config_entry_only_config_schema, looked up when a configuration is
    validated (inside Home Assistant), not when this file is imported."""

    def validate(config: dict[str, Any]) -> dict[str, Any]:
        from homeassistant.helpers import config_validation as cv

        return cv.config_entry_only_config_schema(domain)(config)

    return validate


# Miners are set up in the UI only: an asic_miner: block in configuration.yaml is reported
# (an error in the log and a repair issue) and otherwise ignored. Assigned at the top level,
# where hassfest's config_schema check looks for it.
CONFIG_SCHEMA = _config_entry_only_schema(DOMAIN)


async def async_setup(hass: HomeAssistant, config: ConfigType) -> bool:
    """Register the actions, once for every miner (they take devices as targets)."""
    from .services import async_setup_services

    async_setup_services(hass)
    return True


async def async_setup_entry(hass: HomeAssistant, entry: AsicMinerConfigEntry) -> bool:
    """Identify the miner, read it once, then add its entities (a fleet: see fleet/)."""
    if is_fleet(entry):
        from .fleet.setup import async_setup_fleet_entry

        return await async_setup_fleet_entry(hass, entry, FLEET_PLATFORMS)
    from .coordinator import AsicMinerCoordinator

    coordinator = AsicMinerCoordinator(hass, entry)
    # Not reachable: ConfigEntryNotReady (retried); login refused: ConfigEntryAuthFailed (reauth).
    # Either way the next attempt starts afresh: close what this one opened.
    try:
        await coordinator.async_config_entry_first_refresh()
    except BaseException:
        await coordinator.async_close()
        raise
    entry.runtime_data = coordinator
    await hass.config_entries.async_forward_entry_setups(entry, PLATFORMS)
    return True


async def async_unload_entry(hass: HomeAssistant, entry: AsicMinerConfigEntry) -> bool:
    """Remove the entities; the shared aiohttp session stays open."""
    if is_fleet(entry):
        from .fleet.setup import async_unload_fleet_entry

        return await async_unload_fleet_entry(hass, entry, FLEET_PLATFORMS)
    unloaded: bool = await hass.config_entries.async_unload_platforms(entry, PLATFORMS)
    if unloaded:
        await entry.runtime_data.async_close()
    return unloaded


async def async_remove_config_entry_device(
    hass: HomeAssistant, entry: AsicMinerConfigEntry, device: DeviceEntry
) -> bool:
    """A device may be deleted unless it is the miner this entry reads (or the fleet)."""
    own = entry.entry_id if is_fleet(entry) else entry.unique_id
    return (DOMAIN, own) not in device.identifiers


async def async_remove_entry(hass: HomeAssistant, entry: ConfigEntry) -> None:
    """A removed miner leaves no repair issue behind, a removed fleet no memory."""
    if is_fleet(entry):
        from .fleet.setup import async_remove_fleet_entry

        await async_remove_fleet_entry(hass, entry)
        return
    from .issues import async_clear_unsupported, async_clear_write_refusal

    async_clear_write_refusal(hass, entry)
    async_clear_unsupported(hass, entry)
