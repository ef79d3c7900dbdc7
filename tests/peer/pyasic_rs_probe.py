"""Run by .venv-pyasic-rs/bin/python: pyasic-rs (asic-rs) on simulated miners, as JSON.

Usage: pyasic_rs_probe.py read IP [IP...]        what pyasic-rs identifies and reads
       pyasic_rs_probe.py act IP ACTION [ARG]    one control: pause | resume | restart |
                                                 fault_light_on | fault_light_off |
                                                 power_limit WATTS
Nothing of the simulator is imported here: asic-rs finds, frames and parses on its own.
Hashrates are printed as value and unit as pyasic-rs gives them (its default unit).
"""

from __future__ import annotations

import asyncio
import json
import sys
from typing import Any

from pyasic_rs import MinerFactory  # type: ignore[import-not-found]


def _rate(rate: Any) -> dict[str, Any] | None:
    return None if rate is None else {"value": rate.value, "unit": str(rate.unit)}


def _board(board: Any) -> dict[str, Any]:
    return {
        "position": board.position,
        "hashrate": _rate(board.hashrate),
        "board_temperature": board.board_temperature,
        "inlet_chip_temperature": board.inlet_chip_temperature,
        "outlet_chip_temperature": board.outlet_chip_temperature,
        "expected_chips": board.expected_chips,
        "working_chips": board.working_chips,
        "chip_temps": [chip.temperature for chip in board.chips],
    }


def _pools(groups: Any) -> list[dict[str, Any]]:
    return [
        {
            "url": None if pool.url is None else str(pool.url),
            "user": pool.user,
            "active": pool.active,
            "alive": pool.alive,
            "accepted": pool.accepted_shares,
        }
        for group in groups
        for pool in group.pools
    ]


async def read(factory: Any, ip: str) -> dict[str, Any] | None:
    miner = await factory.get_miner(ip)
    if miner is None:
        return None
    data = await miner.get_data()
    dump = data.model_dump()
    return {
        "make": miner.make,
        "model": miner.model,
        "firmware": miner.firmware,
        "supports": sorted(
            a[9:] for a in dir(miner) if a.startswith("supports_") and getattr(miner, a)
        ),
        "hashrate": _rate(data.hashrate),
        "expected_hashrate": _rate(data.expected_hashrate),
        "wattage": data.wattage,
        "tuning_target": dump["tuning_target"],
        "average_temperature": data.average_temperature,
        "fluid_temperature": data.fluid_temperature,
        "outlet_fluid_temperature": data.outlet_fluid_temperature,
        "boards": [_board(b) for b in data.hashboards],
        "fans": [fan.rpm for fan in data.fans],
        "pools": _pools(data.pools),
        "mac": data.mac,
        "serial_number": data.serial_number,
        "hostname": data.hostname,
        "uptime": None if data.uptime is None else data.uptime.total_seconds(),
        "firmware_version": data.firmware_version,
        "api_version": data.api_version,
        "control_board": dump["control_board_version"],
        "light_flashing": data.light_flashing,
        "is_mining": data.is_mining,
        "operating_state": dump["operating_state"],
        "best_share": data.best_share,
    }


async def act(factory: Any, ip: str, action: str, arg: str | None) -> dict[str, Any]:
    miner = await factory.get_miner(ip)
    if miner is None:
        return {"model": None, "result": None}
    calls = {
        "pause": miner.pause,
        "resume": miner.resume,
        "restart": miner.restart,
        "fault_light_on": lambda: miner.set_fault_light(True),
        "fault_light_off": lambda: miner.set_fault_light(False),
        "power_limit": lambda: miner.set_power_limit(float(arg or 0)),
    }
    if action not in calls:
        raise SystemExit(f"unknown action {action!r}; known: {', '.join(calls)}")
    try:
        result: Any = await calls[action]()
    except Exception as err:  # what the peer raises is part of what it saw
        result = {"raised": type(err).__name__, "message": str(err)}
    return {"model": miner.model, "result": result}


async def main(args: list[str]) -> Any:
    factory = MinerFactory()
    if args[:1] == ["act"] and len(args) in (3, 4):
        return await act(factory, args[1], args[2], args[3] if len(args) == 4 else None)
    if args[:1] == ["read"] and len(args) > 1:
        ips = args[1:]
        found = await asyncio.gather(*(read(factory, ip) for ip in ips))
        return dict(zip(ips, found, strict=True))
    raise SystemExit(__doc__)


if __name__ == "__main__":
    print(json.dumps(asyncio.run(main(sys.argv[1:])), default=str), flush=True)
