"""For tests: a pytest fixture starting simulated Braiins OS REST miners on 127.0.72.x.

``bos_fixture(first, last)`` makes a ``start_bos(model="braiins-s21-bos", **options)``
fixture whose miners take the addresses 127.0.72.<first> … <last> in turn (each test
module its own span), restart in 0.3 s and are stopped after the test.
"""

from __future__ import annotations

import itertools
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

import pytest

from .miner import BosRestSim

StartBos = Callable[..., Awaitable[BosRestSim]]
THIRD_OCTET = 72


def bos_fixture(first: int, last: int) -> Any:
    pool = itertools.cycle(f"127.0.{THIRD_OCTET}.{n}" for n in range(first, last + 1))

    @pytest.fixture
    async def start_bos() -> AsyncIterator[StartBos]:
        started: list[BosRestSim] = []

        async def start(model: str = "braiins-s21-bos", **options: Any) -> BosRestSim:
            options.setdefault("reboot_seconds", 0.3)
            sim = BosRestSim(model, next(pool), **options)
            await sim.start()
            started.append(sim)
            return sim

        yield start
        for sim in started:
            await sim.stop()

    return start_bos
