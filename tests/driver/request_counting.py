"""Counting what a driver client opens and sends, on the client side.

Every ``asyncio.open_connection`` (RPC 4028, Whatsminer API V3 4433) with what is written on
it, and aiohttp trace signals for HTTP: connections created, and requests whose headers went
out (a request answered 401 and sent again by the digest middleware counts twice; the final
status is counted once).
"""

from __future__ import annotations

import asyncio
import json
from collections import Counter
from types import SimpleNamespace
from typing import Any

import aiohttp
import pytest

RPC, HTTP, V3 = 4028, 80, 4433
HEARTBEAT = b"\x00\x00\x00\x00"


class Counts:
    """What one client opened and sent while counting."""

    def __init__(self) -> None:
        self.tcp: Counter[int] = Counter()  # new TCP connections by port
        self.sent: Counter[int] = Counter()  # requests sent by port (V3: frames)
        self.http_status: Counter[int] = Counter()  # final statuses (after digest retries)
        self.requests: Counter[str] = Counter()  # RPC/V3 commands, HTTP method and path

    def clear(self) -> None:
        for counter in (self.tcp, self.sent, self.http_status, self.requests):
            counter.clear()

    def summary(self) -> dict[str, Any]:
        return {
            "tcp": dict(self.tcp),
            "sent": dict(self.sent),
            "http_status": dict(self.http_status),
            "requests": dict(self.requests),
        }

    def record(self, port: int, data: bytes) -> None:
        if data == HEARTBEAT:
            return
        self.sent[port] += 1
        try:
            payload = json.loads(data[4:] if port == V3 else data)
        except ValueError:
            if port == RPC and data[:1].isalpha():  # cgminer's plain-text form: cmd|param
                self.requests[data.decode(errors="replace").split("|", 1)[0] + " (text)"] += 1
            return
        command = payload.get("cmd") or payload.get("command")
        self.requests[str(command) + (" new_api" if payload.get("new_api") else "")] += 1


class _CountingWriter:
    """A StreamWriter that records every request written on it."""

    def __init__(self, writer: asyncio.StreamWriter, counts: Counts, port: int) -> None:
        self._writer = writer
        self._counts = counts
        self._port = port

    def write(self, data: bytes) -> None:
        self._counts.record(self._port, data)
        self._writer.write(data)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._writer, name)


def count_connections(monkeypatch: pytest.MonkeyPatch) -> Counts:
    """Count every asyncio.open_connection and what goes out on it, for this test."""
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


def trace_config(counts: Counts) -> aiohttp.TraceConfig:
    """aiohttp trace signals feeding ``counts`` with the HTTP side."""

    async def created(_: Any, context: SimpleNamespace, params: Any) -> None:
        counts.tcp[HTTP] += 1

    async def headers_sent(_: Any, context: SimpleNamespace, params: Any) -> None:
        counts.sent[HTTP] += 1
        counts.requests[f"{params.method} {params.url.path}"] += 1

    async def ended(_: Any, context: SimpleNamespace, params: Any) -> None:
        counts.http_status[params.response.status] += 1

    trace = aiohttp.TraceConfig()
    trace.on_connection_create_end.append(created)
    trace.on_request_headers_sent.append(headers_sent)
    trace.on_request_end.append(ended)
    return trace
