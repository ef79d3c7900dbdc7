"""Find the miners on a network: parse targets, probe many addresses at once.

Each address first gets a fast TCP connect probe on the miner ports (4028 RPC, 80 web,
4433 Whatsminer API V3) with a short connect timeout; only an address where a port takes
the connection is identified (``find_miner``, without the probes of the ports found
closed) and asked for its MAC (``Miner.get_mac``: one or two requests, not a poll). On a
real LAN an empty address answers with silence, not a refusal, so the connect timeout and
the concurrency decide how long a scan takes: a /24 of silent addresses takes about
``ceil(254 / concurrency) * connect_timeout`` seconds.
"""

from __future__ import annotations

import asyncio
import contextlib
import ipaddress
import logging
import re
import socket
from collections.abc import AsyncIterator, Callable, Iterable
from dataclasses import dataclass

import aiohttp

from .credentials import Credentials
from .data import MinerData
from .errors import AsicMinerError, MinerAuthenticationError
from .identify import find_miner
from .miner import Miner

_LOGGER = logging.getLogger(__name__)

MINER_PORTS: tuple[int, ...] = (4028, 80, 4433)
# A /24 in one wave: silent addresses (most of a LAN) cost one connect timeout side by side,
# not one per wave, and a miner never waits behind them. 256 addresses x 3 ports is about
# 770 sockets at once; Home Assistant raises its soft file limit to 2048.
DEFAULT_CONCURRENCY = 256
DEFAULT_CONNECT_TIMEOUT = 1.0
DEFAULT_SCAN_TIMEOUT = 5.0  # identification and the first read of an address that answers
# Once a port took the connection, how long the others may take to say they are closed
# (a refusal comes within a round trip); a port still undecided then is probed anyway.
PORT_GRACE = 0.1
# Without a MAC there is no unique id; a booting miner may report it a moment later.
MAC_RETRIES = 2
MAC_RETRY_DELAY = 1.0
# What parse_targets accepts at most (a /16); callers may ask for less.
MAX_TARGETS = 65536

type Progress = Callable[[int, int], None]

_LABEL = r"[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
_HOSTNAME = re.compile(rf"^(?=.{{1,253}}$){_LABEL}(\.{_LABEL})*$")
_SPLIT = re.compile(r"[\s,;]+")


@dataclass(frozen=True, slots=True)
class ScanResult:
    """A miner found at ``host``.

    ``data`` is what the scan learnt of it, not a poll: host, make, model, firmware and MAC
    (None when the miner refused the login: ``auth_required``, or could not be read).
    ``miner`` has been closed again; its connections reopen on the next call.
    """

    host: str
    miner: Miner
    data: MinerData | None
    auth_required: bool = False

    @property
    def mac(self) -> str | None:
        return self.data.mac if self.data else None


def _range(item: str) -> list[str]:
    start_text, end_text = (part.strip() for part in item.split("-", 1))
    try:
        start = ipaddress.IPv4Address(start_text)
    except ValueError as err:
        raise ValueError(f"{item!r}: {start_text!r} is not an IPv4 address") from err
    if end_text.isdigit():
        last = int(end_text)
        if last > 255:
            raise ValueError(f"{item!r}: the last number must be 0 to 255")
        end = ipaddress.IPv4Address((int(start) & 0xFFFFFF00) | last)
    else:
        try:
            end = ipaddress.IPv4Address(end_text)
        except ValueError as err:
            raise ValueError(f"{item!r}: {end_text!r} is not an IPv4 address") from err
    if end < start:
        raise ValueError(f"{item!r}: the range ends before it starts")
    if int(end) - int(start) >= MAX_TARGETS:
        raise ValueError(f"{item!r}: more than {MAX_TARGETS} addresses")
    return [str(ipaddress.IPv4Address(n)) for n in range(int(start), int(end) + 1)]


def _network(item: str) -> list[str]:
    try:
        network = ipaddress.IPv4Network(item, strict=False)
    except ValueError as err:
        raise ValueError(f"{item!r} is not an IPv4 subnet (like 192.168.1.0/24)") from err
    if network.num_addresses > MAX_TARGETS:
        raise ValueError(f"{item!r}: more than {MAX_TARGETS} addresses")
    return [str(host) for host in network.hosts()]


