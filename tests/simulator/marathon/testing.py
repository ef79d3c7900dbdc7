"""For tests: a fixture starting simulated MARA miners on given loopback addresses, and
the driver connected to one (found by ``find_miner``, as a user's scan finds it)."""

from __future__ import annotations

import itertools
from collections.abc import Awaitable, Callable, Iterator
from typing import Any

from custom_components.asic_miner.driver import Credentials, Miner, find_miner

from ..testing import sim_fixture
from .miner import MaraSim

StartMara = Callable[..., Awaitable[MaraSim]]
KS5PRO = "marathon-ks5pro"  # the captured miners
S19XP = "marathon-s19xp"  # built from their replies with the S19 XP's figures


def addresses(third: int, first: int, last: int) -> Iterator[str]:
    """127.0.<third>.<first> … .<last>, round and round (MARA's tests: 127.0.99-100.x)."""
    return itertools.cycle(f"127.0.{third}.{n}" for n in range(first, last + 1))


def mara_fixture(pool: Iterator[str], model: str = KS5PRO) -> Any:
    return sim_fixture(MaraSim, pool, model)


async def connect(sim: MaraSim, password: str | None = None, seconds: float = 3.0) -> Miner:
    credentials = Credentials(password=password) if password is not None else None
    return await find_miner(sim.address, credentials=credentials, timeout=seconds)
