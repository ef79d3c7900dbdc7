"""Innosilicon's pool configuration on its web API: read with ``pools``, written with
``updatePools``.

``pools`` answers ``{"success": true, "pools": [{"url", "user", "pass"}, …]}``: the fields
pyasic config/pools.py ``Pool.from_inno`` reads (no recording of the answer is public).
``updatePools`` takes three slots, ``Pool<n>``, ``UserName<n>`` and ``Password<n>`` for
n = 1…3, an unused slot sent empty: the keys foreman-apps DragonmintChangePoolsAction
sends and pyasic ``PoolGroup.as_inno`` builds, three slots in both.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Final

from ...config import PoolConfig

POOL_SLOTS: Final = 3


def config_pools(answer: Mapping[str, Any] | None) -> list[PoolConfig]:
    """The configured pools of a ``pools`` answer, in its order; a slot without a URL is
    an unused one and left out."""
    listed = answer.get("pools") if isinstance(answer, Mapping) else None
    found: list[PoolConfig] = []
    for item in listed if isinstance(listed, list) else []:
        if not isinstance(item, Mapping):
            continue
        url, user, password = item.get("url"), item.get("user"), item.get("pass")
        if isinstance(url, str) and url.strip():
            found.append(
                PoolConfig(
                    url.strip(),
                    user if isinstance(user, str) else "",
                    password if isinstance(password, str) else "",
                )
            )
    return found


def update_form(pools: Sequence[PoolConfig]) -> dict[str, str]:
    """The ``updatePools`` form: ``pools`` in slots 1… in order, the rest empty."""
    form: dict[str, str] = {}
    for slot in range(1, POOL_SLOTS + 1):
        pool = pools[slot - 1] if slot <= len(pools) else PoolConfig("", "", "")
        form |= {
            f"Pool{slot}": pool.url,
            f"UserName{slot}": pool.user,
            f"Password{slot}": pool.password,
        }
    return form
