"""Injected faults on both protocols."""

from __future__ import annotations

import asyncio
import contextlib
import json
import time

import aiohttp
import pytest

from tests.simulator import Fault

from .client import rpc, rpc_raw, web
from .conftest import MinerFactory

NOT_JSON = (json.JSONDecodeError, UnicodeDecodeError)


async def test_delay_applies_to_both_protocols(start_miner: MinerFactory) -> None:
    sim = await start_miner()
    sim.set_fault(Fault.DELAY, seconds=0.4)
    started = time.monotonic()
    await rpc(sim.address, "summary")
    assert time.monotonic() - started >= 0.4
    started = time.monotonic()
    await web(sim.address, "/cgi-bin/get_blink_status.cgi")
    assert time.monotonic() - started >= 0.4


async def test_drop_cuts_the_reply(start_miner: MinerFactory) -> None:
    sim = await start_miner()
    full = await rpc_raw(sim.address, "summary")
    sim.set_fault(Fault.DROP)
    cut = b""
    with contextlib.suppress(ConnectionResetError):
        cut = await rpc_raw(sim.address, "summary")
    assert len(cut) < len(full)
    with pytest.raises(aiohttp.ClientPayloadError):
        await web(sim.address, "/cgi-bin/get_system_info.cgi")


async def test_garbage_is_not_json(start_miner: MinerFactory) -> None:
    sim = await start_miner()
    sim.set_fault(Fault.GARBAGE)
    data = await rpc_raw(sim.address, "summary")
    with pytest.raises(NOT_JSON):
        json.loads(data)
    reply = await web(sim.address, "/cgi-bin/get_system_info.cgi")
    assert reply.status == 200
    with pytest.raises(NOT_JSON):
        reply.json()


async def test_truncated_json(start_miner: MinerFactory) -> None:
    sim = await start_miner("antminer-s9")
    sim.set_fault(Fault.TRUNCATED)
    data = await rpc_raw(sim.address, "stats")
    assert data.startswith(b'{"STATUS"')
    assert not data.rstrip(b"\x00").endswith(b"}")
    reply = await web(sim.address, "/cgi-bin/get_system_info.cgi")
    with pytest.raises(json.JSONDecodeError):
        reply.json()


async def test_silence_accepts_but_never_answers(start_miner: MinerFactory) -> None:
    sim = await start_miner()
    sim.set_fault(Fault.SILENCE)
    with pytest.raises(TimeoutError):
        await rpc_raw(sim.address, "summary", limit=0.5)
    with pytest.raises(TimeoutError):
        await web(sim.address, "/cgi-bin/get_system_info.cgi", limit=0.5)


async def test_wrong_password_rejects_every_login(start_miner: MinerFactory) -> None:
    sim = await start_miner()
    sim.set_fault(Fault.WRONG_PASSWORD)
    assert (await web(sim.address, "/cgi-bin/get_system_info.cgi")).status == 401
    assert (await rpc(sim.address, "version"))["STATUS"][0]["STATUS"] == "S"
    sim.clear_faults()
    assert (await web(sim.address, "/cgi-bin/get_system_info.cgi")).status == 200


async def test_fault_limited_to_one_protocol(start_miner: MinerFactory) -> None:
    sim = await start_miner()
    sim.set_fault(Fault.GARBAGE, protocol="http")
    assert (await rpc(sim.address, "summary"))["SUMMARY"]
    with pytest.raises(NOT_JSON):
        (await web(sim.address, "/cgi-bin/get_system_info.cgi")).json()
    sim.clear_faults(Fault.GARBAGE)
    assert (await web(sim.address, "/cgi-bin/get_system_info.cgi")).json()["macaddr"] == sim.mac


async def test_stop_ends_silent_connections(start_miner: MinerFactory) -> None:
    sim = await start_miner()
    sim.set_fault(Fault.SILENCE)
    pending = asyncio.ensure_future(rpc_raw(sim.address, "summary", limit=5))
    await asyncio.sleep(0.2)
    started = time.monotonic()
    await sim.stop()
    assert time.monotonic() - started < 2
    data = b""
    with contextlib.suppress(ConnectionResetError):
        data = await pending
    assert data == b""
