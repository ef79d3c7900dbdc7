"""For tests: a fixture starting simulated IceRiver miners, and the driver connected to one
(found by ``find_miner``, as a user's scan finds it)."""

from __future__ import annotations

import itertools
from collections.abc import Awaitable, Callable, Iterator
from typing import Any

from custom_components.asic_miner.driver import Credentials, Miner, find_miner

from ..testing import sim_fixture
from .miner import IceRiverSim

StartIceRiver = Callable[..., Awaitable[IceRiverSim]]
KS3M = "iceriver-ks3m"


def addresses(third: int, first: int, last: int) -> Iterator[str]:
    return itertools.cycle(f"127.0.{third}.{n}" for n in range(first, last + 1))


def iceriver_fixture(pool: Iterator[str], model: str = KS3M) -> Any:
    return sim_fixture(IceRiverSim, pool, model)


async def connect(sim: IceRiverSim, password: str | None = None, seconds: float = 3.0) -> Miner:
    credentials = Credentials(password=password) if password is not None else None
    return await find_miner(sim.address, credentials=credentials, timeout=seconds)
