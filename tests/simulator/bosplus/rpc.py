"""TCP 4028 of a simulated BOS+ miner: BOSer's cgminer-style API, as far as captured
(``version`` and ``devdetails``, captures.py); other commands are answered as cgminer's
"Invalid command" (code 14; BOSer's own wording is not captured)."""

from __future__ import annotations

import json
import time
from typing import TYPE_CHECKING, Any

from . import captures

if TYPE_CHECKING:
    from ..rpc_server import Request
    from .miner import BosPlusSim


def _status(code: int, msg: str, status: str = "S") -> dict[str, Any]:
    return {
        "STATUS": status,
        "When": int(time.time()),
        "Code": code,
        "Msg": msg,
        "Description": f"BOSer {captures.BOSER}",
    }


def answer(sim: BosPlusSim, request: Request) -> bytes:
    command = str((request or {}).get("command", ""))
    if command == "version":
        reply = dict(captures.RPC_VERSION)
    elif command == "devdetails":
        reply = {
            "STATUS": [_status(captures.DEVDETAILS_CODE, captures.DEVDETAILS_MSG)],
            "DEVDETAILS": [
                {
                    "DEVDETAILS": index,
                    "ID": index + 1,
                    "Name": f"HashchainManager {index + 1}",
                    "Model": sim.spec.model_name,
                    "Chips": sim.spec.chips_per_board,
                    "Cores": 0,
                    "Driver": "",
                    "Kernel": "",
                    "Device Path": "",
                    "Frequency": round(captures.FREQUENCY_MHZ[index % 3]),
                    "Voltage": captures.VOLTAGE_V,
                }
                for index in range(sim.spec.boards)
            ],
            "id": 1,
        }
    else:
        reply = {"STATUS": [_status(14, "Invalid command", "E")], "id": 1}
    return json.dumps(reply).encode()