def _item(item: str) -> list[str]:
    if "/" in item:
        return _network(item)
    if "-" in item and item.split("-", 1)[0].strip().replace(".", "").isdigit():
        return _range(item)
    with contextlib.suppress(ValueError):
        return [str(ipaddress.IPv4Address(item))]
    if item.replace(".", "").isdigit():
        raise ValueError(f"{item!r} is not an IPv4 address")
    if _HOSTNAME.match(item):
        return [item]
    raise ValueError(f"{item!r} is neither an address, a range, a subnet nor a host name")


def parse_targets(targets: str | Iterable[str], *, max_hosts: int = MAX_TARGETS) -> list[str]:
    """The addresses to scan, in order and without repeats.

    ``targets`` is a subnet (``192.168.1.0/24``; network and broadcast addresses are left
    out), a range (``192.168.1.10-50`` or ``192.168.1.10-192.168.1.50``), an address or a
    host name, or several of these separated by commas or spaces (or given as a list).
    Raises ValueError, with a readable reason, for anything else, for no target at all
    and for more than ``max_hosts`` addresses.
    """
    texts = [targets] if isinstance(targets, str) else list(targets)
    items = [item for text in texts for item in _SPLIT.split(text)]
    hosts: dict[str, None] = {}
    for raw in items:
        item = raw.strip()
        if not item:
            continue
        for host in _item(item):
            hosts[host] = None
            if len(hosts) > max_hosts:
                raise ValueError(f"more than {max_hosts} addresses to scan")
    if not hosts:
        raise ValueError("no address to scan")
    return list(hosts)


async def _port_open(host: str, port: int, seconds: float) -> bool:
    try:
        address = str(ipaddress.IPv4Address(host))
    except ValueError:
        return await _port_open_by_name(host, port, seconds)
    # An address: a bare non-blocking socket, without a stream's transport and protocol
    # (a /24 is about 770 of these at once, and their cost decides when miners are found).
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        sock.setblocking(False)
        async with asyncio.timeout(seconds):
            await asyncio.get_running_loop().sock_connect(sock, (address, port))
    except OSError, TimeoutError:
        return False
    finally:
        sock.close()
    return True


async def _port_open_by_name(host: str, port: int, seconds: float) -> bool:
    try:
        async with asyncio.timeout(seconds):
            _reader, writer = await asyncio.open_connection(host, port)
    except OSError, TimeoutError:
        return False
    writer.close()
    with contextlib.suppress(OSError):
        await writer.wait_closed()
    return True


async def any_port_open(
    host: str, ports: Iterable[int] = MINER_PORTS, seconds: float = DEFAULT_CONNECT_TIMEOUT
) -> bool:
    """Whether one of ``ports`` takes a TCP connection within ``seconds`` (tried at once)."""
    probes = [asyncio.ensure_future(_port_open(host, port, seconds)) for port in ports]
    try:
        for first in asyncio.as_completed(probes):
            if await first:
                return True
        return False
    finally:
        for probe in probes:
            probe.cancel()
        await asyncio.gather(*probes, return_exceptions=True)


async def open_ports(
    host: str, ports: Iterable[int] = MINER_PORTS, seconds: float = DEFAULT_CONNECT_TIMEOUT
) -> frozenset[int]:
    """The ``ports`` that may answer: empty when none takes a TCP connection within
    ``seconds`` (tried at once); else all but those found closed (refused or silent) by
    ``PORT_GRACE`` seconds after the first one took it."""
    loop = asyncio.get_running_loop()
    probes: dict[asyncio.Future[bool], int] = {
        asyncio.ensure_future(_port_open(host, port, seconds)): port for port in ports
    }
    closed: set[int] = set()
    deadline: float | None = None
    pending: set[asyncio.Future[bool]] = set(probes)
    try:
        while pending:
            wait = None if deadline is None else max(0.0, deadline - loop.time())
            done, pending = await asyncio.wait(
                pending, timeout=wait, return_when=asyncio.FIRST_COMPLETED
            )
            if not done:
                break  # the grace is over
            for probe in done:
                if not probe.result():
                    closed.add(probes[probe])
                elif deadline is None:
                    deadline = loop.time() + PORT_GRACE
    finally:
        for probe in pending:
            probe.cancel()
        await asyncio.gather(*pending, return_exceptions=True)
    if deadline is None:
        return frozenset()
    return frozenset(probes.values()) - closed


