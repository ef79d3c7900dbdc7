"""No pool password or Avalon web password shows in what the driver logs, raises, prints or
returns for the home miners: ESP-Miner (pools sent by send_config in a PATCH) and Canaan
Avalon (the web login and the pools that ``setpool`` takes).

Canaan's ``setpool`` answer echoes the pool password ("workerpassword is …"; the A-series'
ascset setpool too), and the Avalon Q lists every pool's password in its ``pools`` reply:
the tests check that the simulator really sends them back, and that none of it reaches a
log (any logger, DEBUG), an exception (str, repr, arguments, traceback, cause and context
chain), a repr, the data a poll returns or the command line's output, also when the
answer is cut short, garbled or dropped, or the web password is wrong.

Simulated miners in this process on 127.0.58.10-49.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import io
import itertools
import json
import logging
from collections.abc import AsyncIterator, Awaitable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from aiohttp import web

from custom_components.asic_miner.driver import (
    AsicMinerError,
    Credentials,
    Miner,
    MinerAuthenticationError,
    MinerConfig,
    PoolConfig,
    find_miner,
)
from custom_components.asic_miner.driver.__main__ import main
from custom_components.asic_miner.driver.backends.avalon.backend import (
    AvalonASeries,
    AvalonSoftPower,
)
from tests.simulator import Fault
from tests.simulator.avalon import AvalonSim
from tests.simulator.avalon import rpc as avalon_rpc
from tests.simulator.espminer.web import EspWeb
from tests.simulator.families import make_miner

from .leaks import POOL_PASSWORD, WRONG_PASSWORD, Secrets, as_text, exception_texts

# Distinctive values, found nowhere else: a match is a leak. The web password stays within
# what setpool's fields take (64 characters, no comma).
WEB_PASSWORD = "AvWebPw3Tx"
FALLBACK_PASSWORD = "PoolPw2Fb7qL"
LONG_PASSWORD = "LongPoolPw9" * 30  # past the 255 characters AxeOS takes
WORKER = "wallet.rig"
POOLS = [
    PoolConfig("stratum+tcp://pool.invalid:3333", WORKER, POOL_PASSWORD),
    PoolConfig("stratum+tcp://backup.invalid:3334", WORKER, FALLBACK_PASSWORD),
]
TIMEOUT = 1.0
REBOOT_SECONDS = 0.3
# The faults of a reply: each garbles the answer to the write itself.
REPLY_FAULTS = (Fault.TRUNCATED, Fault.GARBAGE, Fault.DROP)
MODELS = (
    "espminer-bitaxe-gamma",  # AxeOS v2.15: pools as slots
    "espminer-bitaxe-gamma-2.12",  # AxeOS v2.12: stratumPassword, fallbackStratumPassword
    "espminer-nerdqaxe-pp",  # NerdOS: pools taken at once
    "avalon-nano3s",  # reboots by itself after each setpool
    "avalon-mini3",
    "avalon-q",  # lists the pool passwords in its pools reply
    "avalon-a1566",  # one pool, by ascset setpool
)
_ADDRESSES = (f"127.0.58.{n}" for n in itertools.cycle(range(10, 50)))


class Wire:
    """What the simulated miners answered (Avalon: every RPC reply) and a switch that
    garbles the answer to an ESP-Miner's PATCH alone (the faults act on every request;
    switched on in the handler, they hit only the reply the PATCH gets)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.avalon_replies: list[bytes] = []
        self.patch_fault: Fault | None = None
        self.sims: dict[str, Any] = {}  # by address: whose reply the PATCH fault garbles
        respond = avalon_rpc.respond
        dispatch = EspWeb._dispatch

        def recorded_respond(sim: AvalonSim, data: bytes) -> bytes | None:
            reply = respond(sim, data)
            self.avalon_replies.append(reply or b"")
            return reply

        async def dispatch_with_fault(server: EspWeb, request: web.Request) -> Any:
            if request.method == "PATCH" and self.patch_fault is not None:
                self.sims[server.host].set_fault(self.patch_fault, protocol="http")
            return await dispatch(server, request)

        monkeypatch.setattr(avalon_rpc, "respond", recorded_respond)
        monkeypatch.setattr(EspWeb, "_dispatch", dispatch_with_fault)


@dataclass
class Watched:
    model: str
    sim: Any  # an EspMinerSim or an AvalonSim
    secrets: Secrets
    wire: Wire
    texts: list[str]  # every text the driver produced
    caplog: pytest.LogCaptureFixture

    def leaks(self, *more: str) -> list[str]:
        """The secrets in what was collected, the test's log records and ``more``."""
        texts = [*self.texts, *more, self.caplog.text]
        for record in self.caplog.records:
            texts.append(record.getMessage())
            if record.exc_info and record.exc_info[1] is not None:
                texts.extend(exception_texts(record.exc_info[1]))
        return self.secrets.leaks("\n".join(texts))

    @property
    def avalon(self) -> bool:
        return isinstance(self.sim, AvalonSim)

    def credentials(self, password: str = WEB_PASSWORD) -> Credentials:
        return Credentials(password=password) if self.avalon else Credentials()


