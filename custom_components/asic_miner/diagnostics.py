"""Diagnostics: what the miner reports and how we talk to it, without secrets."""

from __future__ import annotations

from typing import Any

from homeassistant.components.diagnostics import async_redact_data
from homeassistant.const import CONF_PASSWORD, CONF_USERNAME
from homeassistant.core import HomeAssistant

from .coordinator import AsicMinerConfigEntry

# Passwords and tokens never leave; MACs, serials and pool workers (wallet addresses) identify
# a user, so they go too.
TO_REDACT = {
    CONF_PASSWORD,
    CONF_USERNAME,
    "pass",
    "passwd",
    "token",
    "mac",
    "serial_number",
    "user",
    "unique_id",
}


async def async_get_config_entry_diagnostics(
    hass: HomeAssistant, entry: AsicMinerConfigEntry
) -> dict[str, Any]:
    """The entry, the identified backend and the last poll."""
    coordinator = entry.runtime_data
    miner = coordinator.miner
    return {
        "entry": async_redact_data(
            {"title": entry.title, "unique_id": entry.unique_id, "data": dict(entry.data)},
            TO_REDACT,
        ),
        "miner": {
            "backend": type(miner).__name__,
            "make": miner.make,
            "model": miner.model,
            "firmware": miner.firmware,
            "capabilities": sorted(miner.capabilities),
            "requires_credentials": miner.requires_credentials,
        },
        "last_update_success": coordinator.last_update_success,
        # A repair issue is open: the miner refuses changes (write API off, default password).
        "write_refused": coordinator.write_refused,
        "data": async_redact_data(coordinator.data.as_dict(), TO_REDACT),
    }
