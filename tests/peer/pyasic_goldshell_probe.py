"""Run by .venv-pyasic/bin/python: pyasic's Goldshell classes on a simulated Goldshell.

Usage: pyasic_goldshell_probe.py read IP     what pyasic.get_miner picks, and what it reads
Nothing of the simulator is imported here: pyasic talks and parses on its own.
"""

from __future__ import annotations

import asyncio
import json
import sys
import warnings
from typing import Any

import pyasic  # type: ignore[import-not-found]
from pyasic.miners.data import DataOptions  # type: ignore[import-not-found]


async def read(ip: str) -> dict[str, Any]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        miner = await pyasic.get_miner(ip)
        if miner is None:
            return {"factory_class": None}
        # Its config read fails on the pools list (see test_goldshell_peers.py): apart.
        data = await miner.get_data(exclude=[DataOptions.CONFIG])
        try:
            config = await miner.get_config()
        except Exception as err:  # what pyasic raises is the finding
            config, config_error = None, type(err).__name__
        else:
            config_error = None
    return {
        "factory_class": type(miner).__name__,
        "model": data.model,
        "algo": str(getattr(miner, "algo", None)),
        "hashrate": None if data.hashrate is None else float(data.hashrate),
        "boards": [b.hashrate is not None for b in data.hashboards],
        "mac": data.mac,
        "fw_ver": data.fw_ver,
        "config_error": config_error,
        "config_pools": None
        if config is None
        else [[str(p.url), str(p.user)] for group in config.pools.groups for p in group.pools],
    }


async def main(args: list[str]) -> Any:
    if args[:1] == ["read"] and len(args) == 2:
        return await read(args[1])
    raise SystemExit(__doc__)


if __name__ == "__main__":
    print(json.dumps(asyncio.run(main(sys.argv[1:])), default=str))
