"""ESP-Miner polls when the network or the miner misbehaves: each failure is the driver
error that names it, and the next good answer reads normally. On 127.0.43.130-250.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable

import pytest

from custom_components.asic_miner.driver import (
    ConnectionDroppedError,
    Miner,
    MinerConnectionError,
    MinerProtocolError,
    MinerRefusedError,
    MinerTimeoutError,
)
from custom_components.asic_miner.driver.transport.json_repair import TruncatedReplyError
from tests.simulator.espminer import EspMinerSim
from tests.simulator.espminer.testing import StartEsp, addresses, esp_fixture
from tests.simulator.faults import Fault

from .test_espminer_identify import identify

start_esp = esp_fixture(addresses(43, 130, 250))
TIMEOUT = 0.6

Connect = Callable[[str], Awaitable[tuple[EspMinerSim, Miner]]]


@pytest.fixture
async def connect(start_esp: StartEsp) -> AsyncIterator[Connect]:
    opened: list[Miner] = []

    async def start(model: str) -> tuple[EspMinerSim, Miner]:
        sim = await start_esp(model)
        miner = await identify(sim.address, seconds=TIMEOUT)
        opened.append(miner)
        return sim, miner

    yield start
    for miner in opened:
        await miner.close()


FAULTS: dict[Fault, type[Exception]] = {
    Fault.DELAY: MinerTimeoutError,
    Fault.SILENCE: MinerTimeoutError,
    Fault.GARBAGE: MinerProtocolError,
    Fault.TRUNCATED: MinerProtocolError,
    Fault.DROP: ConnectionDroppedError,
}


@pytest.mark.parametrize("fault", list(FAULTS))
@pytest.mark.parametrize("model", ["espminer-bitaxe-gamma", "espminer-nerdqaxe-pp"])
async def test_each_fault_is_its_driver_error_and_passes(
    connect: Connect, model: str, fault: Fault
) -> None:
    sim, miner = await connect(model)
    sim.set_fault(fault, seconds=TIMEOUT * 3)
    with pytest.raises(FAULTS[fault]):
        await miner.get_data()
    sim.clear_faults()
    data = await miner.get_data()
    assert data.hashrate
    assert data.mac == sim.mac


async def test_a_truncated_reply_is_no_partial_poll(connect: Connect) -> None:
    sim, miner = await connect("espminer-bitaxe-gamma")
    sim.set_fault(Fault.TRUNCATED)
    # Cut back to its last complete field it would parse: it is refused whole instead.
    with pytest.raises(TruncatedReplyError):
        await miner.get_data()


async def test_a_miner_gone_away_is_refused_then_read_again(connect: Connect) -> None:
    sim, miner = await connect("espminer-bitaxe-supra-2.4")
    await miner.get_data()
    await sim.go_offline()
    with pytest.raises(MinerRefusedError):
        await miner.get_data()
    with pytest.raises(MinerConnectionError):
        await miner.get_mac()
    await sim.come_back()
    assert (await miner.get_data()).model == "Supra"


async def test_a_poll_while_the_miner_restarts(connect: Connect) -> None:
    sim, miner = await connect("espminer-bitaxe-gamma")
    sim.reboot_seconds = 0.5
    await miner.reboot()
    await wait_for(lambda: not sim.online)  # it answers first, then goes down
    with pytest.raises(MinerConnectionError):
        await miner.get_data()
    await wait_for(lambda: sim.online)
    data = await miner.get_data()
    assert data.uptime is not None
    assert data.uptime < 2


async def wait_for(condition: Callable[[], bool], seconds: float = 3.0) -> None:
    for _ in range(int(seconds / 0.02)):
        if condition():
            return
        await asyncio.sleep(0.02)
    raise AssertionError(f"not so within {seconds} s")
