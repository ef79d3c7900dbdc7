"""Run by .venv-pyasic/bin/python: pyasic's IceRiver classes on a simulated IceRiver.

Usage: pyasic_iceriver_probe.py read IP     what pyasic.get_miner picks, and what it reads
Nothing of the simulator is imported here: pyasic talks and parses on its own.
"""

from __future__ import annotations

import asyncio
import json
import sys
import warnings
from typing import Any

import pyasic  # type: ignore[import-not-found]


async def read(ip: str) -> dict[str, Any]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        miner = await pyasic.get_miner(ip)
        if miner is None:
            return {"factory_class": None}
        data = await miner.get_data()
    rate = data.hashrate
    return {
        "factory_class": type(miner).__name__,
        "model": data.model,
        "algo": str(miner.algo),
        "hashrate": None if rate is None else float(rate),
        "hashrate_unit": None if rate is None else str(rate.unit),
        "board_rates": [None if b.hashrate is None else float(b.hashrate) for b in data.hashboards],
        "board_unit": next((str(b.hashrate.unit) for b in data.hashboards if b.hashrate), None),
        "chips": [b.chips for b in data.hashboards],
        "temps": [(b.temp, b.chip_temp) for b in data.hashboards],
        "fans": [f.speed for f in data.fans],
        "pools": [str(p.url) for p in data.pools],
        "active_pools": [str(p.url) for p in data.pools if p.active],
        "mac": data.mac,
        "hostname": data.hostname,
        "uptime": data.uptime,
        "is_mining": data.is_mining,
        "fault_light": data.fault_light,
    }


async def main(args: list[str]) -> Any:
    if args[:1] == ["read"] and len(args) == 2:
        return await read(args[1])
    raise SystemExit(__doc__)


if __name__ == "__main__":
    print(json.dumps(asyncio.run(main(sys.argv[1:])), default=str))
