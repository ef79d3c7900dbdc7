"""For tests: a fixture starting simulated Hiveon Antminers on given loopback addresses."""

from __future__ import annotations

import itertools
from collections.abc import Awaitable, Callable, Iterator
from typing import Any

from ..testing import sim_fixture
from .miner import HiveonSim

StartHiveon = Callable[..., Awaitable[HiveonSim]]
S9 = "hiveon-s9"


def addresses(first: int, last: int) -> Iterator[str]:
    """127.0.101.<first> … .<last>, round and round (the Hiveon tests' range)."""
    return itertools.cycle(f"127.0.101.{n}" for n in range(first, last + 1))


def hiveon_fixture(pool: Iterator[str]) -> Any:
    return sim_fixture(HiveonSim, pool, S9)