async def probe_host(
    host: str,
    *,
    credentials: Credentials | None = None,
    session: aiohttp.ClientSession | None = None,
    connect_timeout: float = DEFAULT_CONNECT_TIMEOUT,
    timeout: float = DEFAULT_SCAN_TIMEOUT,  # noqa: ASYNC109  (the public surface's name)
    mac_retries: int = MAC_RETRIES,
    mac_retry_delay: float = MAC_RETRY_DELAY,
) -> ScanResult | None:
    """The miner at ``host`` and its MAC, or None when no known miner answers."""
    ports = await open_ports(host, seconds=connect_timeout)
    if not ports:
        return None
    try:
        miner = await find_miner(
            host, credentials=credentials, session=session, timeout=timeout, ports=ports
        )
    except AsicMinerError as err:
        _LOGGER.debug("%s: no miner: %s", host, err)
        return None
    try:
        mac = await miner.get_mac()
        for _ in range(mac_retries):
            if mac:
                break
            await asyncio.sleep(mac_retry_delay)
            mac = await miner.get_mac()
        data = MinerData(
            host=host, make=miner.make, model=miner.model, firmware=miner.firmware, mac=mac
        )
    except MinerAuthenticationError:
        return ScanResult(host, miner, None, auth_required=True)
    except AsicMinerError as err:
        _LOGGER.debug("%s: identified as %r, but not read: %s", host, miner, err)
        return ScanResult(host, miner, None)
    finally:
        await miner.close()
    return ScanResult(host, miner, data)


async def scan(
    targets: str | Iterable[str],
    *,
    credentials: Credentials | None = None,
    session: aiohttp.ClientSession | None = None,
    concurrency: int = DEFAULT_CONCURRENCY,
    connect_timeout: float = DEFAULT_CONNECT_TIMEOUT,
    timeout: float = DEFAULT_SCAN_TIMEOUT,  # noqa: ASYNC109  (the public surface's name)
    progress: Progress | None = None,
    mac_retries: int = MAC_RETRIES,
) -> AsyncIterator[ScanResult]:
    """Yield the miners found among ``targets`` as they are found.

    ``targets``: as ``parse_targets`` takes them (ValueError before anything is sent).
    At most ``concurrency`` addresses are probed at a time; an address gets
    ``connect_timeout`` seconds to take a connection on a miner port, then ``timeout``
    seconds to be identified. ``progress(done, total)`` is called after each address.
    ``session``, if given, is used and left open. Leaving the loop early stops the scan.
    """
    hosts = parse_targets(targets)
    if concurrency < 1:
        raise ValueError("concurrency must be at least 1")
    total = len(hosts)
    pending = iter(hosts)
    results: asyncio.Queue[ScanResult | None] = asyncio.Queue()
    done = 0

    async def worker() -> None:
        nonlocal done
        for host in pending:
            try:
                result = await probe_host(
                    host,
                    credentials=credentials,
                    session=session,
                    connect_timeout=connect_timeout,
                    timeout=timeout,
                    mac_retries=mac_retries,
                )
            except Exception:
                _LOGGER.exception("%s: probe failed", host)
                result = None
            done += 1
            if result is not None:
                results.put_nowait(result)
            if progress is not None:
                progress(done, total)
        results.put_nowait(None)  # this worker is finished

    workers = [asyncio.create_task(worker()) for _ in range(min(concurrency, total))]
    try:
        running = len(workers)
        while running:
            result = await results.get()
            if result is None:
                running -= 1
            else:
                yield result
    finally:
        for task in workers:
            task.cancel()
        await asyncio.gather(*workers, return_exceptions=True)
