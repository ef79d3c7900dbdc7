"""The command line: start, `ready`, serve, stop cleanly on a signal."""

from __future__ import annotations

import asyncio
import signal
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import aiohttp
import asyncssh
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


# -- each family's own login (127.0.88.100-103) -------------------------------------------

BOSMINER, BOS_REST, BOS_PLUS, VNISH = "127.0.88.100", "127.0.88.101", "127.0.88.102", "127.0.88.103"
AFTERMARKET = (
    f"braiins-s9-bosminer@{BOSMINER},braiins-s21-bos@{BOS_REST},"
    f"braiins-s19-bosplus@{BOS_PLUS},vnish-s19pro@{VNISH}"
)
BRAIINS_ONLY = {"vnish": False, "bos_rest": True, "bosplus": True, "bosminer": True}
GRAPHQL_LOGIN = (
    'mutation ($p: String!) { auth { login(username: "root", password: $p) { __typename } } }'
)


async def _serving(*args: str) -> asyncio.subprocess.Process:
    process = await _cli(*args)
    assert process.stdout is not None
    assert await asyncio.wait_for(process.stdout.readline(), 20) == b"ready\n"
    return process


async def _stopped(process: asyncio.subprocess.Process) -> None:
    process.terminate()
    assert await asyncio.wait_for(process.wait(), 10) == 0


async def _logins(password: str) -> dict[str, bool]:
    """Which firmware's own login takes ``password``: VNish's unlock, BOS REST's login,
    BOS+'s GraphQL login, BOSminer's SSH."""
    async with aiohttp.ClientSession() as session:
        async with session.post(f"http://{VNISH}/api/v1/unlock", json={"pw": password}) as r:
            vnish = r.status == 200 and "token" in await r.json()
        body = {"username": "root", "password": password}
        async with session.post(f"http://{BOS_REST}/api/v1/auth/login", json=body) as r:
            rest = r.status == 200
        query = {"query": GRAPHQL_LOGIN, "variables": {"p": password}}
        async with session.post(f"http://{BOS_PLUS}/graphql", json=query) as r:
            login = (await r.json()).get("data", {}).get("auth", {}).get("login") or {}
            graphql = login.get("__typename") == "VoidResult"
    try:
        async with asyncssh.connect(
            BOSMINER, username="root", password=password, known_hosts=None, client_keys=[]
        ):
            ssh = True
    except asyncssh.PermissionDenied:
        ssh = False
    return {"vnish": vnish, "bos_rest": rest, "bosplus": graphql, "bosminer": ssh}


async def test_each_family_takes_its_own_login_option() -> None:
    process = await _serving(
        "--miners",
        AFTERMARKET,
        "--braiins-password",
        "BraiinsPw",
        "--vnish-password",
        "VnishPw",
        "--password",
        "AntminerPw",
    )
    try:
        assert await _logins("BraiinsPw") == BRAIINS_ONLY
        assert await _logins("VnishPw") == {name: not on for name, on in BRAIINS_ONLY.items()}
        assert not any((await _logins("AntminerPw")).values())
    finally:
        await _stopped(process)


async def test_without_login_options_each_family_has_the_login_it_ships_with() -> None:
    """Braiins OS root with an empty password, VNish unlocked with admin."""
    process = await _serving("--miners", AFTERMARKET)
    try:
        assert await _logins("") == BRAIINS_ONLY
        assert await _logins("admin") == {name: not on for name, on in BRAIINS_ONLY.items()}
    finally:
        await _stopped(process)
