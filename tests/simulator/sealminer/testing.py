"""For tests: a fixture starting simulated SealMiners on given loopback addresses, and the
driver connected to one (found by ``find_miner``, as a user's scan finds it)."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from typing import Any

from custom_components.asic_miner.driver import Credentials, Miner, find_miner

from ..testing import sim_fixture
from .miner import SealSim

A2 = "sealminer-a2"


def addresses(third: int, first: int, last: int) -> Iterator[str]:
    """127.0.<third>.<first> … .<last>, round and round (SealMiner's tests: 127.0.110.x)."""
    return itertools.cycle(f"127.0.{third}.{n}" for n in range(first, last + 1))


def seal_fixture(pool: Iterator[str], model: str = A2) -> Any:
    return sim_fixture(SealSim, pool, model)


async def connect(sim: SealSim, password: str | None = None, seconds: float = 3.0) -> Miner:
    credentials = Credentials(password=password) if password is not None else None
    return await find_miner(sim.address, credentials=credentials, timeout=seconds)
