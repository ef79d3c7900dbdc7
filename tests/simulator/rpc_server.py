"""TCP 4028: one JSON request per connection, one reply, then the miner closes."""

from __future__ import annotations

import asyncio
import contextlib
import json
import socket
import struct
from collections.abc import Callable
from typing import Any

from .faults import GARBAGE_BYTES, Fault, FaultPlan
from .tcp_listener import TcpListener

READ_TIMEOUT = 5.0
DROP_PAUSE = 0.02
FOLLOW_UP = 0.1  # a JSON request that does not parse yet may be incomplete

Request = dict[str, Any] | None  # None: the bytes were not a request
Answer = Callable[[Request], bytes]
RawAnswer = Callable[[bytes], bytes | None]  # the request's bytes as they came


def parse_request(data: bytes) -> Request:
    text = data.strip(b"\x00 \t\r\n").decode("utf-8", errors="replace")
    if text.startswith("{"):
        try:
            value = json.loads(text)
        except json.JSONDecodeError:
            return None
        return value if isinstance(value, dict) else None
    if not text:
        return None
    command, _, parameter = text.partition("|")
    request: dict[str, Any] = {"command": command}
    if parameter:
        request["parameter"] = parameter
    return request


async def _read_request(reader: asyncio.StreamReader, idle: float = READ_TIMEOUT) -> bytes:
    """Bytes of one request: complete JSON, or whatever came before the client paused."""
    data = b""
    while True:
        try:
            chunk = await asyncio.wait_for(reader.read(65536), FOLLOW_UP if data else idle)
        except TimeoutError:
            return data
        if not chunk:
            return data
        data += chunk
        if not data.lstrip().startswith(b"{"):
            return data  # text: api.c takes what one recv() brings
        with contextlib.suppress(json.JSONDecodeError, UnicodeDecodeError):
            json.loads(data.strip(b"\x00 \t\r\n"))
            return data


def reset_connection(writer: asyncio.StreamWriter) -> None:
    """Close with RST instead of FIN (SO_LINGER 0), like a miner dropping the link."""
    sock = writer.get_extra_info("socket")
    if sock is not None:
        with contextlib.suppress(OSError):
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    writer.transport.abort()


class RpcServer(TcpListener):
    """The CGMiner-style API listener of one simulated miner."""

    read_timeout = READ_TIMEOUT

    def __init__(
        self,
        host: str,
        port: int,
        answer: Answer,
        faults: FaultPlan,
        answer_raw: RawAnswer | None = None,
    ) -> None:
        super().__init__(host, port)
        self._answer = answer
        self._answer_raw = answer_raw
        self._faults = faults

    def _reply(self, data: bytes, writer: asyncio.StreamWriter) -> bytes | None:
        """The answer to one request; None closes without answering."""
        if self._answer_raw is not None:
            return self._answer_raw(data)
        return self._answer(parse_request(data))

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        data = await _read_request(reader, self.read_timeout)
        if self._faults.active(Fault.SILENCE, "rpc"):
            await asyncio.Event().wait()  # until the connection is dropped by stop()
        if delay := self._faults.delay("rpc"):
            await asyncio.sleep(delay)
        reply = self._reply(data, writer)
        if reply is None:
            return
        if self._faults.active(Fault.GARBAGE, "rpc"):
            reply = GARBAGE_BYTES
        elif self._faults.active(Fault.TRUNCATED, "rpc"):
            reply = reply.rstrip(b"\x00")[: max(1, len(reply) * 3 // 5)]
        elif self._faults.active(Fault.DROP, "rpc"):
            # half the reply, then a reset (TRUNCATED is the clean cut with FIN)
            writer.write(reply[: len(reply) // 2])
            await writer.drain()
            await asyncio.sleep(DROP_PAUSE)  # let the half reach the client first
            reset_connection(writer)
            return
        writer.write(reply)
        await writer.drain()
