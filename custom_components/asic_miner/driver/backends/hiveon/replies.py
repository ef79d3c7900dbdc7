"""What Hiveon adds to the stock Antminer replies (pure functions; no I/O).

Hiveon's ``stats`` STATS[1] carries the power the boards draw: ``chain_power{n}`` per chain
and the total in ``chain_power``, a string with a tag after the watts ("867.32 (AB)" on an
S9, hiveos-asic hive/share/_examples/bitmain/S9-Hiveon/raw_stats.json; pyasic
miners/backends/hiveon.py reads the number before the space). Its ``Type`` ends in
" Hiveon" ("Antminer S9 Hiveon", "Antminer S19JPRO Hiveon"). Its ``pools`` lists Hive's fee
pools after the user's, URL and user masked as "*", "**", "***" (raw_pools.json beside it).
"""

from __future__ import annotations

from typing import Any

from ...data import Pool
from ..values import to_float

_SUFFIX = " HIVEON"


def is_hiveon(type_: str | None) -> bool:
    return type_ is not None and type_.strip().upper().endswith(_SUFFIX)


def model_name(type_: str | None) -> str | None:
    """The ``Type`` (or the web's ``minertype``) without Hiveon's suffix."""
    if type_ is None:
        return None
    name = type_.strip()
    if is_hiveon(name):
        name = name[: -len(_SUFFIX)].rstrip()
    return name or None


def wattage(figures: dict[str, Any]) -> float | None:
    """Watts from ``chain_power`` ("867.32 (AB)"); None when absent or not a number."""
    value = figures.get("chain_power")
    if isinstance(value, str):
        value = value.split(" ", 1)[0]
    watts = to_float(value)
    return watts if watts is not None and watts > 0 else None


def user_pools(pools: list[Pool]) -> list[Pool]:
    """The pools the user configured: Hive's fee pools (URL all asterisks) left out."""
    return [pool for pool in pools if pool.url is None or pool.url.strip("*")]
