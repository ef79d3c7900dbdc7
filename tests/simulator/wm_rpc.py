"""TCP 4028 of a simulated Whatsminer: the CGMiner-style listener, with the client's IP."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from .faults import FaultPlan
from .rpc_server import RpcServer

IDLE_TIMEOUT = 10.0  # "no data within 10 seconds after connecting: closed" (API V2 docs)

PeerAnswer = Callable[[bytes, str], bytes]


class WhatsminerRpcServer(RpcServer):
    read_timeout = IDLE_TIMEOUT

    def __init__(self, host: str, port: int, answer: PeerAnswer, faults: FaultPlan) -> None:
        super().__init__(host, port, lambda _request: b"", faults)
        self._peer_answer = answer

    def _reply(self, data: bytes, writer: asyncio.StreamWriter) -> bytes | None:
        if not data.strip(b"\x00 \t\r\n"):
            return None  # idle client: the miner closes without a word
        peer = writer.get_extra_info("peername")
        return self._peer_answer(data, str(peer[0]) if peer else "")