@pytest.fixture(params=MODELS)
async def watched(
    request: pytest.FixtureRequest,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> AsyncIterator[Watched]:
    caplog.set_level(logging.DEBUG)  # the root logger: ours, aiohttp's, asyncio's
    wire = Wire(monkeypatch)
    model: str = request.param
    sim = make_miner(model, next(_ADDRESSES), password=WEB_PASSWORD, reboot_seconds=REBOOT_SECONDS)
    wire.sims[sim.address] = sim
    secrets = Secrets()
    secrets.add("pool password", POOL_PASSWORD)
    secrets.add("fallback pool password", FALLBACK_PASSWORD)
    secrets.add("long pool password", LONG_PASSWORD)
    secrets.add("web password", WEB_PASSWORD)
    secrets.add("wrong web password", WRONG_PASSWORD)
    async with sim:
        yield Watched(model, sim, secrets, wire, [], caplog)


async def _back(sim: Any) -> None:
    """The miner is back from the reboot a pool change caused (or never went)."""
    await asyncio.sleep(REBOOT_SECONDS / 2)
    async with asyncio.timeout(10):
        while not sim.online:  # noqa: ASYNC110
            await asyncio.sleep(0.05)
    await asyncio.sleep(0.1)


async def _collect(watched: Watched, action: Awaitable[Any]) -> AsicMinerError | None:
    """Run a driver call; its result (repr and fields) or its error is collected."""
    try:
        result = await action
    except AsicMinerError as err:
        watched.texts.extend(exception_texts(err))
        return err
    watched.texts += [repr(result), as_text(result)]
    return None


async def _miner(watched: Watched, password: str = WEB_PASSWORD) -> Miner:
    miner = await find_miner(
        watched.sim.address, credentials=watched.credentials(password), timeout=TIMEOUT
    )
    watched.texts += [repr(miner), repr(miner.credentials), repr(vars(miner))]
    return miner


def _pools_set(watched: Watched) -> list[tuple[str, str]]:
    """(URL, password) of the pools the simulated miner took, or will take at its boot."""
    state = watched.sim.state
    if watched.avalon:
        slots = [*state.pools, *state.pending_pools.values()]
        return [(slot.url, slot.password) for slot in slots]
    return [(f"{slot.url}:{slot.port}", slot.password) for slot in state.pools.values()]


async def test_pools_sent_leave_no_secret_behind(watched: Watched) -> None:
    """The pools are set (the passwords reach the miner), and the driver's logs, results,
    reprs and errors afterwards hold none of them."""
    miner = await _miner(watched)
    async with miner:
        pools = POOLS[:1] if watched.model == "avalon-a1566" else POOLS
        watched.texts.append(repr(MinerConfig(pools=pools)))
        assert await _collect(watched, miner.send_config(MinerConfig(pools=pools))) is None
        await _back(watched.sim)
        for read in (miner.get_data, miner.get_mac, miner.get_hostname, miner.get_errors):
            await _collect(watched, read())
    sent = _pools_set(watched)
    assert any(password == POOL_PASSWORD for _url, password in sent), sent
    if watched.avalon:  # the firmware's answers echo it: the test is not vacuous
        assert any(POOL_PASSWORD.encode() in reply for reply in watched.wire.avalon_replies)
    assert watched.leaks() == []


async def test_a_refused_or_garbled_pool_change_holds_no_secret(watched: Watched) -> None:
    """A wrong web password, a password the firmware may refuse, and the answer to the
    write cut short, garbled or dropped: each error (and its whole chain) is searched."""
    errors: list[AsicMinerError | None] = []
    if watched.avalon:
        async with await _miner(watched, WRONG_PASSWORD) as wrong:
            refused = await _collect(watched, wrong.send_config(MinerConfig(pools=POOLS[:1])))
        assert isinstance(refused, MinerAuthenticationError), refused
    else:  # past the 255 characters AxeOS stores: 400 "Wrong API input" (NerdOS takes it)
        long = PoolConfig(POOLS[0].url, WORKER, LONG_PASSWORD)
        async with await _miner(watched) as miner:
            errors.append(await _collect(watched, miner.send_config(MinerConfig(pools=[long]))))
        await _back(watched.sim)
    # An Avalon's daemon may take only cgminer's plain-text form: setpool goes as text.
    forms = (False, True) if watched.avalon else (False,)
    for plain_text, fault in itertools.product(forms, REPLY_FAULTS):
        if plain_text:
            watched.sim.quirks = (*watched.sim.quirks, "plain-text-only")
        async with await _miner(watched) as miner:
            if watched.avalon:  # setpool is the first request: the fault hits its answer
                watched.sim.set_fault(fault)
            else:
                watched.wire.patch_fault = fault
            pools = POOLS[:1] if watched.model == "avalon-a1566" else POOLS
            errors.append(await _collect(watched, miner.send_config(MinerConfig(pools=pools))))
            watched.sim.clear_faults()
            watched.wire.patch_fault = None
        watched.sim.quirks = tuple(q for q in watched.sim.quirks if q != "plain-text-only")
        await _back(watched.sim)
    # ESP-Miner reads nothing from a PATCH's answer, and a text answer cut after "success
    # set" says the pool was taken (it was): those pass.
    if watched.avalon:
        assert sum(error is not None for error in errors) >= len(REPLY_FAULTS), errors
    assert watched.leaks() == []


def _run(args: tuple[str, ...]) -> str:
    stdout, stderr = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
        code = main(list(args))
    return f"{args[:2]} exit {code}\n{stdout.getvalue()}\n{stderr.getvalue()}"


async def test_the_command_line_prints_no_secret(watched: Watched) -> None:
    """data, config, pools (right and wrong web password), scan: what is printed and
    logged (the command line's main in a thread of this process, logs in caplog)."""
    host = watched.sim.address
    url, fallback = POOLS[0].url, POOLS[1].url
    right, wrong = ("--password", WEB_PASSWORD), ("--password", WRONG_PASSWORD)
    runs: list[tuple[str, ...]] = [
        ("data", host, "--json"),
        ("config", host),
        ("control", host, "pools", url, WORKER, POOL_PASSWORD, *wrong),
        ("control", host, "pools", url, WORKER, POOL_PASSWORD, *right),
        ("scan", host),
    ]
    if watched.model != "avalon-a1566":
        runs.insert(3, ("control", host, "pools", fallback, WORKER, FALLBACK_PASSWORD, *right))
    outputs = []
    for args in runs:
        outputs.append(await asyncio.to_thread(_run, args))
        await _back(watched.sim)
    assert any("pool set to stratum+tcp://pool.invalid:3333" in out for out in outputs), outputs
    assert watched.leaks(*outputs) == [], "\n".join(outputs)


def _strings_in(value: Any) -> Iterator[str]:
    """Every string a dataclass tree holds (for the data a poll returns)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        for item in dataclasses.fields(value):
            yield from _strings_in(getattr(value, item.name))
    elif isinstance(value, dict):
        for key, item in value.items():
            yield str(key)
            yield from _strings_in(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _strings_in(item)
    elif isinstance(value, str):
        yield value


async def test_the_avalon_q_pool_passwords_stay_in_its_reply(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The Q's pools reply lists each pool's password: the poll's data has none of it."""
    wire = Wire(monkeypatch)
    async with AvalonSim("avalon-q", "127.0.58.50", reboot_seconds=REBOOT_SECONDS) as sim:
        sim.state.pools[0].password = POOL_PASSWORD
        async with await find_miner(sim.address, timeout=TIMEOUT) as miner:
            data = await miner.get_data()
    assert any(POOL_PASSWORD.encode() in reply for reply in wire.avalon_replies)
    secrets = Secrets()
    secrets.add("pool password", POOL_PASSWORD)
    texts = [repr(data), as_text(data), *_strings_in(data)]
    assert data.pools
    assert secrets.leaks("\n".join(texts)) == []


def _setpool_answer(model: str) -> bytes:
    """The simulated firmware's answer to a setpool that is taken (it echoes the pool
    password), asked of a miner that never listens."""
    sim = AvalonSim(model, "127.0.58.52", password=WEB_PASSWORD)
    fields = f"{POOLS[0].url},{WORKER},{POOL_PASSWORD}"
    login = f"{sim.state.web_user},{WEB_PASSWORD}"
    if model == "avalon-a1566":
        request = {"command": "ascset", "parameter": f"0,setpool,{login},{fields}"}
    else:
        request = {"command": "setpool", "parameter": f"{login},0,{fields}"}
    answer = avalon_rpc.respond(sim, json.dumps(request).encode())
    assert answer is not None
    assert POOL_PASSWORD.encode() in answer
    return answer.rstrip(b"\x00")


@pytest.mark.parametrize(("model", "row"), [("avalon-mini3", "Mini 3"), ("avalon-a1566", "A1566")])
async def test_a_setpool_answer_cut_anywhere_holds_no_password(model: str, row: str) -> None:
    """The echo cut short at every byte from the password on (a miner going down as it
    answers): the error, its message and its chain hold no part of the password that a
    search can find."""
    answer = _setpool_answer(model)
    start = answer.index(POOL_PASSWORD.encode())
    sent = [len(answer)]  # how much of it the next connection gets

    async def reply(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await reader.read(4096)
        writer.write(answer[: sent[0]])
        await writer.drain()
        writer.close()

    secrets = Secrets()
    secrets.add("pool password", POOL_PASSWORD)
    secrets.add("web password", WEB_PASSWORD)
    backend = {"Mini 3": AvalonSoftPower, "A1566": AvalonASeries}[row]
    server = await asyncio.start_server(reply, "127.0.58.51", 4028)
    texts: list[str] = []
    try:
        for sent[0] in range(start, len(answer)):
            miner = backend(
                "127.0.58.51", model=row, credentials=Credentials(password=WEB_PASSWORD)
            )
            async with miner:
                with pytest.raises(AsicMinerError) as caught:
                    await miner.send_config(MinerConfig(pools=POOLS[:1]))
            texts.extend(exception_texts(caught.value))
    finally:
        server.close()
        await server.wait_closed()
    assert secrets.leaks("\n".join(texts)) == []
