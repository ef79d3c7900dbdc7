"""Loopback servers that answer with bytes a test chose (for properties over real sockets).

``serve_raw`` answers every connection on one port with the same bytes once it has read
a request (an RPC JSON object, an HTTP head, a V3 frame). ``ScriptedMiner`` answers the
driver's RPC (4028), web (80) and API V3 (4433) requests by command or path from a table
of replies, the way a miner with odd firmware would. Addresses: 127.0.18.0/24 only.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import struct
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

Reader = Callable[[asyncio.StreamReader], Awaitable[bytes]]
UNKNOWN = b'{"STATUS":[{"STATUS":"E","Code":14,"Msg":"Invalid command"}],"id":1}'


async def read_json_object(reader: asyncio.StreamReader) -> bytes:
    """One JSON request (the RPC clients send one object, then wait)."""
    data = b""
    while chunk := await reader.read(65536):
        data += chunk
        with contextlib.suppress(ValueError):
            json.loads(data)
            return data
    return data


async def read_http_head(reader: asyncio.StreamReader) -> bytes:
    """The request head; a body (a POSTed form) is read and dropped, so closing after the
    answer does not reset the connection under the client."""
    head = await reader.readuntil(b"\r\n\r\n")
    for line in head.lower().split(b"\r\n"):
        if line.startswith(b"content-length:"):
            await reader.readexactly(int(line.split(b":", 1)[1]))
    return head


async def read_frame(reader: asyncio.StreamReader) -> bytes:
    (length,) = struct.unpack("<I", await reader.readexactly(4))
    return await reader.readexactly(length)


@contextlib.asynccontextmanager
async def serve(
    host: str, port: int, read: Reader, answer: Callable[[bytes], bytes], *, keep: bool = False
) -> AsyncIterator[int]:
    """Answer each request read by ``read`` with ``answer(request)``; yields the port.

    ``keep``: serve several requests per connection (API V3 keeps its connection).
    """

    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        with contextlib.suppress(OSError, asyncio.IncompleteReadError, asyncio.LimitOverrunError):
            while True:
                writer.write(answer(await read(reader)))
                await writer.drain()
                if not keep:
                    break
        writer.close()

    server = await asyncio.start_server(handle, host, port)
    try:
        yield server.sockets[0].getsockname()[1]
    finally:
        server.close()
        with contextlib.suppress(TimeoutError):
            async with asyncio.timeout(2):
                await server.wait_closed()


def http_response(body: bytes, status: int = 200) -> bytes:
    head = (
        f"HTTP/1.1 {status} X\r\nContent-Type: application/json\r\n"
        f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n"
    )
    return head.encode() + body


def v3_frame(body: bytes) -> bytes:
    return struct.pack("<I", len(body)) + body


class ScriptedMiner:
    """A miner on ``host`` whose replies are ``replies``: command or path -> bytes.

    RPC: ``{"command"|"cmd": "a+b"}`` gets ``{"a": [<a>], "b": [<b>]}`` built from the parts
    (each part as JSON if it parses, else the joined reply is the first part's bytes);
    ``stats`` with new_api is looked up as ``"stats new_api"``. Web: by path. V3: by cmd.
    """

    def __init__(self, host: str, replies: dict[str, bytes]) -> None:
        self.host = host
        self.replies = replies
        self.requests: list[str] = []

    def rpc(self, request: bytes) -> bytes:
        try:
            asked = json.loads(request)
            names = str(asked.get("command") or asked.get("cmd")).split("+")
        except ValueError, AttributeError:
            return UNKNOWN
        if asked.get("new_api"):
            names = [f"{names[0]} new_api"]
        self.requests.append("+".join(names))
        parts = [self.replies.get(name, UNKNOWN) for name in names]
        if len(parts) == 1:
            return parts[0]
        try:
            joined = {name: [json.loads(part)] for name, part in zip(names, parts, strict=True)}
        except ValueError:
            return parts[0]
        return json.dumps({**joined, "id": 1}).encode()

    def web(self, head: bytes) -> bytes:
        path = head.split(b" ", 2)[1].decode(errors="replace") if b" " in head else ""
        self.requests.append(path)
        body = self.replies.get(path)
        return http_response(body) if body is not None else http_response(b"", 404)

    def v3(self, request: bytes) -> bytes:
        try:
            cmd = str(json.loads(request).get("cmd"))
        except ValueError, AttributeError:
            cmd = ""
        self.requests.append(cmd)
        return v3_frame(self.replies.get(cmd, b'{"code":-2,"msg":"invalid command"}'))

    @contextlib.asynccontextmanager
    async def running(self) -> AsyncIterator[None]:
        async with (
            serve(self.host, 4028, read_json_object, self.rpc),
            serve(self.host, 80, read_http_head, self.web),
            serve(self.host, 4433, read_frame, self.v3, keep=True),
        ):
            yield


def encode(reply: Any) -> bytes:
    return json.dumps(reply, allow_nan=True, ensure_ascii=False).encode("utf-8", "surrogatepass")
