"""Connections and requests per poll, per family, pinned (issue 5: no more than the firmware
needs).

What the firmware needs on the second and later polls of one miner:

- RPC (TCP 4028) is one request per connection by protocol design (the miner closes after
  its reply), so the target is one *joined* request wherever the firmware joins: Antminers
  join ``version+summary+pools+stats``; ``stats`` with ``new_api`` (modern boards) takes a
  parameter and goes alone. Whatsminer V2 joins the CGMiner commands but refuses ``get_*``
  and ``status`` in a join ("command join err"), so those go one each.
- HTTP (Antminer CGI) reuses the session's keep-alive connections and the digest login:
  after the first poll no 401 round trip and no new TCP connection (while the connection
  pool keeps them alive).
- Whatsminer V3 (TCP 4433) keeps one connection: no new connection after the first poll.

Counted on the client side: every ``asyncio.open_connection`` (RPC, V3) with its port and
frames written, and aiohttp trace signals (connections created, requests actually sent,
401s included) on the session the miner is given.
"""

from __future__ import annotations

import asyncio
import itertools
from collections import Counter
from collections.abc import AsyncIterator, Awaitable, Callable
from types import SimpleNamespace
from typing import Any

import aiohttp
import pytest

from custom_components.asic_miner.driver import Credentials, Miner, find_miner
from tests.simulator import SimulatedMiner

# Loopback addresses of this module only.
_ADDRESSES = (f"127.0.15.{n}" for n in itertools.cycle(range(10, 250)))
PASSWORD = "s3cret"


class Counts:
    """What one miner's client opened and sent while counting."""

    def __init__(self) -> None:
        self.tcp: Counter[int] = Counter()  # new TCP connections by port (RPC, V3, HTTP)
        self.sent: Counter[int] = Counter()  # requests sent by port (V3: frames)
        self.http_status: Counter[int] = Counter()
        self.counting = False

    def clear(self) -> None:
        self.tcp.clear()
        self.sent.clear()
        self.http_status.clear()

    def as_dict(self) -> dict[str, Any]:
        return {
            "tcp": dict(self.tcp),
            "sent": dict(self.sent),
            "http_status": dict(self.http_status),
        }


class _CountingWriter:
    """A StreamWriter that counts non-empty frames written (heartbeats excluded)."""

    def __init__(self, writer: asyncio.StreamWriter, counts: Counts, port: int) -> None:
        self._writer = writer
        self._counts = counts
        self._port = port

    def write(self, data: bytes) -> None:
        if data != b"\x00\x00\x00\x00":
            self._counts.sent[self._port] += 1
        self._writer.write(data)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._writer, name)


@pytest.fixture
def counts(monkeypatch: pytest.MonkeyPatch) -> Counts:
    """Count every asyncio.open_connection (RPC 4028, V3 4433) and what goes out on it."""
    counts = Counts()
    original = asyncio.open_connection

    async def counting_open_connection(
        host: str, port: int, **kwargs: Any
    ) -> tuple[asyncio.StreamReader, Any]:
        reader, writer = await original(host, port, **kwargs)
        counts.tcp[port] += 1
        return reader, _CountingWriter(writer, counts, port)

    monkeypatch.setattr(asyncio, "open_connection", counting_open_connection)
    return counts


@pytest.fixture
async def session(counts: Counts) -> AsyncIterator[aiohttp.ClientSession]:
    """A session like Home Assistant's shared one, with trace signals feeding ``counts``."""

    async def created(_: Any, context: SimpleNamespace, params: Any) -> None:
        counts.tcp[80] += 1

    async def headers_sent(_: Any, context: SimpleNamespace, params: Any) -> None:
        counts.sent[80] += 1

    async def ended(_: Any, context: SimpleNamespace, params: Any) -> None:
        counts.http_status[params.response.status] += 1

    trace = aiohttp.TraceConfig()
    trace.on_connection_create_end.append(created)
    trace.on_request_headers_sent.append(headers_sent)
    trace.on_request_end.append(ended)
    async with aiohttp.ClientSession(trace_configs=[trace]) as session:
        yield session


StartMiner = Callable[..., Awaitable[SimulatedMiner]]


@pytest.fixture
async def start() -> AsyncIterator[StartMiner]:
    started: list[SimulatedMiner] = []

    async def start(model: str, **options: Any) -> SimulatedMiner:
        sim = SimulatedMiner(model, next(_ADDRESSES), password=PASSWORD, **options)
        await sim.start()
        if sim.api_version and sim.api_version >= 3:
            sim.state.v3_passwords["super"] = PASSWORD
        started.append(sim)
        return sim

    yield start
    for sim in started:
        await sim.stop()


async def _counts_of_later_polls(
    sim: SimulatedMiner, username: str, session: aiohttp.ClientSession, counts: Counts
) -> list[dict[str, Any]]:
    """Identify the miner, poll once uncounted, then count each of two more polls."""
    miner: Miner = await find_miner(
        sim.address, credentials=Credentials(username, PASSWORD), session=session, timeout=5.0
    )
    try:
        await miner.get_data()
        per_poll = []
        for _ in range(2):
            counts.clear()
            data = await miner.get_data()
            assert data.hashrate
            per_poll.append(counts.as_dict())
        return per_poll
    finally:
        await miner.close()


FAMILIES = {
    "antminer-s19pro": "root",
    "antminer-s9": "root",
    "whatsminer-m50s": "admin",
    "whatsminer-m60s": "super",
}


@pytest.mark.parametrize("model", list(FAMILIES))
async def test_print_counts(
    model: str, start: StartMiner, session: aiohttp.ClientSession, counts: Counts
) -> None:
    sim = await start(model)
    polls = await _counts_of_later_polls(sim, FAMILIES[model], session, counts)
    print(model, polls)
