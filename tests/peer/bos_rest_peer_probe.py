"""Run by a peer's venv (.venv-pyasic-rs or .venv-pyasic): what it reads from a simulated
Braiins OS REST miner, as JSON.

Usage: bos_rest_peer_probe.py pyasic-rs IP PASSWORD   asic-rs's Braiins backend, logged in
                                                      with root and PASSWORD (set_auth)
       bos_rest_peer_probe.py pyasic IP              pyasic's class and what it reads
Nothing of the simulator is imported here: the peer finds, frames and parses on its own.
"""

from __future__ import annotations

import asyncio
import json
import sys
from typing import Any


def _rate(rate: Any) -> dict[str, Any] | None:
    return None if rate is None else {"value": rate.value, "unit": str(rate.unit)}


async def pyasic_rs(ip: str, password: str) -> dict[str, Any] | None:
    from pyasic_rs import MinerFactory  # type: ignore[import-not-found]

    miner = await MinerFactory().get_miner(ip)
    if miner is None:
        return None
    miner.set_auth("root", password)
    data = await miner.get_data()
    return {
        "make": miner.make,
        "model": miner.model,
        "firmware": miner.firmware,
        "hashrate": _rate(data.hashrate),
        "expected_hashrate": _rate(data.expected_hashrate),
        "wattage": data.wattage,
        "boards": [
            {
                "position": b.position,
                "hashrate": _rate(b.hashrate),
                "board_temperature": b.board_temperature,
                "working_chips": b.working_chips,
                "serial_number": b.serial_number,
            }
            for b in data.hashboards
        ],
        "fans": [fan.rpm for fan in data.fans],
        "pools": [
            {
                "url": None if p.url is None else str(p.url),
                "user": p.user,
                "active": p.active,
                "accepted": p.accepted_shares,
            }
            for group in data.pools
            for p in group.pools
        ],
        "mac": data.mac,
        "hostname": data.hostname,
        "uptime": None if data.uptime is None else data.uptime.total_seconds(),
        "firmware_version": data.firmware_version,
        "api_version": data.api_version,
        "light_flashing": data.light_flashing,
        "is_mining": data.is_mining,
        "tuning_target": data.model_dump()["tuning_target"],
    }


async def pyasic(ip: str) -> dict[str, Any] | None:
    import pyasic as peer  # type: ignore[import-not-found]

    miner = await peer.get_miner(ip)
    if miner is None:
        return None
    try:
        data = await miner.get_data()
    except Exception as err:  # what the peer raises is part of what it saw
        return {"class": type(miner).__name__, "raised": f"{type(err).__name__}: {err}"}
    return {
        "class": type(miner).__name__,
        "model": data.model,
        "hashrate": None if data.hashrate is None else float(data.hashrate),
        "wattage": data.wattage,
        "mac": data.mac,
        "boards": len([b for b in data.hashboards if b.hashrate is not None]),
        "fans": [fan.speed for fan in data.fans],
        "pools": len(data.pools),
    }


async def main(args: list[str]) -> Any:
    if args[:1] == ["pyasic-rs"] and len(args) == 3:
        return await pyasic_rs(args[1], args[2])
    if args[:1] == ["pyasic"] and len(args) == 2:
        return await pyasic(args[1])
    raise SystemExit(__doc__)


if __name__ == "__main__":
    print(json.dumps(asyncio.run(main(sys.argv[1:])), default=str), flush=True)
