"""Run by .venv-pyasic/bin/python: pyasic's own MaraFW backend on a simulated MARA miner.

Usage: pyasic_mara_probe.py factory IP       the class pyasic.get_miner picks
       pyasic_mara_probe.py read IP          get_data of pyasic's MaraMiner
       pyasic_mara_probe.py read IP found    get_data of the class pyasic.get_miner picks
       pyasic_mara_probe.py act IP ACTION    fault_light_on | fault_light_off | stop_mining |
                                             resume_mining | reboot | power_limit:WATTS
Nothing of the simulator is imported here: pyasic talks and parses on its own.
"""

from __future__ import annotations

import asyncio
import json
import sys
from typing import Any

import pyasic  # type: ignore[import-not-found]
from pyasic.miners.backends.marathon import MaraMiner  # type: ignore[import-not-found]


def _number(value: Any) -> float | None:
    return None if value is None else float(value)


async def factory(ip: str) -> dict[str, Any]:
    miner = await pyasic.get_miner(ip)
    return {"class": None if miner is None else type(miner).__name__}


async def read(ip: str, found: bool = False) -> dict[str, Any]:
    miner = await pyasic.get_miner(ip) if found else MaraMiner(ip)
    data = await miner.get_data()
    return {
        "class": type(miner).__name__,
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
                "missing": b.missing,
            }
            for b in data.hashboards
        ],
        "fans": [f.speed for f in data.fans],
        "expected_chips": data.expected_chips,
        "model": data.model,
        "pools": [{"url": str(p.url), "user": p.user, "active": p.active} for p in data.pools],
        "mac": data.mac,
        "hostname": data.hostname,
        "uptime": data.uptime,
        "fw_ver": data.fw_ver,
        "is_mining": data.is_mining,
        "fault_light": data.fault_light,
    }


async def act(ip: str, action: str) -> dict[str, Any]:
    miner = MaraMiner(ip)
    name, _, arg = action.partition(":")
    method = getattr(miner, "set_power_limit" if name == "power_limit" else name)
    result = await (method(int(arg)) if arg else method())
    return {"result": result}


async def main(args: list[str]) -> Any:
    if args[:1] == ["factory"] and len(args) == 2:
        return await factory(args[1])
    if args[:1] == ["read"] and len(args) == 2:
        return await read(args[1])
    if args[:1] == ["read"] and args[2:] == ["found"]:
        return await read(args[1], found=True)
    if args[:1] == ["act"] and len(args) == 3:
        return await act(args[1], args[2])
    raise SystemExit(__doc__)


if __name__ == "__main__":
    print(json.dumps(asyncio.run(main(sys.argv[1:])), default=str))
