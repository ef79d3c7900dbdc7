"""Which miner answers at an address: probes, markers, and the choice of backend.

The RPC probe (``version``, ``devdetails`` on 4028) and the web probe (``GET /``) run at the
same time; the first answer that names a firmware family decides. A family is added by a
row in ``RPC_MARKERS``/``WEB_MARKERS`` and a resolver in ``RESOLVERS`` (docs/protocols.md §6).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Collection
from dataclasses import dataclass, replace
from typing import Any, Never

import aiohttp

from .backends.antminer import AntminerModern, AntminerOld
from .backends.values import first_item, text
from .backends.whatsminer_replies import section
from .backends.whatsminer_v2 import WhatsminerV2
from .backends.whatsminer_v3 import WhatsminerV3
from .credentials import Credentials, Firmware
from .errors import (
    AsicMinerError,
    MinerAuthenticationError,
    MinerConnectionError,
    MinerNotFoundError,
    MinerRefusedError,
    MinerTimeoutError,
)
from .miner import DEFAULT_TIMEOUT, Miner
from .models import ANTMINER, OLD, WHATSMINER, lookup
from .transport.btminer_v3 import V3_PORT, BtminerV3Client
from .transport.http import WebClient, WebPage
from .transport.rpc import RPC_PORT, Reply, RpcClient

_LOGGER = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Marker:
    """A case-insensitive text that identifies a firmware family.

    A weak marker is shared with other firmware (the "antMiner" digest realm is also served
    by Hiveon and MaraFW builds): it decides only if no probe names a family outright within
    ``WEAK_MARKER_GRACE`` seconds.
    """

    text: str
    family: Firmware
    strong: bool = True


WEAK_MARKER_GRACE = 1.0
WEB_PORT = 80


@dataclass(frozen=True, slots=True)
class V3Answer:
    """What a Whatsminer API V3 port (4433) said to ``get.device.info``."""

    msg: dict[str, Any]


# A miner answering API V3 frames on 4433 is a Whatsminer (firmware from 2024-11).
V3_MARKER = Marker("WHATSMINER API V3", Firmware.WHATSMINER)


# Checked in order: aftermarket firmware first, since its replies also say "Antminer".
RPC_MARKERS: tuple[Marker, ...] = (
    Marker("BOSMINER", Firmware.BRAIINS),
    Marker("BOSER", Firmware.BRAIINS),
    Marker("LUXMINER", Firmware.LUXOS),
    Marker("VNISH", Firmware.VNISH),
    Marker("HIVEON", Firmware.HIVEON),
    Marker("KAONSU", Firmware.MARATHON),
    Marker("BTMINER", Firmware.WHATSMINER),
    Marker("BITMICRO", Firmware.WHATSMINER),
    Marker("WHATSMINER", Firmware.WHATSMINER),
    Marker("GCMINER", Firmware.AURADINE),
    Marker("FLUXOS", Firmware.AURADINE),
    Marker("INNOMINER", Firmware.INNOSILICON),
    Marker("BFGMINER", Firmware.GOLDSHELL),
    Marker("KDAMINER", Firmware.GOLDSHELL),
    Marker("AVALON", Firmware.AVALON),
    Marker("ANTMINER", Firmware.ANTMINER),
)

# Matched against the WWW-Authenticate header and the page text of GET /.
WEB_MARKERS: tuple[Marker, ...] = (
    Marker("BRAIINS OS", Firmware.BRAIINS),
    Marker("LUXOR FIRMWARE", Firmware.LUXOS),
    Marker("ANTHILLOS", Firmware.VNISH),
    Marker("AXEOS", Firmware.BITAXE),
    Marker("CLOUD-BOX", Firmware.GOLDSHELL),
    Marker("MINER WEB DASHBOARD", Firmware.EPIC),
    Marker("DRAGONMINT", Firmware.INNOSILICON),
    Marker("MINER UI", Firmware.AURADINE),
    Marker("用户界面", Firmware.ICERIVER),
    Marker("AVALON", Firmware.AVALON),
    Marker('REALM="ANTMINER', Firmware.ANTMINER, strong=False),
)


def match_marker(markers: tuple[Marker, ...], haystack: str) -> Marker | None:
    upper = haystack.upper()
    return next((m for m in markers if m.text.upper() in upper), None)


class _Probes:
    """The probes of one address, running concurrently."""

    def __init__(
        self,
        rpc: RpcClient,
        web: WebClient,
        credentials: Credentials | None,
        ports: Collection[int] | None = None,
    ) -> None:
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
            rpc.query("version") if rpc_open else _closed(rpc, RPC_PORT)
        )
        self.devdetails = asyncio.create_task(
            rpc.query("devdetails") if rpc_open else _closed(rpc, RPC_PORT)
        )
        self.page = asyncio.create_task(web.fetch_page("/") if web_open else _closed(rpc, WEB_PORT))
        self.v3 = asyncio.create_task(
            _probe_v3(rpc.host, rpc.timeout) if v3_open else _closed(rpc, V3_PORT)
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
            return match_marker(WEB_MARKERS, haystack)
        return match_marker(RPC_MARKERS, repr(result))

    def failure(self) -> AsicMinerError:
        """Why no probe named a family (all probes have finished).

        "Refused" only when every port that was tried refused (ECONNREFUSED); a daemon that
        took the connection and closed it without an answer is named as that.
        """
        errors = [t.exception() for t in self.tasks if not t.cancelled()]
        if errors and all(isinstance(e, MinerTimeoutError) for e in errors):
            return MinerTimeoutError(f"{self.rpc.host}: no answer within {self.rpc.timeout:g} s")
        tried = [e for e in errors if not isinstance(e, _PortClosed)]
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


class _PortClosed(MinerConnectionError):
    """A probe left out: the scan's port probe found the port closed (refused or silent)."""


