"""LuxOS pools as a MinerConfig's: read from ``pools``, written with ``addpool`` and
``removepool`` in the first group (GROUP 0, "default").

LUXminer keeps pools in groups (``pools`` names each pool's GROUP; asic-rs writes a group
with ``addpool url,user,password,group``). The user's pools are the first group's: the new
ones are added first, then the old ones removed, highest number first (the firmware
numbers its pools again after a removal, as cgminer does), so the miner is never left
without a pool. Neither peer sends a session with these commands (pyasic rpc/luxminer.py,
asic-rs v1/rpc.rs); the pools reply lists no passwords.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Final

from ...config import PoolConfig
from ..values import text, to_count
from .replies import items

POOL_SLOTS: Final = 3  # what the integration's pools action and the stock firmware take
GROUP: Final = 0


def first_group(reply: Mapping[str, Any] | None) -> list[tuple[int, str, str]]:
    """(POOL, URL, User) of the first group's pools, in the firmware's order."""
    found = []
    for item in items(reply, "POOLS"):
        number, url = to_count(item.get("POOL")), text(item.get("URL"))
        group = to_count(item.get("GROUP"))
        if number is not None and url is not None and group in (GROUP, None):
            found.append((number, url, text(item.get("User")) or ""))
    return found


def config_pools(reply: Mapping[str, Any] | None) -> list[PoolConfig]:
    return [PoolConfig(url=url, user=user) for _, url, user in first_group(reply)]


def unchanged(reply: Mapping[str, Any] | None, wanted: Sequence[PoolConfig]) -> bool:
    """The first group holds these pools already (URL and user, in order) and none asks
    for a password of its own (the miner's cannot be read back to compare)."""
    default = PoolConfig("", "").password
    held = [(url, user) for _, url, user in first_group(reply)]
    asked = [(p.url.strip(), p.user.strip()) for p in wanted]
    return held == asked and all(p.password == default for p in wanted)


def add_parameters(pool: PoolConfig) -> tuple[str, ...]:
    return (pool.url.strip(), pool.user.strip(), pool.password, str(GROUP))


def removals(reply: Mapping[str, Any] | None) -> list[int]:
    """The first group's pool numbers, highest first."""
    return sorted((number for number, _, _ in first_group(reply)), reverse=True)
