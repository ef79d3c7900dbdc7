"""The IceRiver panel's writes, as its own pages send them.

Read from the panel's source in IceRiver's firmware of 2023-09-16 (the same for KS0, KS1,
KS2, KS3, KS3L and KS3M; published in mcmickburns/iceriverminer_dump under
firmware/<model>/ICERIVER-KAS-<model>-20230916/extract/bg/): controllers/user.c and the
pages web/view/machine.esp, web/js/machine.js and web/js/base.js.

- Pools: ``POST /user/machineconfig`` with ``post=2`` and the machine page's form fields
  ``pool<n>address``, ``pool<n>miner``, ``pool<n>pwd`` for its three slots (an empty slot
  is blank), answered ``{"error":0,"data":{},"message":""}``. The page sends its fan
  fields in the same form; a build before 2023-09-16 (the KS3L OS dump's user.c) applies
  them with the pools, so they go with the values ``post=1`` reports, as the page fills
  them.
- Reboot: ``POST /user/userpanel`` with ``post=3`` (the page's reboot button; ``post=2``
  is its factory reset, never sent here).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Final

from ...config import PoolConfig
from . import replies

POOL_SLOTS: Final = 3
# user.c writes the fields into the miner program's JSON as they come (sprintf "%s",
# no escaping) in a buffer of 2048 bytes: a quote or backslash would break that JSON.
_UNSAFE: Final = ('"', "\\")
_ROOM: Final = 1800  # of those 2048 bytes, what the nine fields may take together


def check_fields(pools: Sequence[PoolConfig]) -> None:
    """ValueError for a pool the firmware cannot take (the message quotes no password)."""
    for number, pool in enumerate(pools, start=1):
        for name, value in (("URL", pool.url), ("user", pool.user), ("password", pool.password)):
            if any(mark in value for mark in _UNSAFE):
                raise ValueError(
                    f"pool {number} {name} must not contain a quote or a backslash "
                    "(IceRiver's firmware writes it unescaped)"
                )
    if sum(len(p.url) + len(p.user) + len(p.password) for p in pools) > _ROOM:
        raise ValueError(f"the pools are too long for IceRiver's firmware ({_ROOM} characters)")


def pool_form(pools: Sequence[PoolConfig], machine: Mapping[str, object]) -> dict[str, str]:
    """The machine page's form for ``pools`` (slots beyond them blank), its fan fields as
    ``machine`` (the ``machineconfig?post=1`` data) reports them."""
    form: dict[str, str] = {}
    for slot in range(POOL_SLOTS):
        pool = pools[slot] if slot < len(pools) else PoolConfig("", "", "")
        number = slot + 1
        form[f"pool{number}address"] = pool.url.strip()
        form[f"pool{number}miner"] = pool.user.strip()
        form[f"pool{number}pwd"] = pool.password
    return {**form, **replies.fan_settings(machine), "post": "2"}