async def _closed(rpc: RpcClient, port: int) -> Never:
    """The outcome of a probe of a port the port probe found closed."""
    raise _PortClosed(f"{rpc.host}: port {port} is closed")


@dataclass(frozen=True, slots=True)
class Identity:
    backend: type[Miner]
    model: str | None
    plain_text_rpc: bool = False  # the RPC daemon answered only the plain-text form


Resolver = Callable[[_Probes], Awaitable[Identity]]


async def _antminer_type_from_rpc(probes: _Probes) -> str | None:
    return text(first_item(await probes.version_reply(), "VERSION").get("Type"))


async def _antminer_type_from_web(probes: _Probes) -> str | None:
    try:
        info = await probes.web_for(Firmware.ANTMINER).get_json("/cgi-bin/get_system_info.cgi")
    except MinerAuthenticationError:
        return None  # the model is learnt on the first poll once the credentials are right
    except AsicMinerError as err:
        _LOGGER.debug("%s: get_system_info failed: %s", probes.rpc.host, err)
        return None
    return text(info.get("minertype")) if isinstance(info, dict) else None


async def _first_answer(*reads: Awaitable[str | None]) -> str | None:
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


async def _resolve_antminer(probes: _Probes) -> Identity:
    # The RPC version Type when its answer is in (it usually is: it named the family); the
    # web's minertype, a digest login and two requests, only when that names no model.
    # With the RPC answer still out, whichever of the two names the model first.
    if probes.version.done():
        name = await _antminer_type_from_rpc(probes) or await _antminer_type_from_web(probes)
    else:
        name = await _first_answer(_antminer_type_from_rpc(probes), _antminer_type_from_web(probes))
    model = lookup(name, ANTMINER)
    if model is not None:
        backend = AntminerOld if model.generation == OLD else AntminerModern
        return Identity(backend, model.name)
    # Unknown model: BMMiner 2.x in VERSION[0] is the S9-era firmware.
    version = first_item(probes.version.result(), "VERSION") if _succeeded(probes.version) else {}
    old = str(version.get("BMMiner", "")).startswith("2.")
    model_name = name.split(" (", 1)[0].removeprefix("Antminer ") if name else None
    return Identity(AntminerOld if old else AntminerModern, model_name)


def _succeeded(task: asyncio.Task[Any]) -> bool:
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


async def _settled[T](task: asyncio.Task[T]) -> T | None:
    try:
        return await task
    except AsicMinerError:
        return None


