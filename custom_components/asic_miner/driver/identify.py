"""Which miner answers at an address: the probes' answers matched against every family's
markers, then that family's resolver (docs/protocols.md §6).

The dispatcher names no family: each package in ``backends/`` brings its markers and its
resolver in its ``family.py`` (``FAMILY``); ``backends/not_yet_supported.py`` names the
firmware recognised without a backend.
"""

from __future__ import annotations

import asyncio
import importlib
import logging
from collections.abc import Collection
from dataclasses import replace
from typing import Final

import aiohttp

from .backends import FAMILY_PACKAGES
from .backends.not_yet_supported import FAMILIES as NOT_YET_SUPPORTED
from .credentials import Credentials, Firmware
from .errors import MinerConnectionError, MinerNotFoundError, MinerTimeoutError
from .family import Family, Identity, Marker
from .miner import DEFAULT_TIMEOUT, Miner
from .probes import Probes
from .transport.http import WebClient
from .transport.rpc import RpcClient

_LOGGER = logging.getLogger(__name__)


def _families() -> dict[Firmware, Family]:
    families = {family.firmware: family for family in NOT_YET_SUPPORTED}
    for package in FAMILY_PACKAGES:
        family: Family = importlib.import_module(f"{__package__}.backends.{package}.family").FAMILY
        families[family.firmware] = family  # a package replaces its not-yet-supported row
    return families


FAMILIES: Final[dict[Firmware, Family]] = _families()
_RANKED = sorted(FAMILIES.values(), key=lambda family: family.rank)  # stable within a rank
RPC_MARKERS: Final[tuple[Marker, ...]] = tuple(m for f in _RANKED for m in f.rpc_markers)
WEB_MARKERS: Final[tuple[Marker, ...]] = tuple(m for f in _RANKED for m in f.web_markers)

__all__ = ["FAMILIES", "RPC_MARKERS", "WEB_MARKERS", "Identity", "find_miner", "get_miner"]


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
    probes = Probes(rpc, web, credentials, ports, rpc_markers=RPC_MARKERS, web_markers=WEB_MARKERS)
    try:
        async with asyncio.timeout(seconds):
            family = await probes.first_family()
            if family is None:
                raise probes.failure()
            resolver = FAMILIES[family].resolve
            if resolver is None:
                raise MinerNotFoundError(f"{host}: {family} firmware is not supported yet")
            identity = await resolver(probes)
            return replace(identity, plain_text_rpc=rpc.plain_text)
    except TimeoutError as err:
        raise MinerTimeoutError(f"{host}: no answer within {seconds:g} s") from err
    finally:
        probes.cancel()
        await asyncio.gather(*probes.tasks, return_exceptions=True)
