"""Replies that cgminer-style RPC daemons write alike (Bitmain's BMMiner, Braiins'
BOSminer): pure functions from parsed replies to normalised values; no I/O."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..data import Pool
from .values import text, to_count, to_int


def pools(reply: Mapping[str, Any] | None) -> list[Pool]:
    """``pools`` POOLS[]: URL, User, Stratum Active, Status "Alive", share counters."""
    found = reply.get("POOLS") if isinstance(reply, Mapping) else None
    result = []
    for position, item in enumerate(found if isinstance(found, list) else []):
        if not isinstance(item, dict):
            continue
        index = to_int(item.get("POOL"))
        result.append(
            Pool(
                index=position if index is None else index,
                url=text(item.get("URL")),
                user=text(item.get("User")),
                active=item.get("Stratum Active") is True,
                alive=item.get("Status") == "Alive",
                accepted=to_count(item.get("Accepted")),
                rejected=to_count(item.get("Rejected")),
            )
        )
    return result