async def _resolve_whatsminer(probes: _Probes) -> Identity:
    """API V3 when port 4433 answers V3 frames, else API V2 on 4028.

    The model comes from V3 ``miner.type`` or V2 ``devdetails`` Model. A miner whose 4433
    is closed gets V2 even with V3 firmware (its reduced V2 reads still answer); one whose
    4028 is closed but 4433 answers gets V3.
    """
    v3 = await _settled(probes.v3)
    if v3 is not None:
        name = text(section(v3.msg, "miner").get("type"))
        return Identity(WhatsminerV3, _whatsminer_model(name))
    details = await _settled(probes.devdetails)
    name = text(first_item(details, "DEVDETAILS").get("Model"))
    return Identity(WhatsminerV2, _whatsminer_model(name))


def _whatsminer_model(name: str | None) -> str | None:
    model = lookup(name, WHATSMINER)
    return model.name if model else name


RESOLVERS: dict[Firmware, Resolver] = {
    Firmware.ANTMINER: _resolve_antminer,
    Firmware.WHATSMINER: _resolve_whatsminer,
}


async def get_miner(
    host: str,
    *,
    credentials: Credentials | None = None,
    session: aiohttp.ClientSession | None = None,
    timeout: float = DEFAULT_TIMEOUT,  # noqa: ASYNC109  (the public surface's name)
    ports: Collection[int] | None = None,
) -> Miner | None:
    """The miner at ``host`` with the right backend, or None when no known miner answers.

    Refused connections, silence within ``timeout`` and answers that are not a miner's all
    give None; so does a miner whose firmware family has no backend yet (logged).
    ``find_miner`` says which of these it was. ``ports``: as for ``find_miner``.
    """
    try:
        return await find_miner(
            host, credentials=credentials, session=session, timeout=timeout, ports=ports
        )
    except (MinerConnectionError, MinerNotFoundError) as err:
        _LOGGER.debug("%s: no miner: %s", host, err)
        return None


async def find_miner(
    host: str,
    *,
    credentials: Credentials | None = None,
    session: aiohttp.ClientSession | None = None,
    timeout: float = DEFAULT_TIMEOUT,  # noqa: ASYNC109  (the public surface's name)
    ports: Collection[int] | None = None,
) -> Miner:
    """Like ``get_miner`` but raises instead of returning None.

    MinerRefusedError: every probe was refused; MinerConnectionError: connections taken but
    closed without an answer (or refused by some ports); MinerTimeoutError: nothing within
    ``timeout``; MinerNotFoundError: something answered that is not a miner we support.
    ``ports``: the ports that may answer (a scan's port probe found the others closed);
    the probes of the others (4028 RPC, 80 web, 4433 API V3) are left out. None: all.
    """
    own_session = session is None
    probe_session = session or aiohttp.ClientSession()
    try:
        identity = await _identify(host, credentials, probe_session, timeout, ports)
    finally:
        if own_session:
            await probe_session.close()
    miner = identity.backend(
        host, model=identity.model, credentials=credentials, session=session, timeout=timeout
    )
    rpc = getattr(miner, "rpc", None)
    if identity.plain_text_rpc and isinstance(rpc, RpcClient) and rpc.text_fallback:
        rpc.plain_text = True  # its first request need not find that out again
    return miner


async def _identify(
    host: str,
    credentials: Credentials | None,
    session: aiohttp.ClientSession,
    seconds: float,
    ports: Collection[int] | None = None,
) -> Identity:
    rpc = RpcClient(host, timeout=seconds, text_fallback=True)
    web = WebClient(host, lambda: session, timeout=seconds)
    probes = _Probes(rpc, web, credentials, ports)
    try:
        async with asyncio.timeout(seconds):
            family = await probes.first_family()
            if family is None:
                raise probes.failure()
            resolver = RESOLVERS.get(family)
            if resolver is None:
                raise MinerNotFoundError(f"{host}: {family} firmware is not supported yet")
            identity = await resolver(probes)
            return replace(identity, plain_text_rpc=rpc.plain_text)
    except TimeoutError as err:
        raise MinerTimeoutError(f"{host}: no answer within {seconds:g} s") from err
    finally:
        probes.cancel()
        await asyncio.gather(*probes.tasks, return_exceptions=True)
