"""Memory of the bare driver over many polls, faults included (no Home Assistant).

The soak (test_soak.py) judges a whole Home Assistant by its resident memory; these tests
pin down the driver's own share with tracemalloc, quickly, on one address range
(127.0.86.x): an error a caller keeps must not keep the failed request alive, on stock
firmware and on Braiins OS (its REST API: nine reads a poll, a login token) and VNish.
"""

from __future__ import annotations

import asyncio
import gc
import tracemalloc
from collections.abc import AsyncIterator, Iterator

import aiohttp
import pytest

from custom_components.asic_miner.driver import AsicMinerError, Credentials, Miner, find_miner
from tests.simulator import Fault, Fleet, SimulatedMiner

from .fleet import describe, miner_at

TIMEOUT = 0.5  # s: a silent miner fails the poll this soon
KEPT = 20  # errors kept at once, as 20 coordinators keep their last one
# What one kept error may hold: its traceback's frames and messages, not the connection,
# read buffers and half-read reply of the request that failed (15 to 40 KiB before).
BYTES_PER_KEPT_ERROR = 8 * 1024

MODELS = {
    "antminer-s19pro": "127.0.86.1",
    "whatsminer-m60s": "127.0.86.2",
    "braiins-s21-bos": "127.0.86.3",
    "vnish-s19pro": "127.0.86.4",
}
PARAMS = sorted(MODELS)


@pytest.fixture
def traced() -> Iterator[None]:
    tracemalloc.start(1)
    try:
        yield
    finally:
        tracemalloc.stop()


async def _driver(model: str) -> AsyncIterator[tuple[SimulatedMiner, Miner]]:
    fleet = Fleet([miner_at(model, MODELS[model])])  # as the soak makes it
    (info,) = describe(fleet)
    async with fleet, aiohttp.ClientSession() as session:
        (sim,) = fleet
        miner = await find_miner(
            sim.address,
            credentials=Credentials(info["username"], info["password"]),
            session=session,
            timeout=TIMEOUT,
        )
        async with miner:
            yield sim, miner


@pytest.fixture(params=PARAMS)
async def driver(request: pytest.FixtureRequest) -> AsyncIterator[tuple[SimulatedMiner, Miner]]:
    async for pair in _driver(request.param):
        yield pair


def _traced_now() -> int:
    gc.collect()
    return tracemalloc.get_traced_memory()[0]


async def _failed_poll(miner: Miner) -> AsicMinerError:
    with pytest.raises(AsicMinerError) as caught:
        await miner.get_data()
    return caught.value


@pytest.mark.parametrize("fault", [Fault.DROP, Fault.SILENCE])
async def test_a_kept_error_lets_the_failed_request_go(
    driver: tuple[SimulatedMiner, Miner], fault: Fault, traced: None
) -> None:
    sim, miner = driver
    await miner.get_data()
    sim.set_fault(fault)
    kept = list(await asyncio.gather(*(_failed_poll(miner) for _ in range(KEPT))))
    sim.clear_faults()
    await miner.get_data()  # the connections of the failed polls are over
    with_errors = _traced_now()
    kept.clear()
    held = (with_errors - _traced_now()) / KEPT
    assert held <= BYTES_PER_KEPT_ERROR, f"a kept error holds {held / 1024:.1f} KiB"
