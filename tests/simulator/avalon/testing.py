"""A pytest fixture starting simulated Avalons on the addresses given to it.

``start_avalon(model, **options)`` returns a started AvalonSim, stopped after the test;
reboots take 0.3 s unless ``reboot_seconds`` says otherwise.
"""

from __future__ import annotations

import itertools
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from typing import Any

import pytest

from .miner import AvalonSim

StartAvalon = Callable[..., Awaitable[AvalonSim]]


def addresses(third_octet: int) -> Iterator[str]:
    """127.0.<third_octet>.10 … .250, round and round."""
    return itertools.cycle(f"127.0.{third_octet}.{n}" for n in range(10, 251))


def avalon_fixture(pool: Iterator[str]) -> Any:
    """A ``start_avalon`` fixture that takes its addresses from ``pool``."""

    @pytest.fixture
    async def start_avalon() -> AsyncIterator[StartAvalon]:
        started: list[AvalonSim] = []

        async def start(model: str, **options: Any) -> AvalonSim:
            options.setdefault("reboot_seconds", 0.3)
            sim = AvalonSim(model, next(pool), **options)
            await sim.start()
            started.append(sim)
            return sim

        yield start
        for sim in started:
            await sim.stop()

    return start_avalon
