"""Fault behaviour the driver relies on: DROP is a reset, stop() leaves no handler behind."""

from __future__ import annotations

import asyncio

import aiohttp
import pytest

from tests.simulator import Fault

from .client import rpc_raw
from .conftest import MinerFactory


async def test_rpc_drop_is_a_connection_reset(start_miner: MinerFactory) -> None:
    sim = await start_miner()
    full = await rpc_raw(sim.address, "summary")
    sim.set_fault(Fault.DROP, protocol="rpc")
    reader, writer = await asyncio.open_connection(sim.address, 4028)
    received = bytearray()

    async def read_all() -> None:
        while chunk := await asyncio.wait_for(reader.read(65536), 5):
            received.extend(chunk)

    try:
        writer.write(b'{"command":"summary"}')
        await writer.drain()
        with pytest.raises(ConnectionResetError):
            await read_all()
    finally:
        writer.close()
    assert 0 < len(received) < len(full)  # part of the reply came first
    assert full.startswith(bytes(received))


async def test_rpc_truncated_stays_a_clean_close(start_miner: MinerFactory) -> None:
    sim = await start_miner()
    sim.set_fault(Fault.TRUNCATED, protocol="rpc")
    data = await rpc_raw(sim.address, "summary")  # EOF, no reset
    assert data.startswith(b'{"STATUS"')


async def test_stop_ends_delayed_web_handlers(start_miner: MinerFactory) -> None:
    sim = await start_miner()
    sim.set_fault(Fault.DELAY, seconds=30, protocol="http")

    async def fetch() -> None:
        async with (
            aiohttp.ClientSession(
                middlewares=(aiohttp.DigestAuthMiddleware("root", "root"),)
            ) as session,
            session.get(f"http://{sim.address}/cgi-bin/get_system_info.cgi") as resp,
        ):
            await resp.read()

    before = asyncio.all_tasks()
    client = asyncio.create_task(fetch())
    await asyncio.sleep(0.3)  # the handler is asleep under the delay now
    loop = asyncio.get_running_loop()
    started = loop.time()
    await sim.stop()
    assert loop.time() - started < 0.25  # not waiting out the shutdown timeout
    with pytest.raises(aiohttp.ClientError):
        await asyncio.wait_for(client, 2)
    await asyncio.sleep(0)
    lingering = [t for t in asyncio.all_tasks() - before if not t.done()]
    assert lingering == [asyncio.current_task()] or not lingering
