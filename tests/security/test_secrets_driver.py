"""No password, pool password or Whatsminer key/token shows in what the driver prints or
raises: the command line (stdout and stderr of data, config, control and scan, with a wrong
and a right password) and the driver's exceptions (str, repr, arguments, traceback, cause
chain) for a refused login on each family.

The simulators run in this process (so the Whatsminer keys and tokens, Braiins OS session
cookies and tokens and VNish unlock tokens they issue can be recorded as secrets), on
127.0.23.30-39, Braiins OS and VNish on 127.0.87.170-179, ePIC on 127.0.97.170; the command
line runs as a user runs it.
"""

from __future__ import annotations

import asyncio
import contextlib
import io
import logging
import os
import sys
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from custom_components.asic_miner.driver import (
    AsicMinerError,
    Credentials,
    Miner,
    MinerConfig,
    PoolConfig,
    find_miner,
)
from custom_components.asic_miner.driver.__main__ import main
from custom_components.asic_miner.driver.transport.rpc import RpcClient
from tests.simulator import SimulatedMiner
from tests.simulator.bosminer import BosminerSim
from tests.simulator.families import make_miner

from .heard import plant_pool, pools_held
from .leaks import (
    ANTMINER_PASSWORD,
    BRAIINS_PASSWORD,
    POOL_PASSWORD,
    URL_PASSWORD,
    VNISH_PASSWORD,
    WHATSMINER_V2_PASSWORD,
    WHATSMINER_V3_PASSWORD,
    WRONG_PASSWORD,
    Secrets,
    exception_texts,
    record_session_secrets,
    record_whatsminer_secrets,
)

ROOT = Path(__file__).resolve().parents[2]
ENV = {**os.environ, "PYTHONPATH": str(ROOT)}
EXIT_AUTH = 5
WORKER = "wallet.rig"
URL_WITH_LOGIN = f"stratum+tcp://{WORKER}:{URL_PASSWORD}@backup.invalid:3333"
EPIC_PASSWORD = "EpicBodyPw4Wd"  # ePIC's, in the POST bodies


@dataclass(frozen=True)
class Family:
    model: str
    host: str
    username: str
    password: str


FAMILIES = {
    "antminer-modern": Family("antminer-s19pro", "127.0.23.30", "root", ANTMINER_PASSWORD),
    "antminer-old": Family("antminer-s9", "127.0.23.31", "root", ANTMINER_PASSWORD),
    "whatsminer-v2": Family("whatsminer-m50s", "127.0.23.32", "admin", WHATSMINER_V2_PASSWORD),
    "whatsminer-v3": Family("whatsminer-m60s", "127.0.23.33", "super", WHATSMINER_V3_PASSWORD),
    # Braiins OS: root's password over SSH (BOSminer), GraphQL (BOS+) and REST (25.07+).
    "bosminer": Family("braiins-s9-bosminer", "127.0.87.170", "root", BRAIINS_PASSWORD),
    "bosplus": Family("braiins-s19-bosplus", "127.0.87.171", "root", BRAIINS_PASSWORD),
    "bos-rest": Family("braiins-s21-bos", "127.0.87.172", "root", BRAIINS_PASSWORD),
    "vnish": Family("vnish-s19pro", "127.0.87.173", "admin", VNISH_PASSWORD),
    # ePIC: the password every POST body carries (reads need none).
    "epic": Family("epic-s19xp", "127.0.97.170", "root", EPIC_PASSWORD),
}

# The login tokens a family's simulator issues (recorded as secrets as they are issued).
ISSUED = {
    "braiins-s19-bosplus": "BOS+ session cookie",
    "braiins-s21-bos": "BOS REST token",
    "vnish-s19pro": "VNish unlock token",
}


@dataclass
class Watched:
    family: Family
    sim: Any
    secrets: Secrets

    def first_pool_url(self) -> str:
        url = pools_held(self.sim)[0][0]
        return url if "://" in url else "stratum+tcp://" + url  # VNish keeps host:port

    async def settled(self) -> None:
        """A pool write restarts BOSminer: wait until its RPC answers again."""
        if not isinstance(self.sim, BosminerSim):
            return
        await asyncio.sleep(self.sim.restart_seconds + 0.2)
        async with asyncio.timeout(10):
            while True:
                try:
                    await RpcClient(self.sim.address, timeout=1).send("version")
                except AsicMinerError:
                    await asyncio.sleep(0.1)
                else:
                    return


@pytest.fixture(params=list(FAMILIES))
async def watched(
    request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
) -> AsyncIterator[Watched]:
    """A simulated miner whose pools hold a pool password and a login in a URL."""
    family = FAMILIES[request.param]
    sim = make_miner(
        family.model, family.host, password=family.password, reboot_seconds=0.5, write_api=True
    )
    secrets = Secrets()
    async with sim:
        if isinstance(sim, SimulatedMiner) and sim.api_version == 3:
            sim.state.v3_passwords["super"] = family.password  # type: ignore[attr-defined]
        plant_pool(sim, URL_WITH_LOGIN, WORKER, POOL_PASSWORD)
        secrets.add_login("password", family.username, family.password)
        secrets.add_login("wrong password", family.username, WRONG_PASSWORD)
        secrets.add("pool password", POOL_PASSWORD)
        secrets.add("password in a pool URL", URL_PASSWORD)
        if isinstance(sim, SimulatedMiner):
            record_whatsminer_secrets(sim, secrets, monkeypatch)
        record_session_secrets(sim, secrets, monkeypatch)
        yield Watched(family, sim, secrets)


@dataclass(frozen=True)
class Run:
    args: tuple[str, ...]
    code: int
    stdout: str
    stderr: str


