"""The command line: start, `ready`, serve, stop cleanly on a signal."""

from __future__ import annotations

import asyncio
import signal
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from tests.simulator.families import all_models

from .client import rpc, web

ROOT = Path(__file__).resolve().parents[2]


async def _cli(*args: str) -> asyncio.subprocess.Process:
    return await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "tests.simulator",
        *args,
        cwd=ROOT,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )


@pytest.fixture
async def running() -> AsyncIterator[asyncio.subprocess.Process]:
    process = await _cli(
        "--miners", "antminer-s19pro@127.0.2.250,antminer-s9@127.0.2.251", "--password", "pw"
    )
    assert process.stdout is not None
    line = await asyncio.wait_for(process.stdout.readline(), 20)
    assert line == b"ready\n"
    yield process
    if process.returncode is None:
        process.kill()
        await process.wait()


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
async def test_serves_until_signalled(running: asyncio.subprocess.Process, sig: int) -> None:
    version = await rpc("127.0.2.251", {"command": "version"})
    assert version["VERSION"][0]["Type"] == "Antminer S9"
    reply = await web("127.0.2.250", "/cgi-bin/get_system_info.cgi", password="pw")
    assert reply.json()["minertype"] == "Antminer S19 Pro"
    running.send_signal(sig)
    assert await asyncio.wait_for(running.wait(), 10) == 0
    assert running.stdout is not None
    assert await running.stdout.read() == b""  # `ready` was the only line


async def test_lists_models() -> None:
    process = await _cli("--list-models")
    out, _ = await process.communicate()
    assert process.returncode == 0
    assert out.decode().split() == list(all_models())


async def test_rejects_a_bad_spec() -> None:
    process = await _cli("--miners", "antminer-s19pro")
    _, err = await process.communicate()
    assert process.returncode == 2
    assert b"MODEL@ADDRESS" in err


async def test_rejects_an_unknown_quirk() -> None:
    process = await _cli("--miners", "antminer-s9@127.0.2.252", "--quirks", "bogus")
    _, err = await process.communicate()
    assert process.returncode == 2
    assert b"unknown quirk" in err
