"""For tests: a fixture starting simulated ePIC miners on given loopback addresses, and
the driver connected to one (found by ``find_miner``, as a user's scan finds it)."""

from __future__ import annotations

import itertools
from collections.abc import Awaitable, Callable, Iterator
from typing import Any

from custom_components.asic_miner.driver import Credentials, Miner, find_miner

from ..testing import sim_fixture
from .miner import EpicSim

StartEpic = Callable[..., Awaitable[EpicSim]]
S19XP, S19XP_POWER = "epic-s19xp", "epic-s19xp-power"


def addresses(third: int, first: int, last: int) -> Iterator[str]:
    """127.0.<third>.<first> … .<last>, round and round (ePIC's tests: 127.0.97-98.x)."""
    return itertools.cycle(f"127.0.{third}.{n}" for n in range(first, last + 1))


def epic_fixture(pool: Iterator[str], model: str = S19XP) -> Any:
    return sim_fixture(EpicSim, pool, model)


async def connect(sim: EpicSim, password: str | None = None, seconds: float = 3.0) -> Miner:
    credentials = Credentials(password=password) if password is not None else None
    return await find_miner(sim.address, credentials=credentials, timeout=seconds)
