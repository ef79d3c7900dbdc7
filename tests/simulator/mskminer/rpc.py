"""TCP 4028 of a simulated MSKMiner: its BMMiner 4.11.1's version, stats and pools
(captures.py), joined with ``+`` as BMMiner joins them; any other command is an
"Invalid command" error, as cgminer answers one it lacks. Written with the terminating NUL
cgminer's api.c sends (quirks.py "trailing-nul")."""

from __future__ import annotations

import time
from typing import Any

from .. import quirks
from ..rpc_server import Request
from . import captures
from .state import MskState

Reply = dict[str, Any]
QUIRKS = ("trailing-nul",)


def _status(code: int, msg: str, kind: str = "S", description: str = captures.DESCRIPTION) -> Any:
    when = int(time.time())
    return [{"STATUS": kind, "When": when, "Code": code, "Msg": msg, "Description": description}]


def version(_: MskState) -> Reply:
    body = {"BMMiner": captures.PROGRAM["BMMiner"], "API": captures.API, **captures.PROGRAM}
    return {"STATUS": _status(22, "BMMiner versions"), "VERSION": [body], "id": 1}


def stats(state: MskState) -> Reply:
    figures = {**captures.STATS_FIGURES, "Elapsed": state.uptime}
    return {
        "STATUS": _status(70, "BMMiner stats"),
        "STATS": [dict(captures.PROGRAM), figures],
        "id": 1,
    }


def pools(state: MskState) -> Reply:
    entries = [
        {**captures.POOL_ENTRY, "POOL": n, "URL": url, "User": user}
        for n, (url, user) in enumerate(state.pools)
    ]
    status = _status(7, f"{len(entries)} Pool(s)", description=captures.POOLS_DESCRIPTION)
    return {"STATUS": status, "POOLS": entries, "id": 1}


READS = {"version": version, "stats": stats, "pools": pools}


def reply_for(state: MskState, request: Request) -> Reply:
    command = request.get("command") if request is not None else None
    if not isinstance(command, str):
        return {"STATUS": _status(23, "Invalid JSON", "E"), "id": 1}
    names = command.strip().split("+")
    if any(name not in READS for name in names):
        return {"STATUS": _status(14, "Invalid command", "E"), "id": 1}
    if len(names) == 1:
        return READS[names[0]](state)
    joined: Reply = {name: [READS[name](state)] for name in names}
    joined["id"] = 1
    return joined


def answer(state: MskState, request: Request) -> bytes:
    return quirks.encode(reply_for(state, request), QUIRKS)
