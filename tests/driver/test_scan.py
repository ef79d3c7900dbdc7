"""The scanner, against simulated miners among refused, mute and silent addresses.

Addresses: 127.0.10.x only. On loopback an empty address refuses at once; a LAN's empty
address is silent (the SYN is never answered). Two stand-ins for the latter:
- a *black hole*: a listening socket whose accept queue is full, so the kernel drops every
  further SYN and a connect times out, exactly as for an absent host on a LAN;
- a *mute* listener: it takes the connection and never says a word.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import socket
import time
from collections.abc import AsyncIterator, Iterator

import pytest

from custom_components.asic_miner.driver import Credentials
from custom_components.asic_miner.driver.__main__ import EXIT_NO_MINER, EXIT_USAGE, main
from custom_components.asic_miner.driver.backends.antminer.backend import (
    AntminerModern,
    AntminerOld,
)
from custom_components.asic_miner.driver.backends.whatsminer.v2 import WhatsminerV2
from custom_components.asic_miner.driver.backends.whatsminer.v3 import WhatsminerV3
from custom_components.asic_miner.driver.scan import (
    MINER_PORTS,
    ScanResult,
    any_port_open,
    parse_targets,
    probe_host,
    scan,
)
from tests.simulator import Fault, SimulatedMiner

NET = "127.0.10"


@contextlib.contextmanager
def black_hole(host: str) -> Iterator[None]:
    """Connects to the miner ports of ``host`` time out (their SYNs are dropped)."""
    sockets: list[socket.socket] = []
    try:
        for port in MINER_PORTS:
            listener = socket.socket()
            listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            listener.bind((host, port))
            listener.listen(0)
            sockets.append(listener)
            # Fill the accept queue (never accepted): later SYNs are dropped.
            for _ in range(3):
                filler = socket.socket()
                filler.setblocking(False)
                filler.connect_ex((host, port))
                sockets.append(filler)
        time.sleep(0.05)
        yield
    finally:
        for sock in sockets:
            sock.close()


@contextlib.asynccontextmanager
async def mute(host: str) -> AsyncIterator[None]:
    """Every miner port of ``host`` takes connections and never answers."""
    closing = asyncio.Event()

    async def hold(_reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await closing.wait()
        writer.close()

    servers = [await asyncio.start_server(hold, host, port) for port in MINER_PORTS]
    try:
        yield
    finally:
        closing.set()
        for server in servers:
            server.close()
            await server.wait_closed()


@pytest.fixture
async def sims() -> AsyncIterator[list[SimulatedMiner]]:
    """An S19 Pro, an S9, a Whatsminer M50S (API V2) and an M60S (API V3)."""
    started = [
        SimulatedMiner("antminer-s19pro", f"{NET}.10", password="root"),
        SimulatedMiner("antminer-s9", f"{NET}.11", password="root"),
        SimulatedMiner("whatsminer-m50s", f"{NET}.20", password="s3cret"),
        SimulatedMiner("whatsminer-m60s", f"{NET}.21", password="s3cret"),
    ]
    for sim in started:
        await sim.start()
    yield started
    for sim in started:
        await sim.stop()


async def _collect(*args: object, **kwargs: object) -> list[ScanResult]:
    return [result async for result in scan(*args, **kwargs)]  # type: ignore[arg-type]


# -- targets -----------------------------------------------------------------------------


def test_parse_subnet() -> None:
    hosts = parse_targets("192.168.1.0/24")
    assert len(hosts) == 254
    assert hosts[0] == "192.168.1.1"
    assert hosts[-1] == "192.168.1.254"
    assert parse_targets("192.168.1.77/24")[0] == "192.168.1.1"  # host bits are fine
    assert parse_targets("10.0.0.5/32") == ["10.0.0.5"]


def test_parse_ranges_and_lists() -> None:
    assert parse_targets("10.0.0.1-3") == ["10.0.0.1", "10.0.0.2", "10.0.0.3"]
    assert parse_targets("10.0.0.254-10.0.1.1") == [
        "10.0.0.254",
        "10.0.0.255",
        "10.0.1.0",
        "10.0.1.1",
    ]
    assert parse_targets("10.0.0.9, 10.0.0.8;10.0.0.9 miner.local") == [
        "10.0.0.9",
        "10.0.0.8",
        "miner.local",
    ]
    assert parse_targets(["10.0.0.1", "10.0.0.2-3"]) == ["10.0.0.1", "10.0.0.2", "10.0.0.3"]


@pytest.mark.parametrize(
    ("targets", "message"),
    [
        ("", "no address"),
        (" , ", "no address"),
        ("10.0.0.300", "not an IPv4 address"),
        ("10.0.0.5-3", "ends before it starts"),
        ("10.0.0.5-300", "0 to 255"),
        ("10.0.0.5-10.0.0.x", "not an IPv4 address"),
        ("10.0.0.999-5", "not an IPv4 address"),
        ("10.0.0.0/33", "not an IPv4 subnet"),
        ("10.0.0.0/8", "more than 65536"),
        ("10.0.0.0-10.2.0.0", "more than 65536"),
        ("not_a_host!", "neither an address"),
    ],
)
def test_parse_errors(targets: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_targets(targets)


def test_parse_limit() -> None:
    with pytest.raises(ValueError, match="more than 100 addresses"):
        parse_targets("10.0.0.0/24", max_hosts=100)


# -- probes ------------------------------------------------------------------------------


async def test_connect_probe() -> None:
    """Refused: at once; silent: after the connect timeout; listening: open."""
    start = time.monotonic()
    assert not await any_port_open(f"{NET}.200", seconds=2)
    assert time.monotonic() - start < 0.5
    with black_hole(f"{NET}.201"):
        start = time.monotonic()
        assert not await any_port_open(f"{NET}.201", seconds=0.3)
        assert 0.25 < time.monotonic() - start < 1.5
    async with mute(f"{NET}.202"):
        assert await any_port_open(f"{NET}.202", seconds=0.3)


async def test_probe_host(sims: list[SimulatedMiner]) -> None:
    result = await probe_host(f"{NET}.10")
    assert result is not None
    assert isinstance(result.miner, AntminerModern)
    assert result.data is not None
    assert result.mac == sims[0].mac
    assert not result.auth_required
    assert await probe_host(f"{NET}.199") is None


async def test_probe_host_login_needed() -> None:
    """Identified, but the default login is refused: reported, without data."""
    async with SimulatedMiner("antminer-s19pro", f"{NET}.12", password="secret"):
        result = await probe_host(f"{NET}.12")
        assert result is not None
        assert result.auth_required
        assert result.data is None
        assert result.mac is None

        result = await probe_host(f"{NET}.12", credentials=Credentials("root", "secret"))
        assert result is not None
        assert result.mac is not None


async def test_probe_host_unreadable() -> None:
    """Identified by the web probe, but its RPC answers garbage: reported without data."""
    async with SimulatedMiner("antminer-s19pro", f"{NET}.13", password="root") as sim:
        sim.set_fault(Fault.GARBAGE, protocol="rpc")
        result = await probe_host(f"{NET}.13", timeout=2)
    assert result is not None
    assert result.data is None
    assert not result.auth_required


async def test_probe_host_mac_later() -> None:
    """A miner that reports no MAC yet (booting) is read again until it does."""
    async with SimulatedMiner("antminer-s19pro", f"{NET}.14", password="root") as sim:
        sim.set_fault(Fault.GARBAGE, protocol="http")  # the MAC comes from the web
        asyncio.get_running_loop().call_later(0.3, sim.clear_faults)
        result = await probe_host(f"{NET}.14", mac_retry_delay=0.5)
        assert result is not None
        assert result.mac == sim.mac

        sim.set_fault(Fault.GARBAGE, protocol="http")
        result = await probe_host(f"{NET}.14", mac_retries=1, mac_retry_delay=0.1)
        assert result is not None
        assert result.data is not None
        assert result.mac is None


# -- scans -------------------------------------------------------------------------------


async def test_scan_finds_every_make(sims: list[SimulatedMiner]) -> None:
    progress: list[tuple[int, int]] = []
    results = await _collect(
        f"{NET}.1-30", progress=lambda done, total: progress.append((done, total))
    )

    by_host = {result.host: result for result in results}
    assert set(by_host) == {sim.address for sim in sims}
    assert isinstance(by_host[f"{NET}.10"].miner, AntminerModern)
    assert isinstance(by_host[f"{NET}.11"].miner, AntminerOld)
    assert isinstance(by_host[f"{NET}.20"].miner, WhatsminerV2)
    assert isinstance(by_host[f"{NET}.21"].miner, WhatsminerV3)
    for sim in sims:
        assert by_host[sim.address].mac == sim.mac
    assert [done for done, _ in progress] == list(range(1, 31))
    assert {total for _, total in progress} == {30}


async def test_scan_of_silent_addresses_is_bounded(sims: list[SimulatedMiner]) -> None:
    """~50 addresses, 10 of them silent and 5 mute: bounded by the timeouts, not their sum.

    Probed one after the other this would take 10 x 0.5 s + 5 x 1.5 s = 12.5 s at least.
    """
    with contextlib.ExitStack() as holes:
        for n in range(40, 50):
            holes.enter_context(black_hole(f"{NET}.{n}"))
        async with contextlib.AsyncExitStack() as mutes:
            for n in range(50, 55):
                await mutes.enter_async_context(mute(f"{NET}.{n}"))
            start = time.monotonic()
            results = await _collect(f"{NET}.1-55", connect_timeout=0.5, timeout=1.5)
            elapsed = time.monotonic() - start

    assert {result.host for result in results} == {sim.address for sim in sims}
    assert elapsed < 5, elapsed


async def test_scan_concurrency_bound() -> None:
    """With 4 at a time, 8 silent addresses take two rounds of the connect timeout."""
    with contextlib.ExitStack() as holes:
        for n in range(60, 68):
            holes.enter_context(black_hole(f"{NET}.{n}"))
        start = time.monotonic()
        assert await _collect(f"{NET}.60-67", concurrency=4, connect_timeout=0.3) == []
        elapsed = time.monotonic() - start
    assert 0.55 < elapsed < 2, elapsed


async def test_scan_yields_as_found(sims: list[SimulatedMiner]) -> None:
    """A miner is yielded while slower addresses are still being probed; leaving stops it."""
    with black_hole(f"{NET}.70"):
        start = time.monotonic()
        async for result in scan([f"{NET}.70", f"{NET}.10"], connect_timeout=5):
            assert result.host == f"{NET}.10"
            break
        assert time.monotonic() - start < 3


async def test_scan_rejects_bad_input() -> None:
    with pytest.raises(ValueError, match="not an IPv4 address"):
        await _collect("127.0.10.300")
    with pytest.raises(ValueError, match="concurrency"):
        await _collect(f"{NET}.1", concurrency=0)


# -- command line ------------------------------------------------------------------------


async def test_cli_scan(sims: list[SimulatedMiner], capsys: pytest.CaptureFixture[str]) -> None:
    code = await asyncio.to_thread(main, ["scan", f"{NET}.9-12", "--json"])
    assert code == 0
    out, err = capsys.readouterr()
    found = sorted((json.loads(line) for line in out.splitlines()), key=lambda r: r["host"])
    assert [(r["host"], r["make"], r["model"]) for r in found] == [
        (f"{NET}.10", "Antminer", "S19 Pro"),
        (f"{NET}.11", "Antminer", "S9"),
    ]
    assert found[0]["mac"] == sims[0].mac
    assert found[0]["firmware"] == AntminerModern.firmware
    assert "2 miner(s) found" in err

    code = await asyncio.to_thread(main, ["scan", f"{NET}.20", f"{NET}.21"])
    assert code == 0
    out, _ = capsys.readouterr()
    assert "Whatsminer" in out
    assert sims[2].mac in out


async def test_cli_scan_nothing_and_usage(capsys: pytest.CaptureFixture[str]) -> None:
    assert await asyncio.to_thread(main, ["scan", f"{NET}.250"]) == EXIT_NO_MINER
    assert "0 miner(s) found" in capsys.readouterr().err
    assert await asyncio.to_thread(main, ["scan", "10.0.0.300"]) == EXIT_USAGE
    assert "not an IPv4 address" in capsys.readouterr().err
    assert await asyncio.to_thread(main, ["scan", f"{NET}.1", "--concurrency", "0"]) == (EXIT_USAGE)


async def test_cli_scan_login_needed(capsys: pytest.CaptureFixture[str]) -> None:
    async with SimulatedMiner("antminer-s19pro", f"{NET}.15", password="secret"):
        assert await asyncio.to_thread(main, ["scan", f"{NET}.15"]) == 0
    assert "login needed" in capsys.readouterr().out
