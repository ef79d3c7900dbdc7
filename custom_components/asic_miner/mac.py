"""How a MAC address is shown to a person: as on the device page."""

from __future__ import annotations

from homeassistant.helpers.device_registry import format_mac


def display_mac(mac: str) -> str:
    """``AA:BB:CC:DD:EE:FF``, whatever form the firmware reported.

    The device registry stores MACs in format_mac's lower-case form (they are our unique
    ids), and the device page shows its connections upper-case; every text we show
    uses the device page's form, so that a person can match them.
    """
    return format_mac(mac).upper()
