"""For tests: a fixture starting simulated VNish miners on given loopback addresses, and
the driver connected to one (found by ``find_miner``, as a user's scan finds it)."""

from __future__ import annotations

import itertools
from collections.abc import Awaitable, Callable, Iterator
from typing import Any

from custom_components.asic_miner.driver import Credentials, Miner, find_miner

from ..testing import sim_fixture
from .miner import VnishSim

StartVnish = Callable[..., Awaitable[VnishSim]]
AIR, HYDRO = "vnish-s19pro", "vnish-s21plus-hydro"


def addresses(first: int, last: int) -> Iterator[str]:
    """127.0.73.<first> … .<last>, round and round (the VNish tests' range)."""
    return itertools.cycle(f"127.0.73.{n}" for n in range(first, last + 1))


def vnish_fixture(pool: Iterator[str]) -> Any:
    return sim_fixture(VnishSim, pool, AIR)


async def connect(sim: VnishSim, password: str | None = None, seconds: float = 3.0) -> Miner:
    credentials = Credentials(password=password) if password is not None else None
    return await find_miner(sim.address, credentials=credentials, timeout=seconds)
