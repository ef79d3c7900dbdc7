"""For tests: a fixture starting simulated Auradine miners on given loopback addresses, and
the driver connected to one (found by ``find_miner``, as a user's scan finds it)."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from typing import Any

from custom_components.asic_miner.driver import Credentials, Miner, find_miner

from ..testing import sim_fixture
from .miner import AuradineSim

AT1500 = "auradine-at1500"  # the captured miner
AT2880 = "auradine-at2880"  # built from its replies with the AT2880's hardware


def addresses(third: int, first: int, last: int) -> Iterator[str]:
    """127.0.<third>.<first> … .<last>, round and round (Auradine's tests: 127.0.109.x)."""
    return itertools.cycle(f"127.0.{third}.{n}" for n in range(first, last + 1))


def auradine_fixture(pool: Iterator[str], model: str = AT1500) -> Any:
    return sim_fixture(AuradineSim, pool, model)


async def connect(sim: AuradineSim, password: str | None = None, seconds: float = 3.0) -> Miner:
    credentials = Credentials(password=password) if password is not None else None
    return await find_miner(sim.address, credentials=credentials, timeout=seconds)
