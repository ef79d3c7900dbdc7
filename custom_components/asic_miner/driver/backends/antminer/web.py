"""Where the figures sit in the modern stock web's CGI replies (X19/S21, no RPC needed).

``summary.cgi`` and ``stats.cgi`` hold ``{"STATUS": {…}, "INFO": {"CompileTime", "type"},
"SUMMARY"|"STATS": [{…}]}``: rates in ``rate_unit`` ("GH/s"), ``elapsed``, and in stats the
new-API board list (``chain[]``), ``fan[]`` and ``miner-mode``. ``pools.cgi`` lists the pools
with lower-case keys and no "Stratum Active". Pure functions; no I/O.
"""

from __future__ import annotations

from typing import Any

from ...data import Fan, Pool
from ...models import ModelInfo
from ..values import text, to_count, to_int, to_ths
from .replies import as_list


def info(reply: dict[str, Any] | None) -> dict[str, Any]:
    value = (reply or {}).get("INFO")
    return value if isinstance(value, dict) else {}


def hashrate(entry: dict[str, Any]) -> float | None:
    return to_ths(entry.get("rate_5s"), entry.get("rate_unit") or "GH")


def fans(stats: dict[str, Any], model: ModelInfo | None) -> list[Fan]:
    """``fan[]`` RPMs, as many as the model has (the list may be shorter while booting)."""
    speeds = as_list(stats.get("fan"))
    count = model.fans if model is not None else len(speeds)
    return [Fan(speed=to_count(speeds[i]) if i < len(speeds) else None) for i in range(count)]


def work_mode(stats: dict[str, Any]) -> int | None:
    """``miner-mode`` as set by set_miner_conf.cgi (1: sleep); None on builds without it."""
    return to_int(stats.get("miner-mode"))


def pools(reply: dict[str, Any] | None) -> list[Pool]:
    """pools.cgi POOLS[]: the active pool is the alive one of the best (lowest) priority,
    which is the one cgminer's failover strategy mines on."""
    items = [item for item in as_list((reply or {}).get("POOLS")) if isinstance(item, dict)]
    ranked = [
        (priority, position)
        for position, item in enumerate(items)
        if item.get("status") == "Alive" and (priority := to_int(item.get("priority"))) is not None
    ]
    active = min(ranked)[1] if ranked else None
    result = []
    for position, item in enumerate(items):
        index = to_int(item.get("index"))
        result.append(
            Pool(
                index=position if index is None else index,
                url=text(item.get("url")),
                user=text(item.get("user")),
                active=position == active,
                alive=item.get("status") == "Alive",
                accepted=to_count(item.get("accepted")),
                rejected=to_count(item.get("rejected")),
            )
        )
    return result
