"""Parsers for innominer's cgminer RPC replies (``summary``, ``stats``, ``pools``).

innominer a9-1.1.0 (the A9 ZMaster) writes its rate in the fields cgminer names
"MHS …" but counts solutions per second there: the captured 51274.60 is the A9's
51 kSol/s (it is rated 50 kSol/s), not 51 GSol/s. Its per-chain "MHS av" (995328 on each
of three chains) does not add up to that total in any unit, so no per-chain rate is read.
None of these raises: what cannot be read is None or empty.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any, Final

from ...data import HashBoard
from ..values import first_item, text, to_count, to_float, to_ths

_DESCRIPTION: Final = re.compile(r"innominer\s+([a-z]+\d+[a-z]*)[-_ ]?([\w.]*)", re.IGNORECASE)


def description(reply: Mapping[str, Any] | None) -> str | None:
    """STATUS[0].Description: "innominer a9-1.1.0"."""
    return text(first_item(reply, "STATUS").get("Description"))


def model_name(reply: Mapping[str, Any] | None) -> str | None:
    """ "innominer a9-1.1.0" -> "A9"."""
    match = _DESCRIPTION.search(description(reply) or "")
    return match.group(1).upper() if match else None


def firmware_version(reply: Mapping[str, Any] | None) -> str | None:
    match = _DESCRIPTION.search(description(reply) or "")
    return (match.group(2) or None) if match else None


def hashrate(summary: Mapping[str, Any] | None) -> float | None:
    """SUMMARY[0] "MHS 1m" (else "MHS av"), solutions per second (see above)."""
    block = first_item(summary, "SUMMARY")
    value = block.get("MHS 1m", block.get("MHS av"))
    return to_ths(value, "H")


def uptime(summary: Mapping[str, Any] | None) -> int | None:
    return to_count(first_item(summary, "SUMMARY").get("Elapsed"))


def chains(stats: Mapping[str, Any] | None) -> list[Mapping[str, Any]]:
    """The STATS entries of the hash chains (those with a "Chain ID"; the pool entries
    that follow have none)."""
    entries = stats.get("STATS") if isinstance(stats, Mapping) else None
    return [
        e for e in (entries if isinstance(entries, list) else [])
        if isinstance(e, Mapping) and to_count(e.get("Chain ID")) is not None
    ]  # fmt: skip


def _temperature(value: Any) -> float | None:
    reading = to_float(value)
    return reading if reading is not None and 0 < reading < 200 else None


def hashboards(stats: Mapping[str, Any] | None, boards: int, chips: int | None) -> list[HashBoard]:
    found: dict[int, HashBoard] = {}
    for chain in chains(stats):
        slot = to_count(chain.get("Chain ID"))
        if slot is None or slot > 15 or slot in found:
            continue
        found[slot] = HashBoard(
            slot=slot,
            temp=_temperature(chain.get("Temp")),
            chip_temp=_temperature(chain.get("Temp max")),
            chips=to_count(chain.get("Num active chips")),
            expected_chips=to_count(chain.get("Num chips")) or chips,
        )
    for slot in range(boards):
        found.setdefault(slot, HashBoard(slot=slot, expected_chips=chips, missing=True))
    return [found[slot] for slot in sorted(found)]


def fan_percent(stats: Mapping[str, Any] | None) -> int | None:
    """The chains' "Fan duty" (one duty for every fan)."""
    duties = [to_float(c.get("Fan duty")) for c in chains(stats)]
    readings = [d for d in duties if d is not None and 0 <= d <= 100]
    return round(max(readings)) if readings else None
