"""Run by .venv-pyasic/bin/python: one privileged action through pyasic, printed as JSON.

Usage: pyasic_write_probe.py IP PASSWORD ACTION [ARG]
ACTION: fault_light_on | fault_light_off | stop_mining | resume_mining | set_power_limit W |
        raw_v2 COMMAND (BTMinerRPCAPI.send_privileged_command, the raw decrypted reply)
pyasic does its own crypto (md5-crypt, AES, tokens): nothing of the simulator is used.
"""

from __future__ import annotations

import asyncio
import json
import sys
from typing import Any

import pyasic  # type: ignore[import-not-found]


async def act(ip: str, password: str, action: str, arg: str | None) -> dict[str, Any]:
    miner = await pyasic.get_miner(ip)
    if miner is None:
        return {"error": "no miner"}
    miner.rpc.pwd = password
    result: Any
    if action == "set_power_limit":
        result = await miner.set_power_limit(int(arg or 0))
    elif action == "raw_v2":
        try:
            result = await miner.rpc.send_privileged_command(arg)
        except Exception as err:
            result = {"raised": type(err).__name__, "message": str(err)}
    else:
        result = await getattr(miner, action)()
    return {"class": type(miner).__name__, "rpc": type(miner.rpc).__name__, "result": result}


if __name__ == "__main__":
    args = sys.argv[1:]
    out = asyncio.run(act(args[0], args[1], args[2], args[3] if len(args) > 3 else None))
    print(json.dumps(out))
