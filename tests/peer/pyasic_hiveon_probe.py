"""Run by .venv-pyasic/bin/python: pyasic on a simulated Hiveon Antminer, as JSON.

Usage: pyasic_hiveon_probe.py read IP              the class pyasic.get_miner picks, and
                                                   its get_data
       pyasic_hiveon_probe.py light IP on|off      fault_light_on / _off of that class
Nothing of the simulator is imported here: pyasic talks and parses on its own.
"""

from __future__ import annotations

import asyncio
import json
import sys
import warnings
from typing import Any

import pyasic  # type: ignore[import-not-found]


def _number(value: Any) -> float | None:
    return None if value is None else float(value)


async def read(ip: str) -> dict[str, Any]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "Partially supported miner found"
        miner = await pyasic.get_miner(ip)
    data = await miner.get_data()
    return {
        "class": type(miner).__name__,
        "firmware": str(data.firmware),
        "hashrate": _number(data.hashrate),
        "expected_hashrate": _number(data.expected_hashrate),
        "wattage": data.wattage,
        "boards": [
            {"slot": b.slot, "hashrate": _number(b.hashrate), "chips": b.chips, "temp": b.temp}
            for b in data.hashboards
        ],
        "fans": [f.speed for f in data.fans],
        "pools": [str(p.url) for p in data.pools],
        "mac": data.mac,
        "hostname": data.hostname,
        "uptime": data.uptime,
        "fw_ver": data.fw_ver,
        "is_mining": data.is_mining,
        "fault_light": data.fault_light,
    }


async def light(ip: str, state: str) -> dict[str, Any]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        miner = await pyasic.get_miner(ip)
    result = await (miner.fault_light_on() if state == "on" else miner.fault_light_off())
    return {"class": type(miner).__name__, "result": result}


async def main(args: list[str]) -> Any:
    if args[:1] == ["read"] and len(args) == 2:
        return await read(args[1])
    if args[:1] == ["light"] and len(args) == 3:
        return await light(args[1], args[2])
    raise SystemExit(__doc__)


if __name__ == "__main__":
    print(json.dumps(asyncio.run(main(sys.argv[1:])), default=str))
