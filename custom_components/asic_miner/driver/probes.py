"""The probes of one address, run at the same time: RPC ``version`` and ``devdetails`` on
4028, ``GET /`` on 80 and ``get.device.info`` on the Whatsminer API V3 port (4433).

Resolvers (each family's ``family.py``) read what the probes found to choose a backend and
a model; the helpers below are theirs to share.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Collection
from dataclasses import dataclass
from typing import Any, Never

from .credentials import Credentials, Firmware
from .errors import (
    AsicMinerError,
    MinerConnectionError,
    MinerNotFoundError,
    MinerRefusedError,
    MinerTimeoutError,
)
from .family import Marker
from .transport.btminer_v3 import V3_PORT, BtminerV3Client
from .transport.http import WebClient, WebPage
from .transport.rpc import RPC_PORT, Reply, RpcClient

_LOGGER = logging.getLogger(__name__)

WEAK_MARKER_GRACE = 1.0
WEB_PORT = 80


@dataclass(frozen=True, slots=True)
class V3Answer:
    """What a Whatsminer API V3 port (4433) said to ``get.device.info``."""

    msg: dict[str, Any]


# A miner answering API V3 frames on 4433 is a Whatsminer (firmware from 2024-11).
V3_MARKER = Marker("WHATSMINER API V3", Firmware.WHATSMINER)


def match_marker(markers: tuple[Marker, ...], haystack: str) -> Marker | None:
    upper = haystack.upper()
    return next((m for m in markers if m.text.upper() in upper), None)


class Probes:
    """The probes of one address, running concurrently."""

    def __init__(
        self,
        rpc: RpcClient,
        web: WebClient,
        credentials: Credentials | None,
        ports: Collection[int] | None = None,
        *,
        rpc_markers: tuple[Marker, ...] = (),
        web_markers: tuple[Marker, ...] = (),
    ) -> None:
        self.rpc_markers, self.web_markers = rpc_markers, web_markers
        self.rpc = rpc
        self.web = web
        self.credentials = credentials or Credentials()
        # A probe of a port known to be closed is not sent: it fails at once, as if refused.
        rpc_open, web_open, v3_open = (
            ports is None or port in ports for port in (RPC_PORT, WEB_PORT, V3_PORT)
        )
        # Unchecked: an error reply names its firmware too ("whatsminer v2.0.5",
        # "btminer is not running" from a stopped Whatsminer). A daemon that closes on JSON
        # is asked in plain text (the RPC client's text fallback).
        self.version = asyncio.create_task(
            rpc.query("version") if rpc_open else closed(rpc, RPC_PORT)
        )
        self.devdetails = asyncio.create_task(
            rpc.query("devdetails") if rpc_open else closed(rpc, RPC_PORT)
        )
        self.page = asyncio.create_task(web.fetch_page("/") if web_open else closed(rpc, WEB_PORT))
        self.v3 = asyncio.create_task(
            _probe_v3(rpc.host, rpc.timeout) if v3_open else closed(rpc, V3_PORT)
        )

    @property
    def tasks(self) -> tuple[asyncio.Task[Any], ...]:
        return (self.version, self.devdetails, self.page, self.v3)

    async def first_family(self) -> Firmware | None:
        """The family named by the first strong marker (or a weak one after a grace)."""
        pending: set[asyncio.Task[Any]] = set(self.tasks)
        weak: Marker | None = None
        while pending:
            done, pending = await asyncio.wait(
                pending,
                timeout=WEAK_MARKER_GRACE if weak else None,
                return_when=asyncio.FIRST_COMPLETED,
            )
            if not done:
                break
            for task in done:
                marker = self._marker_from(task)
                if marker is not None and marker.strong:
                    return marker.family
                weak = weak or marker
        return weak.family if weak else None

    def _marker_from(self, task: asyncio.Task[Any]) -> Marker | None:
        if task.cancelled() or task.exception() is not None:
            if task.exception() is not None:
                _LOGGER.debug("%s: probe failed: %s", self.rpc.host, task.exception())
            return None
        result = task.result()
        if isinstance(result, V3Answer):
            return V3_MARKER
        if isinstance(result, WebPage):
            haystack = result.headers.get("WWW-Authenticate", "") + "\n" + result.text
            return match_marker(self.web_markers, haystack)
        return match_marker(self.rpc_markers, repr(result))

    def failure(self) -> AsicMinerError:
        """Why no probe named a family (all probes have finished).

        "Refused" only when every port that was tried refused (ECONNREFUSED); a daemon that
        took the connection and closed it without an answer is named as that.
        """
        errors = [t.exception() for t in self.tasks if not t.cancelled()]
        if errors and all(isinstance(e, MinerTimeoutError) for e in errors):
            return MinerTimeoutError(f"{self.rpc.host}: no answer within {self.rpc.timeout:g} s")
        tried = [e for e in errors if not isinstance(e, PortClosed)]
        if tried and all(isinstance(e, MinerRefusedError) for e in tried):
            return MinerRefusedError(
                f"{self.rpc.host} refused the connection (RPC port {self.rpc.port} and web)"
            )
        if errors and all(isinstance(e, MinerConnectionError) for e in errors):
            reason = next((e for e in tried if not isinstance(e, MinerRefusedError)), errors[0])
            return MinerConnectionError(f"{self.rpc.host}: no miner answered ({reason})")
        return MinerNotFoundError(f"{self.rpc.host} answered, but not as a known miner")

    def web_for(self, family: Firmware) -> WebClient:
        """A web client that logs in with the family's credentials (defaults filled in)."""
        return WebClient(
            self.web.host,
            self.web.session,
            credentials=self.credentials.resolve(family),
            timeout=self.web.timeout,
        )

    async def version_reply(self) -> Reply | None:
        try:
            return await self.version
        except AsicMinerError:
            return None

    def cancel(self) -> None:
        for task in self.tasks:
            task.cancel()


class PortClosed(MinerConnectionError):
    """A probe left out: the scan's port probe found the port closed (refused or silent)."""


async def closed(rpc: RpcClient, port: int) -> Never:
    """The outcome of a probe of a port the port probe found closed."""
    raise PortClosed(f"{rpc.host}: port {port} is closed")


async def first_answer(*reads: Awaitable[str | None]) -> str | None:
    """The first non-None result of reads run together (the rest are cancelled)."""
    pending = {asyncio.ensure_future(read) for read in reads}
    try:
        while pending:
            done, pending = await asyncio.wait(pending, return_when=asyncio.FIRST_COMPLETED)
            for task in done:
                if task.result() is not None:
                    return task.result()
        return None
    finally:
        for task in pending:
            task.cancel()
        await asyncio.gather(*pending, return_exceptions=True)


def succeeded(task: asyncio.Task[Any]) -> bool:
    return task.done() and not task.cancelled() and task.exception() is None


async def _probe_v3(host: str, seconds: float) -> V3Answer:
    """``get.device.info`` on the API V3 port; raises unless a V3 reply comes back."""
    client = BtminerV3Client(host, timeout=seconds)
    try:
        msg = await client.get("get.device.info")
    finally:
        await client.close()
    if not isinstance(msg, dict):
        raise MinerNotFoundError(f"{host}: port {client.port} answered no device info")
    return V3Answer(msg)


async def settled[T](task: asyncio.Task[T]) -> T | None:
    try:
        return await task
    except AsicMinerError:
        return None
