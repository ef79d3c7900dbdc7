"""Diagnostics: what the miner reports and how we talk to it, without secrets."""

from __future__ import annotations

import dataclasses
from typing import Any

from homeassistant.components.diagnostics import async_redact_data
from homeassistant.const import CONF_PASSWORD, CONF_USERNAME
from homeassistant.core import HomeAssistant

from . import is_fleet
from .coordinator import AsicMinerConfigEntry
from .driver import AsicMinerError, Capability, url_without_credentials

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


def _without_url_credentials(value: Any) -> Any:
    """Pool URLs may carry a login (``stratum+tcp://worker:password@host``): taken out."""
    if isinstance(value, dict):
        return {
            key: url_without_credentials(item)
            if key == "url" and isinstance(item, str)
            else _without_url_credentials(item)
            for key, item in value.items()
        }
    if isinstance(value, list):
        return [_without_url_credentials(item) for item in value]
    return value


def _redacted(value: dict[str, Any]) -> dict[str, Any]:
    redacted: dict[str, Any] = async_redact_data(_without_url_credentials(value), TO_REDACT)
    return redacted


async def async_get_config_entry_diagnostics(
    hass: HomeAssistant, entry: AsicMinerConfigEntry
) -> dict[str, Any]:
    """The entry, the identified backend, its configuration and the last poll."""
    if is_fleet(entry):
        from .fleet.diagnostics import fleet_diagnostics

        return fleet_diagnostics(entry)
    coordinator = entry.runtime_data
    miner = coordinator.miner
    config: dict[str, Any] | str | None = None
    if Capability.GET_CONFIG in miner.capabilities:
        try:
            config = _redacted(dataclasses.asdict(await miner.get_config()))
        except AsicMinerError as err:
            config = f"not readable: {type(err).__name__}"
    return {
        "entry": _redacted(
            {
                "title": entry.title,
                "unique_id": entry.unique_id,
                "data": dict(entry.data),
                "options": dict(entry.options),
            }
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
        "config": config,
        "data": _redacted(coordinator.data.as_dict()),
    }
