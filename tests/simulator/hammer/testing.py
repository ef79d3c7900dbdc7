"""For tests: a fixture starting simulated Hammer miners on given loopback addresses."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterator
from typing import Any

from ..elphapex.testing import addresses
from ..testing import sim_fixture
from .miner import HammerSim

StartHammer = Callable[..., Awaitable[HammerSim]]
D10 = "hammer-d10"
__all__ = ["D10", "StartHammer", "addresses", "hammer_fixture"]


def hammer_fixture(pool: Iterator[str]) -> Any:
    return sim_fixture(HammerSim, pool, D10)
