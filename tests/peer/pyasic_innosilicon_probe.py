"""Run by .venv-pyasic/bin/python: pyasic's Innosilicon classes on a simulated Innosilicon.

Usage: pyasic_innosilicon_probe.py read IP     what pyasic.get_miner picks, and what it reads
       pyasic_innosilicon_probe.py pools IP URL USER PASSWORD
                                              its config's pools, then that pool written
                                              with send_config, and its pools read again
Nothing of the simulator is imported here: pyasic talks and parses on its own.
"""

from __future__ import annotations

import asyncio
import json
import sys
import warnings
from typing import Any

import pyasic  # type: ignore[import-not-found]
from pyasic.config import MinerConfig, PoolConfig  # type: ignore[import-not-found]


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
        "hashrate": None if rate is None else float(rate),
        "hashrate_unit": None if rate is None else str(rate.unit),
        "mac": data.mac,
        "pools": [str(p.url) for p in data.pools],
        "active_pools": [str(p.url) for p in data.pools if p.active],
    }


def _config_pools(config: Any) -> list[list[str]]:
    return [[p.url, p.user, p.password] for group in config.pools.groups for p in group.pools]


async def pools(ip: str, url: str, user: str, password: str) -> dict[str, Any]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        miner = await pyasic.get_miner(ip)
        before = _config_pools(await miner.get_config())
        wanted = PoolConfig.simple([{"url": url, "user": user, "password": password}])
        await miner.send_config(MinerConfig(pools=wanted))
        after = _config_pools(await miner.get_config())
        data = await miner.get_data()
    return {"before": before, "after": after, "mined": [str(p.url) for p in data.pools]}


async def main(args: list[str]) -> Any:
    if args[:1] == ["read"] and len(args) == 2:
        return await read(args[1])
    if args[:1] == ["pools"] and len(args) == 5:
        return await pools(*args[1:])
    raise SystemExit(__doc__)


if __name__ == "__main__":
    print(json.dumps(asyncio.run(main(sys.argv[1:])), default=str))
