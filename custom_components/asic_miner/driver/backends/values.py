"""Small converters from loosely typed firmware values to normalised numbers and strings."""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from typing import Any

# Multipliers to TH/s for the unit names firmwares use ("GH", "GH/s", "MHS", …).
_TO_THS = {"H": 1e-12, "K": 1e-9, "M": 1e-6, "G": 1e-3, "T": 1.0, "P": 1e3}
_MAC_HEX = re.compile(r"[0-9A-Fa-f]{2}")
# Board slots name entities ("board 3"): a reply's 10**18 or -1 is no slot.
MAX_BOARD_SLOT = 15


def to_float(value: Any) -> float | None:
    """A finite float from a number or numeric string ("13,500.5"), else None."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, str):
        value = value.replace(",", "").strip()
        if not value:
            return None
    try:
        number = float(value)
    except TypeError, ValueError, OverflowError:  # OverflowError: an int beyond any float
        return None
    return number if math.isfinite(number) else None


def to_int(value: Any) -> int | None:
    number = to_float(value)
    return None if number is None else int(number)


def to_count(value: Any) -> int | None:
    """A whole number that cannot be negative (RPM, chips, shares, seconds), else None."""
    number = to_int(value)
    return number if number is not None and number >= 0 else None


def to_ths(value: Any, unit: Any = "GH") -> float | None:
    """A hashrate in TH/s from a value in ``unit`` (first letter decides: G, M, T, …).

    None for a negative or overflowing figure; a unit that is no text counts as GH.
    """
    number = to_float(value)
    if number is None or number < 0:
        return None
    name = unit.strip().upper() if isinstance(unit, str) else ""
    ths = number * _TO_THS.get(name[:1] or "G", 1e-3)
    if not math.isfinite(ths):
        return None
    # To the MH/s: a BitAxe's 1072.07 GH/s is 1.07207 TH/s without float noise. Below
    # 1 GH/s (a Scrypt home miner's 185.3 MH/s, an Equihash miner's 840 kSol/s, 8.4e-7 of
    # the driver's unit), six significant digits instead.
    return round(ths, 6) if ths >= 1e-3 else float(f"{ths:.6g}")


def mean_of_readings(values: Iterable[Any]) -> float | None:
    """Mean of the non-zero readings (a 0 means "no sensor" on Bitmain boards)."""
    readings = [n for n in (to_float(v) for v in values) if n]
    if not readings:
        return None
    # Divided before summing: the mean of finite readings near the float limit stays finite.
    return round(sum(n / len(readings) for n in readings), 1)


def board_slot(candidates: Iterable[Any], position: int) -> int | None:
    """The first candidate that is a slot 0..MAX_BOARD_SLOT, else the entry's position in
    its list; None when that is past the last slot too."""
    for candidate in candidates:
        slot = to_int(candidate)
        if slot is not None:
            return slot if 0 <= slot <= MAX_BOARD_SLOT else _position_slot(position)
    return _position_slot(position)


def _position_slot(position: int) -> int | None:
    return position if position <= MAX_BOARD_SLOT else None


def format_mac(value: Any) -> str | None:
    """'aabbccddeeff' or 'aa-bb-…' → 'AA:BB:CC:DD:EE:FF'; None unless it is 6 bytes."""
    if not isinstance(value, str):
        return None
    digits = "".join(_MAC_HEX.findall(value.replace(":", "").replace("-", "")))
    if len(digits) != 12 or digits == "000000000000":
        return None
    return ":".join(digits[i : i + 2] for i in range(0, 12, 2)).upper()


def first_item(reply: Mapping[str, Any] | None, key: str, index: int = 0) -> dict[str, Any]:
    """``reply[key][index]`` when it is an object, else an empty dict."""
    if not isinstance(reply, Mapping):
        return {}
    items = reply.get(key)
    if isinstance(items, list) and len(items) > index and isinstance(items[index], dict):
        item: dict[str, Any] = items[index]
        return item
    return {}


def text(value: Any) -> str | None:
    """A stripped non-empty string, else None."""
    if value is None:
        return None
    result = str(value).strip()
    return result or None
