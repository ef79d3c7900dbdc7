"""Simulated miners for driver tests, each on its own 127.0.3.x address."""

from __future__ import annotations

import itertools
from collections.abc import AsyncIterator, Awaitable, Callable

import pytest

from tests.simulator import SimulatedMiner

# 127.0.3.1-9 are for the tiny in-test servers; 127.0.3.20-29 for the CLI tests.
_ADDRESSES = (f"127.0.3.{n}" for n in itertools.cycle(range(100, 250)))

StartMiner = Callable[..., Awaitable[SimulatedMiner]]


def next_address() -> str:
    return next(_ADDRESSES)


@pytest.fixture
async def start_sim() -> AsyncIterator[StartMiner]:
    """Start simulated miners: ``sim = await start_sim("antminer-s19pro")``; stopped after."""
    started: list[SimulatedMiner] = []

    async def start(model: str, **options: object) -> SimulatedMiner:
        options.setdefault("password", "root")
        options.setdefault("reboot_seconds", 0.5)
        sim = SimulatedMiner(model, next_address(), **options)  # type: ignore[arg-type]
        await sim.start()
        started.append(sim)
        return sim

    yield start
    for sim in started:
        await sim.stop()


# Whatsminer tests live on 127.0.7.x: tiny raw servers on .1-9, CLI tests on .20-29.
_WM_ADDRESSES = (f"127.0.7.{n}" for n in itertools.cycle(range(30, 250)))


def next_wm_address() -> str:
    return next(_WM_ADDRESSES)


@pytest.fixture
async def start_wm() -> AsyncIterator[StartMiner]:
    """Start simulated Whatsminers: ``sim = await start_wm("whatsminer-m50s", write_api=True)``.

    Defaults: password "s3cret" (changed from the factory "admin"), write API off (as
    shipped), V3 account "super" with the same password, reboots of 0.3 s.
    """
    started: list[SimulatedMiner] = []

    async def start(model: str, **options: object) -> SimulatedMiner:
        options.setdefault("password", "s3cret")
        options.setdefault("reboot_seconds", 0.3)
        v3_password = options.pop("v3_password", options["password"])
        sim = SimulatedMiner(model, next_wm_address(), **options)  # type: ignore[arg-type]
        if v3_password is not None:
            sim.state.v3_passwords["super"] = v3_password  # type: ignore[attr-defined]
        await sim.start()
        started.append(sim)
        return sim

    yield start
    for sim in started:
        await sim.stop()
