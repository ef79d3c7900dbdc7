"""For tests: a fixture starting simulated Innosilicon miners on given loopback addresses."""

from __future__ import annotations

import itertools
from collections.abc import Awaitable, Callable, Iterator
from typing import Any

from ..testing import sim_fixture
from .miner import InnoSim

StartInno = Callable[..., Awaitable[InnoSim]]
A9 = "innosilicon-a9"


def addresses(third: int, first: int, last: int) -> Iterator[str]:
    return itertools.cycle(f"127.0.{third}.{n}" for n in range(first, last + 1))


def inno_fixture(pool: Iterator[str], model: str = A9) -> Any:
    return sim_fixture(InnoSim, pool, model)
