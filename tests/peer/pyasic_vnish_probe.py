"""Run by .venv-pyasic/bin/python: pyasic's own VNish backend on a simulated VNish miner.

Usage: pyasic_vnish_probe.py read IP MODULE:CLASS   get_data of pyasic's VNish class for
                                                   the model (pyasic.miners.antminer.vnish)
       pyasic_vnish_probe.py factory IP            the class pyasic.get_miner picks
       pyasic_vnish_probe.py light IP on|off       fault_light_on / _off, then the light
Nothing of the simulator is imported here: pyasic talks and parses on its own.
"""

from __future__ import annotations

import asyncio
import importlib
import json
import sys
from typing import Any

import pyasic  # type: ignore[import-not-found]


def _number(value: Any) -> float | None:
    return None if value is None else float(value)


async def read(ip: str, target: str) -> dict[str, Any]:
    module, name = target.split(":")
    miner = getattr(importlib.import_module(module), name)(ip)
    data = await miner.get_data()
    return {
        "class": type(miner).__name__,
        "hashrate": _number(data.hashrate),
        "wattage": data.wattage,
        "wattage_limit": data.wattage_limit,
        "boards": [
            {"slot": b.slot, "hashrate": _number(b.hashrate), "chips": b.chips, "temp": b.temp}
            for b in data.hashboards
        ],
        "fans": [f.speed for f in data.fans],
        "pools": [{"url": str(p.url), "user": p.user, "accepted": p.accepted} for p in data.pools],
        "mac": data.mac,
        "hostname": data.hostname,
        "uptime": data.uptime,
        "fw_ver": data.fw_ver,
        "is_mining": data.is_mining,
        "errors": [str(e) for e in data.errors],
    }


async def factory(ip: str) -> dict[str, Any]:
    miner = await pyasic.get_miner(ip)
    return {"class": None if miner is None else type(miner).__name__}


async def light(ip: str, state: str) -> dict[str, Any]:
    from pyasic.miners.backends.vnish import VNish  # type: ignore[import-not-found]

    miner = VNish(ip)
    result = await (miner.fault_light_on() if state == "on" else miner.fault_light_off())
    return {"result": result}


async def main(args: list[str]) -> Any:
    if args[:1] == ["read"] and len(args) == 3:
        return await read(args[1], args[2])
    if args[:1] == ["factory"] and len(args) == 2:
        return await factory(args[1])
    if args[:1] == ["light"] and len(args) == 3:
        return await light(args[1], args[2])
    raise SystemExit(__doc__)


if __name__ == "__main__":
    print(json.dumps(asyncio.run(main(sys.argv[1:])), default=str))
