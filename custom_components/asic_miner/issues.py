"""Repair issues: a miner that refuses every change, or no longer answers as a miner we know.

Whatsminers refuse writes until the write API is enabled in WhatsMinerTool, and V2
firmware also until its default password is changed. That is a setting on the miner, not
a fault: one repair issue per miner explains the fix. It is raised when the login check
at setup or a control meets the refusal, and deleted once a check or a control succeeds.
"""

from __future__ import annotations

from homeassistant.config_entries import ConfigEntry
from homeassistant.const import CONF_HOST
from homeassistant.core import HomeAssistant, callback
from homeassistant.helpers import issue_registry as ir

from .const import DOMAIN
from .driver import DefaultPasswordInUse, WriteAccessDenied, WriteApiDisabled

# The refusals a repair issue explains, by its translation key; the first match counts.
# V2 firmware answers the default password and a switched-off write API alike, so a
# refusal while the default password is in use is both: its issue explains both steps.
WRITE_REFUSALS: tuple[tuple[type[WriteAccessDenied], str], ...] = (
    (DefaultPasswordInUse, "default_password_in_use"),
    (WriteApiDisabled, "write_api_disabled"),
)


def write_refusal_key(err: WriteAccessDenied) -> str | None:
    """The translation key of the repair issue for this refusal, or None if it has none."""
    return next((key for kind, key in WRITE_REFUSALS if isinstance(err, kind)), None)


def write_access_issue_id(entry: ConfigEntry) -> str:
    """One issue per miner: a later refusal of another kind replaces it."""
    return f"write_access_{entry.entry_id}"


@callback
def async_report_write_refusal(
    hass: HomeAssistant, entry: ConfigEntry, err: WriteAccessDenied
) -> bool:
    """Raise (or update) the repair issue for ``err``; False if it is no such refusal."""
    key = write_refusal_key(err)
    if key is None:
        return False
    ir.async_create_issue(
        hass,
        DOMAIN,
        write_access_issue_id(entry),
        is_fixable=False,
        severity=ir.IssueSeverity.WARNING,
        translation_key=key,
        translation_placeholders={"name": entry.title, "host": entry.data[CONF_HOST]},
    )
    return True


@callback
def async_clear_write_refusal(hass: HomeAssistant, entry: ConfigEntry) -> None:
    """The miner took a change or a login check: its repair issue is done."""
    ir.async_delete_issue(hass, DOMAIN, write_access_issue_id(entry))


def unsupported_issue_id(entry: ConfigEntry) -> str:
    return f"unsupported_{entry.entry_id}"


@callback
def async_report_unsupported(hass: HomeAssistant, entry: ConfigEntry) -> None:
    """What answers at the miner's address is no miner firmware we support (any more)."""
    ir.async_create_issue(
        hass,
        DOMAIN,
        unsupported_issue_id(entry),
        is_fixable=False,
        severity=ir.IssueSeverity.ERROR,
        translation_key="unsupported_firmware",
        translation_placeholders={"name": entry.title, "host": entry.data[CONF_HOST]},
    )


@callback
def async_clear_unsupported(hass: HomeAssistant, entry: ConfigEntry) -> None:
    """The miner was identified again (or its entry removed): the issue is done."""
    ir.async_delete_issue(hass, DOMAIN, unsupported_issue_id(entry))
