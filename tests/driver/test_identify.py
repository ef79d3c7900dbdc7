"""get_miner / find_miner: which backend, which model, and None when nothing is there."""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import AsyncIterator

import pytest
from aiohttp import web

from custom_components.asic_miner.driver import (
    Credentials,
    MinerAuthenticationError,
    MinerConnectionError,
    MinerNotFoundError,
    MinerTimeoutError,
    find_miner,
    get_miner,
)
from custom_components.asic_miner.driver.backends.antminer.backend import (
    AntminerModern,
    AntminerOld,
)
from custom_components.asic_miner.driver.credentials import Firmware
from tests.simulator import Fault

from .conftest import StartMiner, next_address

EXPECTED = {
    "antminer-s19pro": (AntminerModern, "S19 Pro"),
    "antminer-s19jpro": (AntminerModern, "S19j Pro"),
    "antminer-s21": (AntminerModern, "S21"),
    "antminer-s9": (AntminerOld, "S9"),
}


@pytest.mark.parametrize("model", list(EXPECTED))
async def test_backend_and_normalised_model(start_sim: StartMiner, model: str) -> None:
    sim = await start_sim(model)
    miner = await get_miner(sim.address, timeout=3)
    assert miner is not None
    async with miner:
        assert (type(miner), miner.model) == EXPECTED[model]
        assert (miner.make, miner.firmware) == ("Antminer", "Stock")


async def test_nothing_listening_gives_none_at_once() -> None:
    address = next_address()
    started = time.monotonic()
    assert await get_miner(address, timeout=3) is None
    assert time.monotonic() - started < 1
    with pytest.raises(MinerConnectionError, match="refused"):
        await find_miner(address, timeout=3)


async def test_silence_gives_none_within_the_timeout(start_sim: StartMiner) -> None:
    sim = await start_sim("antminer-s19pro")
    sim.set_fault(Fault.SILENCE)
    started = time.monotonic()
    assert await get_miner(sim.address, timeout=0.8) is None
    assert time.monotonic() - started < 1.5
    with pytest.raises(MinerTimeoutError):
        await find_miner(sim.address, timeout=0.8)


@contextlib.asynccontextmanager
async def _plain_web_server(address: str, page: str) -> AsyncIterator[None]:
    async def index(_: web.Request) -> web.Response:
        return web.Response(text=page, content_type="text/html")

    app = web.Application()
    app.add_routes([web.get("/", index)])
    runner = web.AppRunner(app, shutdown_timeout=0.1)
    await runner.setup()
    await web.TCPSite(runner, address, 80).start()
    try:
        yield
    finally:
        await runner.cleanup()


async def test_a_web_server_that_is_no_miner_gives_none() -> None:
    address = next_address()
    async with _plain_web_server(address, "<html><title>Printer</title>Ready</html>"):
        assert await get_miner(address, timeout=2) is None
        with pytest.raises(MinerNotFoundError, match="not as a known miner"):
            await find_miner(address, timeout=2)


async def test_innominer_in_a_version_reply_is_found_as_innosilicon() -> None:
    """Innosilicon once had no backend here (named "not supported yet"); now its daemon's
    name in a version reply finds its backend, the model left to the first poll."""
    address = next_address()
    # Innosilicon's daemon names itself InnoMiner in its version reply (cgminer's shape).
    version = (
        b'{"STATUS":[{"STATUS":"S","When":1,"Code":22,"Msg":"InnoMiner versions"}],'
        b'"VERSION":[{"InnoMiner":"1.0.0","API":"3.1"}],"id":1}'
    )

    async def answer(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await reader.read(1000)
        writer.write(version)
        await writer.drain()
        writer.close()

    server = await asyncio.start_server(answer, address, 4028)
    try:
        miner = await get_miner(address, timeout=2)
        assert miner is not None
        async with miner:
            assert (miner.make, miner.firmware, miner.model) == ("Innosilicon", "Innosilicon", None)
    finally:
        server.close()
        await server.wait_closed()


async def test_web_identifies_when_rpc_is_silent(start_sim: StartMiner) -> None:
    sim = await start_sim("antminer-s21")
    sim.set_fault(Fault.SILENCE, protocol="rpc")
    started = time.monotonic()
    miner = await get_miner(sim.address, timeout=4)
    assert time.monotonic() - started < 2.5  # the web decided; no wait for the silent RPC
    assert miner is not None
    async with miner:
        assert (type(miner), miner.model) == (AntminerModern, "S21")


async def test_wrong_password_still_identifies_then_polls_fail_with_auth(
    start_sim: StartMiner,
) -> None:
    sim = await start_sim("antminer-s19pro", password="not-root")
    miner = await get_miner(sim.address, timeout=3)
    assert miner is not None
    async with miner:
        assert miner.model == "S19 Pro"
        with pytest.raises(MinerAuthenticationError):
            await miner.get_data()
        with pytest.raises(MinerAuthenticationError):
            await miner.fault_light_on()
    assert sim.state.fault_light is False

    miner = await get_miner(sim.address, credentials=Credentials(password="not-root"), timeout=3)
    assert miner is not None
    async with miner:
        assert (await miner.get_data()).mac == sim.mac


async def test_a_firmware_marker_on_rpc_beats_the_shared_antminer_realm() -> None:
    # Hiveon serves the stock "antMiner" digest realm; only its RPC tells it apart.
    address = next_address()
    version = (
        b'{"STATUS":[{"STATUS":"S","Code":22,"Msg":"CGMiner versions"}],'
        b'"VERSION":[{"CGMiner":"4.11.1","API":"3.7","Type":"Antminer S19 Hiveon"}],"id":1}'
    )

    async def slow_rpc(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await reader.read(1000)
        await asyncio.sleep(0.3)  # the web probe answers first
        writer.write(version)
        await writer.drain()
        writer.close()

    async def locked(_: web.Request) -> web.Response:
        challenge = 'Digest realm="antMiner Configuration", nonce="n1", qop="auth"'
        return web.Response(status=401, headers={"WWW-Authenticate": challenge})

    app = web.Application()
    app.add_routes([web.get("/", locked)])
    runner = web.AppRunner(app, shutdown_timeout=0.1)
    await runner.setup()
    await web.TCPSite(runner, address, 80).start()
    rpc = await asyncio.start_server(slow_rpc, address, 4028)
    try:
        miner = await find_miner(address, timeout=3)
        await miner.close()
        assert (miner.family, miner.model) == (Firmware.HIVEON, "S19")
    finally:
        rpc.close()
        await rpc.wait_closed()
        await runner.cleanup()
