"""Run by .venv-pyasic/bin/python: pyasic on a simulated Scrypt miner (Elphapex, Hammer,
VolcMiner), rates in MH/s.

Usage: pyasic_scrypt_probe.py read IP     what pyasic.get_miner picks, and what it reads
Nothing of the simulator is imported here: pyasic talks and parses on its own.
"""

from __future__ import annotations

import asyncio
import json
import sys
import warnings
from typing import Any

import pyasic  # type: ignore[import-not-found]
from pyasic.device.algorithm.hashrate.unit.scrypt import (  # type: ignore[import-not-found]
    ScryptUnit,
)


async def read(ip: str) -> dict[str, Any]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        miner = await pyasic.get_miner(ip)
    if miner is None:
        return {"factory_class": None}
    data = await miner.get_data()
    return {
        "factory_class": type(miner).__name__,
        "model": data.model,
        "hashrate_mhs": None if data.hashrate is None else float(data.hashrate.into(ScryptUnit.MH)),
        "expected_mhs": None
        if data.expected_hashrate is None
        else float(data.expected_hashrate.into(ScryptUnit.MH)),
        "chips": [b.chips for b in data.hashboards],
        "chip_temps": [b.chip_temp for b in data.hashboards],
        "fans": [f.speed for f in data.fans],
        "pools": [str(p.url) for p in data.pools],
        "mac": data.mac,
        "api_ver": data.api_ver,
        "fw_ver": data.fw_ver,
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
