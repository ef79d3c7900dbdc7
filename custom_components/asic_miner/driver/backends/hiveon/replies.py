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

from ...data import HashBoard, Pool
from ...model_info import ModelInfo
from ..values import to_count, to_float, to_ths

_SUFFIX = " HIVEON"
# Hiveon's T9 reports each board as three chains (hiveos-asic T9-Hiveon/raw_stats.json:
# chains 2-4 and 9-14, 18 chips each); pyasic miners/antminer/hiveon/X9/T9.py groups them.
T9_CHAINS: tuple[tuple[int, int, int], ...] = ((2, 9, 10), (3, 11, 12), (4, 13, 14))


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


def t9_boards(figures: dict[str, Any], model: ModelInfo | None) -> list[HashBoard] | None:
    """The three boards of a T9 whose chains are laid out as Hiveon's; None otherwise."""
    if not all(to_count(figures.get(f"chain_acn{chains[1]}")) for chains in T9_CHAINS):
        return None
    boards = []
    for slot, chains in enumerate(T9_CHAINS):
        rates = [to_ths(figures.get(f"chain_rate{n}"), "GH") for n in chains]
        chips = sum(to_count(figures.get(f"chain_acn{n}")) or 0 for n in chains)
        first = chains[0]
        boards.append(
            HashBoard(
                slot=slot,
                hashrate=sum(r for r in rates if r is not None),
                temp=to_float(figures.get(f"temp{first}")) or None,
                chip_temp=to_float(figures.get(f"temp2_{first}")) or None,
                chips=chips,
                expected_chips=model.chips_per_board if model else None,
                missing=not chips,
            )
        )
    return boards
