"""One benchmark client run, in its own process: ours (.venv) or a peer (.venv-bench).

    python bench/client.py CLIENT scan SUBNET
    python bench/client.py CLIENT poll REPS HOST[,HOST...]

CLIENT is ``ours``, ``pyasic`` or ``pyasic-rs``. Prints one JSON line with the result.

scan: ``{"wall": s, "t_all": s, "found": {ip: "make model"}, "firmware": {ip: name}}`` —
``t_all`` is when the last miner was reported (streaming scanners), ``wall`` when the scan
returned.
poll: identifies every host first (not measured), prints ``identified N``, waits for a line
``go`` on stdin (the runner resets the simulator's counters), then polls every miner at once
REPS times and prints ``{"walls": [...], "cpu": s, "ok": n, "miners": n, "hosts": [...],
"identify_wall": s}``; ``cpu`` is the user+system time of this process (all its threads) over
the polls only, ``hosts`` the addresses identified, ``identify_wall`` how long that took
(the client's modules imported before).
After the first of several polls it prints ``first done`` and waits for ``go`` again (the
runner reads the counters of the first poll apart: it pays logins and one-off reads); that
wait is in neither a poll's wall time nor, being idle, its CPU.
BENCH_LOGINS (JSON ``{host: [username, password]}``): the login of those miners, given to
the clients that take one (ours: credentials; pyasic-rs: ``set_auth``; pyasic takes its
defaults, which the simulated miners it reads have).
"""

from __future__ import annotations

import asyncio
import contextlib
import importlib
import json
import os
import resource
import sys
import time
from collections.abc import Awaitable, Callable
from typing import Any

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _raise_fd_limit() -> None:
    _soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    with contextlib.suppress(ValueError, OSError):
        resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))


# --- scan -------------------------------------------------------------------------------


# What a scan found: {ip: "make model"}, {ip: firmware}, when the last one was reported.
Found = tuple[dict[str, str], dict[str, str], float]


async def scan_ours(subnet: str) -> Found:
    sys.path.insert(0, ROOT)
    from custom_components.asic_miner.driver import scan

    found: dict[str, str] = {}
    firmware: dict[str, str] = {}
    start, last = time.perf_counter(), 0.0
    async for result in scan(subnet):
        model = result.data.model if result.data and result.data.model else result.miner.model
        found[result.host] = f"{result.miner.make} {model}"
        firmware[result.host] = str(result.miner.firmware)
        last = time.perf_counter() - start
    return found, firmware, last


async def scan_pyasic(subnet: str) -> Found:
    from pyasic.network import MinerNetwork  # type: ignore[import-not-found]

    found: dict[str, str] = {}
    firmware: dict[str, str] = {}
    start, last = time.perf_counter(), 0.0
    async for miner in MinerNetwork.from_subnet(subnet).scan_network_generator():
        if miner is None:
            continue
        found[str(miner.ip)] = f"{miner.make} {miner.raw_model or miner.model}"
        firmware[str(miner.ip)] = str(miner.firmware)
        last = time.perf_counter() - start
    return found, firmware, last


async def scan_pyasic_rs(subnet: str) -> Found:
    from pyasic_rs import MinerFactory  # type: ignore[import-not-found]

    found: dict[str, str] = {}
    firmware: dict[str, str] = {}
    start, last = time.perf_counter(), 0.0
    async for ip, miner in MinerFactory.from_subnet(subnet).scan_stream_with_ip():
        if miner is None:
            continue
        found[str(ip)] = f"{miner.make} {miner.model}"
        firmware[str(ip)] = str(miner.firmware)
        last = time.perf_counter() - start
    return found, firmware, last


# --- poll -------------------------------------------------------------------------------


def _logins() -> dict[str, tuple[str, str]]:
    return {h: (u, p) for h, (u, p) in json.loads(os.environ.get("BENCH_LOGINS", "{}")).items()}


async def identify_ours(hosts: list[str]) -> tuple[list[Any], Callable[[Any], Awaitable[Any]]]:
    sys.path.insert(0, ROOT)
    import aiohttp

    from custom_components.asic_miner.driver import Credentials, get_miner

    logins = _logins()
    # Home Assistant hands every miner its one shared session (async_get_clientsession), and
    # the login its entry holds.
    session = aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=0))
    miners = await asyncio.gather(
        *(
            get_miner(
                h,
                session=session,
                credentials=Credentials(*logins[h]) if h in logins else None,
            )
            for h in hosts
        )
    )
    return [m for m in miners if m is not None], lambda m: m.get_data()


