"""TCP 4028 of a simulated Braiins OS 25.07+ miner: BOSer's ``version`` (captures.py
BOSER_VERSION, its When the current time), which is what scanners look for ("BOSer").

No reply of BOSer to any other command on 4028 is published; those are answered with the
cgminer API's "Invalid command" (STATUS E, code 14, as cgminer api.c writes it).
"""

from __future__ import annotations

import copy
import json
import time
from typing import Any

from . import captures

INVALID_COMMAND = 14


def answer(request: dict[str, Any] | None) -> bytes:
    now = int(time.time())
    command = request.get("command") if isinstance(request, dict) else None
    if command == "version":
        reply = copy.deepcopy(captures.BOSER_VERSION)
        reply["STATUS"][0]["When"] = now
    else:
        reply = {
            "STATUS": [
                {
                    "STATUS": "E",
                    "When": now,
                    "Code": INVALID_COMMAND,
                    "Msg": "Invalid command",
                    "Description": captures.BOSER_VERSION["STATUS"][0]["Description"],
                }
            ],
            "id": 1,
        }
    return json.dumps(reply).encode()
