"""Run by .venv-pyasic/bin/python: pyasic's LUXMiner backend on a simulated LuxOS miner.

Usage: pyasic_luxos_probe.py read IP              the class pyasic.get_miner picks, and
                                                  what its get_data reads
       pyasic_luxos_probe.py act IP ACTION [ARG]  stop | resume | light_on | light_off |
                                                  power_limit WATTS
Nothing of the simulator is imported here: pyasic talks and parses on its own.
"""

from __future__ import annotations

import asyncio
import json
import sys
from typing import Any

import pyasic  # type: ignore[import-not-found]


def _number(value: Any) -> float | None:
    return None if value is None else float(value)


async def _miner(ip: str) -> Any:
    miner = await pyasic.get_miner(ip)
    if miner is None:
        raise SystemExit(f"pyasic found no miner at {ip}")
    return miner


async def read(ip: str) -> dict[str, Any]:
    miner = await _miner(ip)
    data = await miner.get_data()
    return {
        "class": type(miner).__name__,
        "firmware": str(miner.firmware),
        "model": data.model,
        "hashrate": _number(data.hashrate),
        "expected_hashrate": _number(data.expected_hashrate),
        "wattage": data.wattage,
        "wattage_limit": data.wattage_limit,
        "boards": [
            {
                "slot": b.slot,
                "hashrate": _number(b.hashrate),
                "chips": b.chips,
                "temp": b.temp,
                "chip_temp": b.chip_temp,
            }
            for b in data.hashboards
        ],
        "fans": [f.speed for f in data.fans],
        "pools": [{"url": str(p.url), "user": p.user, "accepted": p.accepted} for p in data.pools],
        "mac": data.mac,
        "uptime": data.uptime,
        "fw_ver": data.fw_ver,
        "fault_light": data.fault_light,
    }


async def act(ip: str, action: str, arg: str | None) -> dict[str, Any]:
    miner = await _miner(ip)
    calls = {
        "stop": miner.stop_mining,
        "resume": miner.resume_mining,
        "light_on": miner.fault_light_on,
        "light_off": miner.fault_light_off,
    }
    if action == "power_limit" and arg is not None:
        return {"result": await miner.set_power_limit(int(arg))}
    return {"result": await calls[action]()}


async def main(args: list[str]) -> Any:
    if args[:1] == ["read"] and len(args) == 2:
        return await read(args[1])
    if args[:1] == ["act"] and len(args) in (3, 4):
        return await act(args[1], args[2], args[3] if len(args) == 4 else None)
    raise SystemExit(__doc__)


if __name__ == "__main__":
    print(json.dumps(asyncio.run(main(sys.argv[1:])), default=str))
