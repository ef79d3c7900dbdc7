"""Injected faults: each surfaces as the right driver error, within the timeout."""

from __future__ import annotations

import asyncio
import time

import pytest

from custom_components.asic_miner.driver import (
    Miner,
    MinerAuthenticationError,
    MinerConnectionError,
    MinerProtocolError,
    MinerTimeoutError,
    get_miner,
)
from tests.simulator import Fault, SimulatedMiner

from .conftest import StartMiner

TIMEOUT = 0.8


async def _identified(
    start_sim: StartMiner, model: str = "antminer-s19pro"
) -> tuple[SimulatedMiner, Miner]:
    sim = await start_sim(model)
    miner = await get_miner(sim.address, timeout=TIMEOUT)
    assert miner is not None
    return sim, miner


@pytest.mark.parametrize(
    ("fault", "seconds", "error"),
    [
        (Fault.DELAY, 3.0, MinerTimeoutError),
        (Fault.SILENCE, 0.0, MinerTimeoutError),
        (Fault.GARBAGE, 0.0, MinerProtocolError),
        (Fault.TRUNCATED, 0.0, MinerProtocolError),
        # The simulator drops the link with a reset mid-reply: the connection broke.
        (Fault.DROP, 0.0, MinerConnectionError),
    ],
)
async def test_rpc_fault_fails_the_poll(
    start_sim: StartMiner, fault: Fault, seconds: float, error: type[Exception]
) -> None:
    sim, miner = await _identified(start_sim)
    async with miner:
        sim.set_fault(fault, seconds=seconds, protocol="rpc")
        started = time.monotonic()
        with pytest.raises(error):
            await miner.get_data()
        assert time.monotonic() - started < TIMEOUT + 0.7
        sim.clear_faults()
        assert (await miner.get_data()).hashrate


@pytest.mark.parametrize("fault", [Fault.GARBAGE, Fault.TRUNCATED, Fault.DROP, Fault.DELAY])
async def test_web_fault_leaves_the_mining_figures(start_sim: StartMiner, fault: Fault) -> None:
    # The web only carries optional reads: the poll goes on without them.
    sim, miner = await _identified(start_sim)
    delay = TIMEOUT + 0.4
    async with miner:
        sim.set_fault(fault, seconds=delay, protocol="http")
        started = time.monotonic()
        data = await miner.get_data()
        assert time.monotonic() - started < TIMEOUT + 0.7
        if fault is Fault.DELAY:
            # The simulator's stop() leaves delayed handlers running: let them finish first.
            await asyncio.sleep(max(0.0, started + delay + 0.1 - time.monotonic()))
    assert data.hashrate == pytest.approx(sim.hashrate_ths, abs=0.01)
    assert len(data.hashboards) == 3
    assert (data.mac, data.hostname, data.fault_light) == (None, None, None)


async def test_wrong_password_fails_the_poll_with_auth(start_sim: StartMiner) -> None:
    sim, miner = await _identified(start_sim)
    async with miner:
        sim.set_fault(Fault.WRONG_PASSWORD)
        with pytest.raises(MinerAuthenticationError):
            await miner.get_data()
        with pytest.raises(MinerAuthenticationError):
            await miner.stop_mining()
        assert sim.state.mining is True
        sim.clear_faults()
        assert (await miner.get_data()).mac == sim.mac


async def test_offline_miner_is_a_connection_error(start_sim: StartMiner) -> None:
    sim, miner = await _identified(start_sim, "antminer-s9")
    async with miner:
        await sim.go_offline()
        started = time.monotonic()
        with pytest.raises(MinerConnectionError) as caught:
            await miner.get_data()
        assert not isinstance(caught.value, MinerTimeoutError)
        assert time.monotonic() - started < 0.5
        await sim.come_back()
        assert (await miner.get_data()).hashrate


async def test_controls_time_out_within_the_limit(start_sim: StartMiner) -> None:
    sim, miner = await _identified(start_sim)
    async with miner:
        sim.set_fault(Fault.SILENCE, protocol="http")
        started = time.monotonic()
        with pytest.raises(MinerTimeoutError):
            await miner.fault_light_on()
        assert time.monotonic() - started < TIMEOUT + 0.7
