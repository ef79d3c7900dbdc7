"""Simulated miners for the simulator's own tests, on 127.0.2.x."""

from __future__ import annotations

import itertools
from collections.abc import AsyncIterator, Callable, Coroutine
from typing import Any

import pytest

from tests.simulator import SimulatedMiner

_addresses = itertools.cycle(f"127.0.2.{n}" for n in range(10, 250))

MinerFactory = Callable[..., Coroutine[Any, Any, SimulatedMiner]]


@pytest.fixture
async def start_miner() -> AsyncIterator[MinerFactory]:
    """start_miner(model, **options) -> a started SimulatedMiner, stopped at teardown."""
    started: list[SimulatedMiner] = []

    async def factory(model: str = "antminer-s19pro", **options: Any) -> SimulatedMiner:
        miner = SimulatedMiner(model, next(_addresses), **options)
        await miner.start()
        started.append(miner)
        return miner

    yield factory
    for miner in started:
        await miner.stop()


_wm_addresses = itertools.cycle(f"127.0.6.{n}" for n in range(10, 250))


@pytest.fixture
async def start_whatsminer() -> AsyncIterator[MinerFactory]:
    """start_whatsminer(model, **options) -> a started simulated Whatsminer on 127.0.6.x."""
    started: list[SimulatedMiner] = []

    async def factory(model: str = "whatsminer-m50s", **options: Any) -> SimulatedMiner:
        options.setdefault("reboot_seconds", 0.3)
        miner = SimulatedMiner(model, next(_wm_addresses), **options)
        await miner.start()
        started.append(miner)
        return miner

    yield factory
    for miner in started:
        await miner.stop()