async def identify_pyasic(hosts: list[str]) -> tuple[list[Any], Callable[[Any], Awaitable[Any]]]:
    import ipaddress

    import pyasic  # type: ignore[import-not-found]
    from pyasic.network import MinerNetwork

    # Batched as pyasic's own scanner batches: MinerNetwork (pyasic/network/__init__.py) holds
    # one asyncio.Semaphore sized by the setting `network_scan_semaphore` (pyasic/settings),
    # 255 when that is unset. We take the semaphore it builds. (Its scan uses it only once
    # that setting is given; the default, None, asks every address at once, and 1,000
    # identifications at once all overrun `factory_get_timeout`, 3 s, on 2 cores.)
    network = MinerNetwork([ipaddress.ip_address(h) for h in hosts])

    async def identify(host: str) -> Any:
        async with network.semaphore:
            return await pyasic.get_miner(host)

    miners = await asyncio.gather(*(identify(h) for h in hosts))
    return [m for m in miners if m is not None], lambda m: m.get_data()


async def identify_pyasic_rs(
    hosts: list[str],
) -> tuple[list[Any], Callable[[Any], Awaitable[Any]]]:
    from pyasic_rs import MinerFactory

    factory = MinerFactory()
    logins = _logins()
    miners = [m for m in await asyncio.gather(*(factory.get_miner(h) for h in hosts)) if m]
    for miner in miners:
        if (login := logins.get(str(miner.ip))) is not None:
            miner.set_auth(*login)
    return miners, lambda m: m.get_data()


SCANS = {"ours": scan_ours, "pyasic": scan_pyasic, "pyasic-rs": scan_pyasic_rs}
# The address of an identified miner, as each library names it.
HOST: dict[str, Callable[[Any], str]] = {
    "ours": lambda m: str(m.host),
    "pyasic": lambda m: str(m.ip),
    "pyasic-rs": lambda m: str(m.ip),
}
IDENTIFY = {"ours": identify_ours, "pyasic": identify_pyasic, "pyasic-rs": identify_pyasic_rs}


async def _poll(client: str, reps: int, hosts: list[str]) -> dict[str, Any]:
    _import(client)  # identify s is the identification, not the import
    start = time.perf_counter()
    miners, read = await IDENTIFY[client](hosts)
    identify_wall = time.perf_counter() - start
    print(f"identified {len(miners)}", flush=True)
    await asyncio.to_thread(sys.stdin.readline)  # "go"
    walls: list[float] = []
    ok = 0
    cpu0 = _cpu()
    for rep in range(reps):
        start = time.perf_counter()
        results = await asyncio.gather(*(read(m) for m in miners), return_exceptions=True)
        walls.append(time.perf_counter() - start)
        ok += sum(1 for r in results if not isinstance(r, BaseException))
        if rep == 0 and reps > 1:
            print("first done", flush=True)
            await asyncio.to_thread(sys.stdin.readline)  # "go"
    cpu = _cpu() - cpu0
    return {
        "walls": walls,
        "cpu": cpu,
        "ok": ok,
        "miners": len(miners),
        "hosts": [HOST[client](m) for m in miners],
        "identify_wall": identify_wall,
    }


def _import(client: str) -> None:
    """Load the client's modules before the clock starts (import time is not scan time)."""
    sys.path.insert(0, ROOT)
    modules = {
        "ours": "custom_components.asic_miner.driver",
        "pyasic": "pyasic.network",
        "pyasic-rs": "pyasic_rs",
    }
    importlib.import_module(modules[client])


async def _scan(client: str, subnet: str) -> dict[str, Any]:
    _import(client)
    start = time.perf_counter()
    found, firmware, last = await SCANS[client](subnet)
    return {
        "wall": time.perf_counter() - start,
        "t_all": last,
        "found": found,
        "firmware": firmware,
    }


def main(argv: list[str]) -> None:
    _raise_fd_limit()
    client, mode = argv[0], argv[1]
    if mode == "scan":
        result = asyncio.run(_scan(client, argv[2]))
    else:
        result = asyncio.run(_poll(client, int(argv[2]), argv[3].split(",")))
    print(json.dumps(result), flush=True)
    sys.stdout.flush()
    os._exit(0)  # skip slow interpreter teardown (open sessions, Rust runtime)


if __name__ == "__main__":
    main(sys.argv[1:])
