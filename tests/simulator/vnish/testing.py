"""For tests: a fixture starting simulated VNish miners on given loopback addresses, and
the driver connected to one (found by ``find_miner``, as a user's scan finds it)."""

from __future__ import annotations

import itertools
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from typing import Any

import pytest

from custom_components.asic_miner.driver import Credentials, Miner, find_miner

from .miner import VnishSim

StartVnish = Callable[..., Awaitable[VnishSim]]
AIR, HYDRO = "vnish-s19pro", "vnish-s21plus-hydro"


def addresses(first: int, last: int) -> Iterator[str]:
    """127.0.73.<first> … .<last>, round and round (the VNish tests' range)."""
    return itertools.cycle(f"127.0.73.{n}" for n in range(first, last + 1))


def vnish_fixture(pool: Iterator[str]) -> Any:
    @pytest.fixture
    async def start_vnish() -> AsyncIterator[StartVnish]:
        started: list[VnishSim] = []

        async def start(model: str = AIR, **options: Any) -> VnishSim:
            options.setdefault("reboot_seconds", 0.3)
            sim = VnishSim(model, next(pool), **options)
            await sim.start()
            started.append(sim)
            return sim

        yield start
        for sim in started:
            await sim.stop()

    return start_vnish


async def connect(sim: VnishSim, password: str | None = None, seconds: float = 3.0) -> Miner:
    credentials = Credentials(password=password) if password is not None else None
    return await find_miner(sim.address, credentials=credentials, timeout=seconds)
