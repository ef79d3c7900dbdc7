"""For tests: a fixture starting simulated LuxOS miners on given loopback addresses, and
the driver connected to one (found by ``find_miner``, as a user's scan finds it)."""

from __future__ import annotations

import itertools
from collections.abc import Awaitable, Callable, Iterator
from typing import Any

from custom_components.asic_miner.driver import Miner, find_miner

from ..testing import sim_fixture
from .miner import LuxosSim

StartLuxos = Callable[..., Awaitable[LuxosSim]]
S19K = "luxos-s19kpro"


def addresses(third: int, first: int, last: int) -> Iterator[str]:
    """127.0.<third>.<first> … .<last>, round and round (LuxOS tests: 127.0.95-96.x)."""
    return itertools.cycle(f"127.0.{third}.{n}" for n in range(first, last + 1))


def luxos_fixture(pool: Iterator[str]) -> Any:
    return sim_fixture(LuxosSim, pool, S19K)


async def connect(sim: LuxosSim, seconds: float = 3.0) -> Miner:
    return await find_miner(sim.address, timeout=seconds)
