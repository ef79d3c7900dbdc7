"""For tests: a fixture starting simulated Elphapex miners on given loopback addresses."""

from __future__ import annotations

import itertools
from collections.abc import Awaitable, Callable, Iterator
from typing import Any

from ..testing import sim_fixture
from .miner import ElphapexSim

StartElphapex = Callable[..., Awaitable[ElphapexSim]]
DG1_PLUS = "elphapex-dg1plus"


def addresses(octet: int, first: int, last: int) -> Iterator[str]:
    """127.0.<octet>.<first> … .<last>, round and round."""
    return itertools.cycle(f"127.0.{octet}.{n}" for n in range(first, last + 1))


def elphapex_fixture(pool: Iterator[str]) -> Any:
    return sim_fixture(ElphapexSim, pool, DG1_PLUS)
