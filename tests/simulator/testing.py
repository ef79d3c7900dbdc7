"""For tests: the pytest fixture each family's testing.py builds, starting simulated miners
on the addresses given to it."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from typing import Any

import pytest

from .lifecycle import SimLifecycle


def sim_fixture[S: SimLifecycle](make: Callable[..., S], pool: Iterator[str], model: str) -> Any:
    """A fixture giving ``start(model=<model>, **options)``: a started sim on the next
    address of ``pool``, rebooting in 0.3 s unless ``reboot_seconds`` says otherwise, and
    stopped after the test."""

    @pytest.fixture
    async def start_sims() -> AsyncIterator[Callable[..., Awaitable[S]]]:
        started: list[S] = []

        async def start(model: str = model, **options: Any) -> S:
            options.setdefault("reboot_seconds", 0.3)
            sim = make(model, next(pool), **options)
            await sim.start()
            started.append(sim)
            return sim

        yield start
        for sim in started:
            await sim.stop()

    return start_sims
