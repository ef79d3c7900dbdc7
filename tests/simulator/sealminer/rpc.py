"""TCP 4028 of a simulated SealMiner: BDMiner's stats, summary, pools, version and
devdetails, and the controls asic-rs sends (ascset 0,suspend / 0,powerlimit,{…}, restart);
anything else is "Invalid command", as cgminer answers."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from ..rpc_server import Request
from . import replies

if TYPE_CHECKING:
    from .miner import SealSim


def answer(sim: SealSim, request: Request) -> bytes:
    return json.dumps(reply_for(sim, request)).encode()


def reply_for(sim: SealSim, request: Request) -> replies.Reply:
    state = sim.state
    command = request.get("command") if request is not None else None
    parameter = request.get("parameter") if request is not None else None
    if not isinstance(command, str):
        return replies.refused("Invalid JSON", 23)
    state.received.append(("rpc", command if parameter is None else f"{command} {parameter}"))
    reads = {
        "stats": lambda: replies.stats(state, sim.mac, sim.address),
        "summary": lambda: replies.summary(state),
        "pools": lambda: replies.pools(state),
        "version": lambda: replies.version(state),
        "devdetails": lambda: replies.devdetails(state),
    }
    if command in reads:
        return reads[command]()
    if command == "restart":
        state.restarts += 1
        state.suspended = False
        return replies.done("RESTART")
    if command == "ascset" and isinstance(parameter, str):
        return _ascset(sim, parameter)
    return replies.refused("Invalid command")


def _ascset(sim: SealSim, parameter: str) -> replies.Reply:
    device, _, rest = parameter.partition(",")
    option, _, value = rest.partition(",")
    if device != "0":
        return replies.refused("Invalid ASC id", 15)
    if option == "suspend":
        sim.state.suspended = True
        return replies.done("ASC 0 set OK")
    if option == "powerlimit":
        try:
            watts = int(json.loads(value)["value"])
        except ValueError, KeyError, TypeError:
            return replies.refused("Invalid power limit", 16)
        sim.state.pending_limit = watts
        return replies.done("ASC 0 set OK")
    return replies.refused("Invalid option", 16)
