"""For tests: a fixture starting simulated Goldshell miners on given loopback addresses,
and the driver connected to one (found by ``find_miner``, as a user's scan finds it)."""

from __future__ import annotations

import itertools
from collections.abc import Awaitable, Callable, Iterator
from typing import Any

from custom_components.asic_miner.driver import Credentials, Miner, find_miner

from ..testing import sim_fixture
from .miner import GoldshellSim

StartGoldshell = Callable[..., Awaitable[GoldshellSim]]
SCLITE = "goldshell-sclite"  # captured
SCBOX = "goldshell-scbox"  # captured; its devs read answers 500
MINIDOGE = "goldshell-minidoge"  # Scrypt, in the captured shapes
CK5 = "goldshell-ck5"  # Eaglesong, with foreman-apps' captured rows


def addresses(third: int, first: int, last: int) -> Iterator[str]:
    """127.0.<third>.<first> … .<last>, round and round (Goldshell's: 127.0.103-104.x)."""
    return itertools.cycle(f"127.0.{third}.{n}" for n in range(first, last + 1))


def goldshell_fixture(pool: Iterator[str], model: str = SCLITE) -> Any:
    return sim_fixture(GoldshellSim, pool, model)


async def connect(sim: GoldshellSim, password: str | None = None, seconds: float = 3.0) -> Miner:
    credentials = Credentials(password=password) if password is not None else None
    return await find_miner(sim.address, credentials=credentials, timeout=seconds)
