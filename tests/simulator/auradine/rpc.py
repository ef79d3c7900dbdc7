"""TCP 4028 of a simulated Auradine: GCMiner's summary, devs, pools, version and devdetails;
any other command (or several joined with "+", which no capture shows GCMiner taking) is an
"Invalid command" error, as cgminer answers one it lacks."""

from __future__ import annotations

import json

from ..rpc_server import Request
from . import replies
from .state import AuradineState

READS = {
    "summary": replies.summary,
    "devs": replies.devs,
    "pools": replies.pools,
    "version": replies.version,
    "devdetails": replies.devdetails,
}


def answer(state: AuradineState, request: Request) -> bytes:
    command = request.get("command") if request is not None else None
    read = READS.get(command) if isinstance(command, str) else None
    reply = replies.refused("invalid", "Invalid command") if read is None else read(state)
    return json.dumps(reply).encode()
