"""Simulated miners for the concurrency tests, on 127.0.20.x: one per family, writes enabled.

Driver tests take 127.0.20.10-99; the Home Assistant tests 127.0.20.100-199.
"""

from __future__ import annotations

import itertools
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass

import pytest

from custom_components.asic_miner.driver import Credentials, Miner, get_miner
from tests.simulator import SimulatedMiner

PASSWORD = "s3cret"
FAMILIES = ("antminer-s19pro", "antminer-s9", "whatsminer-m50s", "whatsminer-m60s")
_ADDRESSES = (f"127.0.20.{n}" for n in itertools.cycle(range(10, 100)))


def start_options(model: str) -> dict[str, object]:
    """Writes enabled: the Antminer's web login, the Whatsminer's write API and password."""
    if model.startswith("whatsminer"):
        return {"password": PASSWORD, "write_api": True, "reboot_seconds": 0.3}
    return {"password": PASSWORD, "reboot_seconds": 0.3}


def credentials(model: str) -> Credentials:
    return Credentials("root" if model.startswith("antminer") else None, PASSWORD)


async def start_simulator(model: str, address: str) -> SimulatedMiner:
    sim = SimulatedMiner(model, address, **start_options(model))  # type: ignore[arg-type]
    if sim.api_version == 3:
        sim.state.v3_passwords["super"] = PASSWORD  # type: ignore[attr-defined]
    await sim.start()
    return sim


@dataclass
class Pair:
    """A simulated miner and the driver's Miner for it."""

    sim: SimulatedMiner
    miner: Miner


type StartPair = Callable[[str], Awaitable[Pair]]


@pytest.fixture
async def start_pair() -> AsyncIterator[StartPair]:
    """``pair = await start_pair("antminer-s9")``: both are closed after the test."""
    opened: list[Pair] = []

    async def start(model: str) -> Pair:
        sim = await start_simulator(model, next(_ADDRESSES))
        miner = await get_miner(sim.address, credentials=credentials(model), timeout=5.0)
        pair = Pair(sim, miner)
        opened.append(pair)
        return pair

    yield start
    for pair in opened:
        await pair.miner.close()
        await pair.sim.stop()
