"""Run by .venv-pyasic/bin/python: pyasic on the home miners (ESP-Miner, Avalon), as JSON.

Usage: pyasic_home_probe.py read IP [IP...]   what pyasic identifies and reads per address
       pyasic_home_probe.py act IP ACTION      one control: reboot | fault_light_on |
                                               fault_light_off | stop_mining | resume_mining
Nothing of the simulator is imported here: pyasic finds, frames and parses on its own.
"""

from __future__ import annotations

import asyncio
import json
import sys
from typing import Any

import pyasic  # type: ignore[import-not-found]

ACTIONS = ("reboot", "fault_light_on", "fault_light_off", "stop_mining", "resume_mining")


def _number(value: Any) -> float | None:
    return None if value is None else float(value)


def _board(board: Any) -> dict[str, Any]:
    return {
        "slot": board.slot,
        "hashrate": _number(board.hashrate),
        "chips": board.chips,
        "expected_chips": board.expected_chips,
        "chip_temp": _number(board.chip_temp),
        "temp": _number(board.temp),
        "inlet_temp": _number(board.inlet_temp),
        "outlet_temp": _number(board.outlet_temp),
    }


def _pool(pool: Any) -> dict[str, Any]:
    return {
        "url": None if pool.url is None else str(pool.url),
        "user": pool.user,
        "active": pool.active,
        "alive": pool.alive,
        "accepted": pool.accepted,
    }


async def read(ip: str) -> dict[str, Any] | None:
    miner = await pyasic.get_miner(ip)
    if miner is None:
        return None
    data = await miner.get_data()
    return {
        "class": type(miner).__name__,
        "make": data.make,
        "model": data.model,
        # pyasic's default unit for SHA-256 is TH/s: float() of its hashrate is TH/s.
        # "hashrate" is the sum of the boards' where they have one, else "raw_hashrate".
        "hashrate": _number(data.hashrate),
        "raw_hashrate": _number(data.raw_hashrate),
        "expected_hashrate": _number(data.expected_hashrate),
        "wattage": data.wattage,
        "wattage_limit": data.wattage_limit,
        "env_temp": _number(data.env_temp),
        "boards": [_board(b) for b in data.hashboards],
        "fans": [f.speed for f in data.fans],
        "pools": [_pool(p) for p in data.pools],
        "mac": data.mac,
        "hostname": data.hostname,
        "uptime": data.uptime,
        "fw_ver": data.fw_ver,
        "api_ver": data.api_ver,
        "fault_light": data.fault_light,
    }


async def act(ip: str, action: str) -> dict[str, Any]:
    if action not in ACTIONS:
        raise SystemExit(f"unknown action {action!r}; known: {', '.join(ACTIONS)}")
    miner = await pyasic.get_miner(ip)
    if miner is None:
        return {"class": None, "result": None}
    result = await getattr(miner, action)()
    return {"class": type(miner).__name__, "result": result}


async def main(args: list[str]) -> Any:
    if args[:1] == ["act"] and len(args) == 3:
        return await act(args[1], args[2])
    if args[:1] == ["read"] and len(args) > 1:
        ips = args[1:]
        return dict(zip(ips, await asyncio.gather(*(read(ip) for ip in ips)), strict=True))
    raise SystemExit(__doc__)


if __name__ == "__main__":
    print(json.dumps(asyncio.run(main(sys.argv[1:]))))
