"""For tests: a fixture starting simulated MSKMiners on given loopback addresses."""

from __future__ import annotations

import itertools
from collections.abc import Awaitable, Callable, Iterator
from typing import Any

from ..testing import sim_fixture
from .miner import MskSim

StartMsk = Callable[..., Awaitable[MskSim]]
S19_88 = "mskminer-s19-88"


def addresses(first: int, last: int) -> Iterator[str]:
    """127.0.102.<first> … .<last>, round and round (the MSKMiner tests' range)."""
    return itertools.cycle(f"127.0.102.{n}" for n in range(first, last + 1))


def msk_fixture(pool: Iterator[str]) -> Any:
    return sim_fixture(MskSim, pool, S19_88)
