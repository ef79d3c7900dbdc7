"""Tiny loopback servers for transport tests: they answer with exactly the bytes given."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field


@dataclass
class RawServer:
    """A TCP server on 127.0.3.x that records requests and answers each from ``reply``."""

    host: str
    reply: Callable[[bytes], bytes | None]  # None: say nothing, keep the connection open
    port: int = 0
    requests: list[bytes] = field(default_factory=list)


async def _read_json_request(reader: asyncio.StreamReader) -> bytes:
    # Our client sends one JSON object and then waits; read until it parses.
    import json

    data = b""
    while True:
        chunk = await reader.read(65536)
        if not chunk:
            return data
        data += chunk
        with contextlib.suppress(ValueError):
            json.loads(data)
            return data


@contextlib.asynccontextmanager
async def raw_server(
    reply: bytes | Callable[[bytes], bytes | None], host: str = "127.0.3.1"
) -> AsyncIterator[RawServer]:
    answer = reply if callable(reply) else (lambda _request: reply)
    server_state = RawServer(host=host, reply=answer)
    hold = asyncio.Event()

    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            request = await _read_json_request(reader)
            server_state.requests.append(request)
            data = server_state.reply(request)
            if data is None:
                await hold.wait()
                return
            writer.write(data)
            await writer.drain()
        finally:
            writer.close()

    server = await asyncio.start_server(handle, host, 0)
    server_state.port = server.sockets[0].getsockname()[1]
    try:
        yield server_state
    finally:
        hold.set()
        server.close()
        await server.wait_closed()
