"""Run by .venv-pyasic/bin/python: read miners with pyasic and print what it saw as JSON.

Usage: pyasic_probe.py IP [IP...]
"""

from __future__ import annotations

import asyncio
import json
import sys
from typing import Any

import pyasic  # type: ignore[import-not-found]


def _number(value: Any) -> float | None:
    return None if value is None else float(value)


async def probe(ip: str) -> dict[str, Any] | None:
    miner = await pyasic.get_miner(ip)
    if miner is None:
        return None
    data = await miner.get_data()
    return {
        "class": type(miner).__name__,
        "model": data.model,
        "hashrate": _number(data.hashrate),
        "expected_hashrate": _number(data.expected_hashrate),
        "fault_light": data.fault_light,
        "is_mining": data.is_mining,
        "boards": [
            {
                "slot": b.slot,
                "chips": b.chips,
                "hashrate": _number(b.hashrate),
                "sn": b.serial_number,
            }
            for b in data.hashboards
        ],
        "fans": [f.speed for f in data.fans],
        "mac": data.mac,
        "serial_number": data.serial_number,
        "hostname": data.hostname,
        "uptime": data.uptime,
        "pools": [{"url": str(p.url), "user": p.user} for p in data.pools],
    }


async def main(ips: list[str]) -> None:
    results = await asyncio.gather(*(probe(ip) for ip in ips))
    print(json.dumps(dict(zip(ips, results, strict=True))))


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1:]))