async def _cli_process(*args: str) -> Run:
    """The command line in its own interpreter, as a user runs it."""
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "custom_components.asic_miner.driver",
        *args,
        cwd=ROOT,
        env=ENV,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    async with asyncio.timeout(60):
        stdout, stderr = await process.communicate()
    return Run(args, process.returncode or 0, stdout.decode(), stderr.decode())


def _main(args: tuple[str, ...]) -> Run:
    stdout, stderr = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
        code = main(list(args))
    return Run(args, code, stdout.getvalue(), stderr.getvalue())


async def _cli(*args: str) -> Run:
    """The command line's ``main`` in a thread of this process (an interpreter's start
    costs a second): its output, and what it logged (in caplog, at DEBUG)."""
    return await asyncio.to_thread(_main, args)


def _login(family: Family, password: str) -> tuple[str, ...]:
    return ("--username", family.username, "--password", password)


async def test_the_command_line_prints_no_secret(
    watched: Watched, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    family, host = watched.family, watched.family.host
    right, wrong = _login(family, family.password), _login(family, WRONG_PASSWORD)
    bad_port = URL_WITH_LOGIN.replace("3333", "0")
    reads = [
        await _cli(*args)
        for args in (
            ("data", host, "--json", *right),
            ("config", host, "--json", *right),
            ("control", host, "check-login", *right),
            ("control", host, "pools", bad_port, WORKER, *right),
            ("control", host, "check-login", *wrong),
            ("control", host, "pools", URL_WITH_LOGIN, WORKER, POOL_PASSWORD, *wrong),
            ("config", host, *wrong),
            ("scan", host, *wrong),
            ("scan", host, *right),
        )
    ]
    pools = await _cli("control", host, "pools", URL_WITH_LOGIN, WORKER, POOL_PASSWORD, *right)
    await watched.settled()
    # The text summary, and the one run in an interpreter of its own (what it logs to stderr).
    after = [await _cli("config", host, *right), await _cli_process("data", host, *right)]
    runs = [*reads, pools, *after]
    issued = ISSUED.get(family.model)
    assert issued is None or issued in watched.secrets.names()  # the tokens are looked for

    for run in runs:
        leaked = watched.secrets.leaks(run.stdout + run.stderr)
        assert leaked == [], f"{run.args}: {leaked}\n{run.stdout}{run.stderr}"
    assert watched.secrets.leaks(caplog.text) == []
    # What was printed is what a user needs: the pools (without their login), the result.
    data_json, config_json, login, refused_value, refused_login = reads[:5]
    for run in (data_json, config_json, login, pools, *after):
        assert run.code == 0, run
    for run in (data_json, config_json, *after):
        assert "stratum+tcp://backup.invalid:3333" in run.stdout, run.stdout
    assert pools.stdout.strip() == f"pool set to stratum+tcp://backup.invalid:3333 ({WORKER})"
    assert watched.first_pool_url() == URL_WITH_LOGIN  # sent as given
    assert refused_value.code == 2
    assert "backup.invalid:0" in refused_value.stderr
    assert refused_login.code == EXIT_AUTH, refused_login


def _each_control(miner: Miner) -> list[Callable[[], Awaitable[object]]]:
    pool = PoolConfig(URL_WITH_LOGIN, WORKER, POOL_PASSWORD)
    return [
        miner.get_data,
        miner.check_credentials,
        miner.get_config,
        lambda: miner.send_config(MinerConfig(pools=[pool])),
        miner.fault_light_on,
        miner.reboot,
    ]


async def test_driver_errors_for_a_wrong_password_hold_no_secret(watched: Watched) -> None:
    family = watched.family
    credentials = Credentials(family.username, WRONG_PASSWORD)
    texts: list[str] = []
    refused = 0
    miner = await find_miner(family.host, credentials=credentials)
    async with miner:
        for control in _each_control(miner):
            try:
                await control()
            except AsicMinerError as err:
                refused += 1
                texts.extend(exception_texts(err))
    assert refused >= 3, "the wrong password was not refused: nothing was tested"
    leaked = watched.secrets.leaks("\n".join(texts))
    assert leaked == [], leaked
    assert watched.first_pool_url() == URL_WITH_LOGIN  # nothing was changed


REPLY_HEAD = b'{"STATUS":[{"STATUS":"S"}],"POOLS":[{"POOL":0,"URL":"'
# A pools reply cut short after the login in the URL, within it, and one that is no JSON.
BAD_REPLIES = {
    "cut after the login": REPLY_HEAD + URL_WITH_LOGIN.encode() + b'","User":"w',
    "cut within the login": REPLY_HEAD + URL_WITH_LOGIN.encode()[:30],
    "unreadable": b'{"POOLS":[{"URL":"' + URL_WITH_LOGIN.encode() + b'"}]} }}{ not json',
}


@pytest.mark.parametrize("reply", list(BAD_REPLIES))
async def test_a_bad_reply_quoted_in_an_error_holds_no_pool_login(reply: str) -> None:
    """Errors quote a piece of a reply they cannot read: not the login in a pool URL."""

    async def answer(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await reader.read(1024)
        writer.write(BAD_REPLIES[reply])
        await writer.drain()
        writer.close()

    server = await asyncio.start_server(answer, "127.0.23.40", 0)
    port = server.sockets[0].getsockname()[1]
    secrets = Secrets()
    secrets.add("password in a pool URL", URL_PASSWORD)
    try:
        with pytest.raises(AsicMinerError) as caught:
            await RpcClient("127.0.23.40", port=port, timeout=2).send("pools")
    finally:
        server.close()
        await server.wait_closed()
    texts = list(exception_texts(caught.value))
    assert "POOLS" in texts[0]  # the error still shows what came
    assert secrets.leaks("\n".join(texts)) == []
    assert URL_PASSWORD[:5] not in "\n".join(texts)  # not even the part before a cut
