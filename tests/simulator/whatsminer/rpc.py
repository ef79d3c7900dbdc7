"""TCP 4028 of a simulated Whatsminer: the CGMiner-style listener, with the client's IP."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable

from ..faults import FaultPlan
from ..rpc_server import RpcServer

IDLE_TIMEOUT = 10.0  # "no data within 10 seconds after connecting: closed" (API V2 docs)
HOLD_LIMIT = 30.0  # s a connection left open without an answer stays so at most

# The answer to one request from a peer: bytes (b"" closes without a byte), or None to keep
# the connection open without answering (quirk reboot-silent-open).
PeerAnswer = Callable[[bytes, str], bytes | None]


class WhatsminerRpcServer(RpcServer):
    read_timeout = IDLE_TIMEOUT

    def __init__(self, host: str, port: int, answer: PeerAnswer, faults: FaultPlan) -> None:
        super().__init__(host, port, lambda _request: b"", faults)
        self._peer_answer = answer
        self._held: set[asyncio.StreamWriter] = set()

    def _reply(self, data: bytes, writer: asyncio.StreamWriter) -> bytes | None:
        if not data.strip(b"\x00 \t\r\n"):
            return None  # idle client: the miner closes without a word
        peer = writer.get_extra_info("peername")
        reply = self._peer_answer(data, str(peer[0]) if peer else "")
        if reply is None:
            self._held.add(writer)
        return reply

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await super()._serve(reader, writer)
        if writer in self._held:
            await self._hold(reader, writer)

    async def _hold(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        """Keep the connection open, silent, until the client gives up: a miner going down
        mid-reboot sends neither FIN nor RST, so going offline must not end it either."""
        self._held.discard(writer)
        self._writers.discard(writer)
        self._tasks.discard(asyncio.current_task())  # type: ignore[arg-type]
        with contextlib.suppress(TimeoutError):
            async with asyncio.timeout(HOLD_LIMIT):
                while await reader.read(65536):
                    pass
