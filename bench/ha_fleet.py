"""The simulated fleet of the Home Assistant scenario, in its own process.

    python -m bench.ha_fleet --count 100 [--base 127.0.201]

A mixed fleet (S19 Pro, S9, M50S on API V2, M60S on API V3, in turn) on BASE.1 … BASE.N,
every Whatsminer with its write API on and a changed password, so that the entries poll
without repair issues. Prints one JSON line (``{"miners": [{host, model, title, mac,
username, password}, …]}``) once every miner listens, and stops on SIGINT/SIGTERM.
Separate from Home Assistant's process, so the simulators' work is not measured.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import signal
import sys
from typing import Any

from tests.simulator import Fleet, SimulatedMiner

MODELS = ("antminer-s19pro", "antminer-s9", "whatsminer-m50s", "whatsminer-m60s")
PASSWORD = "s3cret"
DEFAULT_BASE = "127.0.201"


def make_fleet(count: int, base: str = DEFAULT_BASE) -> Fleet:
    return fleet_at([f"{base}.{n + 1}" for n in range(count)])


def fleet_at(hosts: list[str]) -> Fleet:
    """The mixed fleet on these addresses, the models in turn."""
    return Fleet([miner_at(MODELS[n % len(MODELS)], host) for n, host in enumerate(hosts)])


def miner_at(model: str, host: str) -> SimulatedMiner:
    """One miner of the fleet: the changed password, a Whatsminer's write API on."""
    if not model.startswith("whatsminer-"):
        return SimulatedMiner(model, host, password=PASSWORD)
    sim = SimulatedMiner(model, host, password=PASSWORD, write_api=True)
    if sim.api_version >= 3:
        sim.state.v3_passwords["super"] = PASSWORD
    return sim


def describe(fleet: Fleet) -> list[dict[str, Any]]:
    out = []
    for sim in fleet:
        if sim.model.startswith("whatsminer-"):
            username = "super" if sim.api_version >= 3 else "admin"
        else:
            username = "root"
        out.append(
            {
                "host": sim.address,
                "model": sim.model,
                "title": sim.model_name,
                "mac": sim.mac,
                "username": username,
                "password": PASSWORD,
            }
        )
    return out


async def serve(count: int, base: str) -> None:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    fleet = make_fleet(count, base)
    async with fleet:
        print(json.dumps({"miners": describe(fleet)}), flush=True)
        await stop.wait()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=100)
    parser.add_argument("--base", default=DEFAULT_BASE, help="first three octets")
    args = parser.parse_args(argv)
    try:
        asyncio.run(serve(args.count, args.base))
    except OSError as err:
        print(f"ha_fleet: {err}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
