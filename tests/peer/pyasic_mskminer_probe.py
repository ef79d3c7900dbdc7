"""Run by .venv-pyasic/bin/python: pyasic's MSKMiner classes on a simulated MSKMiner.

Usage: pyasic_mskminer_probe.py read IP     what pyasic.get_miner picks, and what its
                                            MSKMinerS19NoPIC reads (get_data, _get_mac)
Nothing of the simulator is imported here: pyasic talks and parses on its own.
"""

from __future__ import annotations

import asyncio
import json
import sys
import warnings
from typing import Any

import pyasic  # type: ignore[import-not-found]
from pyasic.miners.antminer import MSKMinerS19NoPIC  # type: ignore[import-not-found]


async def read(ip: str) -> dict[str, Any]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        found = await pyasic.get_miner(ip)
    miner = MSKMinerS19NoPIC(ip)
    data = await miner.get_data()
    return {
        "factory_class": type(found).__name__,
        "hashrate": None if data.hashrate is None else float(data.hashrate),
        "wattage": data.wattage,
        "chips": [b.chips for b in data.hashboards],
        "fans": [f.speed for f in data.fans],
        "pools": [str(p.url) for p in data.pools],
        "api_ver": data.api_ver,
        "fw_ver": data.fw_ver,
        "mac_read": await miner._get_mac(),
    }


async def main(args: list[str]) -> Any:
    if args[:1] == ["read"] and len(args) == 2:
        return await read(args[1])
    raise SystemExit(__doc__)


if __name__ == "__main__":
    print(json.dumps(asyncio.run(main(sys.argv[1:])), default=str))
