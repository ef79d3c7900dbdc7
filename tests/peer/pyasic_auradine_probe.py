"""Run by .venv-pyasic/bin/python: pyasic's Auradine backend on a simulated Auradine.

Usage: pyasic_auradine_probe.py factory IP       the class pyasic.get_miner picks
       pyasic_auradine_probe.py read IP          get_data of the class pyasic.get_miner picks
       pyasic_auradine_probe.py act IP ACTION    fault_light_on | fault_light_off |
                                                 stop_mining | resume_mining | reboot |
                                                 restart_backend | power_limit:WATTS
       pyasic_auradine_probe.py config IP        get_config: pools, fan and mining mode
       pyasic_auradine_probe.py configure IP URL USER PERCENT
                                                 send_config: that pool, fans at PERCENT
Nothing of the simulator is imported here: pyasic talks and parses on its own.
"""

from __future__ import annotations

import asyncio
import json
import sys
from typing import Any

import pyasic  # type: ignore[import-not-found]
from pyasic.config import (  # type: ignore[import-not-found]
    FanModeConfig,
    MinerConfig,
    PoolConfig,
)


def _number(value: Any) -> float | None:
    return None if value is None else float(value)


async def factory(ip: str) -> dict[str, Any]:
    miner = await pyasic.get_miner(ip)
    return {"class": None if miner is None else type(miner).__name__}


async def read(ip: str) -> dict[str, Any]:
    miner = await pyasic.get_miner(ip)
    data = await miner.get_data()
    return {
        "class": type(miner).__name__,
        "model": data.model,
        "hashrate": _number(data.hashrate),
        "wattage": data.wattage,
        "wattage_limit": data.wattage_limit,
        "boards": [
            {
                "slot": b.slot,
                "hashrate": _number(b.hashrate),
                "temp": b.temp,
                "serial": b.serial_number,
                "missing": b.missing,
            }
            for b in data.hashboards
        ],
        "fans": [f.speed for f in data.fans],
        "mac": data.mac,
        "hostname": data.hostname,
        "uptime": data.uptime,
        "fw_ver": data.fw_ver,
        "is_mining": data.is_mining,
        "fault_light": data.fault_light,
    }


async def act(ip: str, action: str) -> dict[str, Any]:
    miner = await pyasic.get_miner(ip)
    name, _, arg = action.partition(":")
    method = getattr(miner, "set_power_limit" if name == "power_limit" else name)
    result = await (method(int(arg)) if arg else method())
    return {"result": result}


async def config(ip: str) -> dict[str, Any]:
    miner = await pyasic.get_miner(ip)
    found = await miner.get_config()
    pools = [{"url": p.url, "user": p.user} for g in found.pools.groups for p in g.pools]
    fan = found.fan_mode
    return {"pools": pools, "fan": fan.mode, "speed": getattr(fan, "speed", None)}


async def configure(ip: str, url: str, user: str, percent: str) -> dict[str, Any]:
    miner = await pyasic.get_miner(ip)
    wanted = MinerConfig(
        pools=PoolConfig.simple([{"url": url, "user": user, "password": "x"}]),
        fan_mode=FanModeConfig.manual(speed=int(percent)),
    )
    await miner.send_config(wanted)
    return {"sent": True}


async def main(args: list[str]) -> Any:
    if args[:1] == ["factory"] and len(args) == 2:
        return await factory(args[1])
    if args[:1] == ["read"] and len(args) == 2:
        return await read(args[1])
    if args[:1] == ["config"] and len(args) == 2:
        return await config(args[1])
    if args[:1] == ["configure"] and len(args) == 5:
        return await configure(*args[1:])
    if args[:1] == ["act"] and len(args) == 3:
        return await act(args[1], args[2])
    raise SystemExit(__doc__)


if __name__ == "__main__":
    print(json.dumps(asyncio.run(main(sys.argv[1:])), default=str))
