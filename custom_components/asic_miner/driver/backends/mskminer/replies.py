"""Where MinerData's fields sit in MSKMiner's replies (pure functions; no I/O).

Source: pyasic tests/miners_tests/backends_tests/mskminer_tests/version_2_6_0_39.py. The
version Type is the model and the firmware version, "S19-88 v.2.6.0.39 "; STATS[1] is the
stock S9-style classic stats (``chain_acn{n}``, ``chain_rate{n}`` in GH/s, ``temp{n}`` /
``temp2_{n}``, ``fan{n}``) with ``total_power`` (W) and ``total_rateideal``. The MAC is in
the web's info_v1 ``network_info.result.macaddr`` (pyasic backends/mskminer.py).
"""

from __future__ import annotations

import re
from typing import Any

from ..values import first_item, format_mac, text, to_float

_VERSION = re.compile(r"\bv\.?\s*(\d+(?:\.\d+)+)", re.IGNORECASE)


def model_name(type_: str | None) -> str | None:
    """The Type's first word: "S19-88 v.2.6.0.39 " → "S19-88" (as pyasic's factory)."""
    words = (type_ or "").split()
    return words[0] if words else None


def firmware_version(type_: str | None) -> str | None:
    """The Type's "v.2.6.0.39" as "2.6.0.39"."""
    match = _VERSION.search(type_ or "")
    return match.group(1) if match else None


def wattage(figures: dict[str, Any]) -> float | None:
    watts = to_float(figures.get("total_power"))
    return watts if watts is not None and watts > 0 else None


def mac(info: dict[str, Any] | None) -> str | None:
    network = (info or {}).get("network_info")
    result = network.get("result") if isinstance(network, dict) else None
    return format_mac(result.get("macaddr")) if isinstance(result, dict) else None


def version_block(reply: dict[str, Any] | None) -> dict[str, Any]:
    return first_item(reply, "VERSION")


def type_of(version: dict[str, Any]) -> str | None:
    return text(version.get("Type"))
