"""Run by .venv-pyasic/bin/python: pyasic's own ePIC backend on a simulated ePIC miner.

Usage: pyasic_epic_probe.py read IP              the class pyasic.get_miner picks and
                                                 what its get_data reads
       pyasic_epic_probe.py act IP ACTION        stop_mining | resume_mining | reboot |
                                                 restart_backend
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


async def read(ip: str) -> dict[str, Any]:
    miner = await pyasic.get_miner(ip)
    if miner is None:
        return {"class": None}
    data = await miner.get_data()
    return {
        "class": type(miner).__name__,
        "model": data.model,
        "hashrate": _number(data.hashrate),
        "wattage": data.wattage,
        "boards": [
            {
                "slot": b.slot,
                "hashrate": _number(b.hashrate),
                "temp": b.temp,
                "chips": b.chips,
                "missing": b.missing,
                "serial_number": b.serial_number,
            }
            for b in data.hashboards
        ],
        "fans": [f.speed for f in data.fans],
        "pools": [{"url": str(p.url), "user": p.user, "accepted": p.accepted} for p in data.pools],
        "mac": data.mac,
        "hostname": data.hostname,
        "uptime": data.uptime,
        "fw_ver": data.fw_ver,
        "is_mining": data.is_mining,
        "fault_light": data.fault_light,
    }


async def act(ip: str, action: str) -> dict[str, Any]:
    miner = await pyasic.get_miner(ip)
    if action not in ("stop_mining", "resume_mining", "reboot", "restart_backend"):
        raise SystemExit(f"unknown action {action!r}")
    return {"result": await getattr(miner, action)()}


async def main(args: list[str]) -> Any:
    if args[:1] == ["read"] and len(args) == 2:
        return await read(args[1])
    if args[:1] == ["act"] and len(args) == 3:
        return await act(args[1], args[2])
    raise SystemExit(__doc__)


if __name__ == "__main__":
    print(json.dumps(asyncio.run(main(sys.argv[1:])), default=str))
