"""The RPC port of a simulated "blackMiner" (8359, where pyasic's CCMinerRPCAPI asks): its
ccminer 2.3.3's version, summary, stats and pools, one command a request (no join of
ccminer's is public: a joined or unknown command is cgminer's "Invalid command"). The
stats object repeats each temp{n} four times, as the captured one does."""

from __future__ import annotations

import json
import time
from typing import Any

from ..rpc_server import Request
from . import captures
from .models import BlackMinerSpec
from .state import BlackMinerState

Reply = dict[str, Any]
_TEMPS = "__temperatures__"


def _status(code: int, msg: str, kind: str = "S", description: str = captures.DESCRIPTION) -> Any:
    when = int(time.time())
    return [{"STATUS": kind, "When": when, "Code": code, "Msg": msg, "Description": description}]


def _rate(state: BlackMinerState, spec: BlackMinerSpec, value: str) -> str:
    """A captured MH/s figure for this model: scaled to its nominal rate, 0 asleep."""
    if not value:
        return value
    return f"{float(value) * spec.rate_scale:.4f}" if state.mining else "0.0000"


def version(state: BlackMinerState, spec: BlackMinerSpec) -> Reply:
    body = {**captures.PROGRAM, "API": captures.API, "Type": spec.minertype}
    return {"STATUS": _status(22, "CGMiner versions"), "VERSION": [body], "id": 1}


def summary(state: BlackMinerState, spec: BlackMinerSpec) -> Reply:
    body = {**captures.SUMMARY, "Elapsed": state.uptime, "Last getwork": int(time.time())}
    body["MHS 5s"] = _rate(state, spec, body["MHS 5s"])
    return {"STATUS": _status(11, "Summary"), "SUMMARY": [body], "id": 1}


def stats(state: BlackMinerState, spec: BlackMinerSpec) -> Reply:
    head = {**captures.PROGRAM, "Type": spec.minertype}
    figures: dict[str, Any] = {**captures.STATS_FIGURES, "Elapsed": state.uptime, _TEMPS: 0}
    figures |= captures.STATS_TAIL
    for key in ("MHS 5s", "chain_rate1", "chain_rate2", "chain_rate3"):
        figures[key] = _rate(state, spec, figures[key])
    for n in range(1, spec.boards + 1):
        figures[f"chain_acn{n}"] = spec.chips_per_board
    return {"STATUS": _status(70, "CGMiner stats"), "STATS": [head, figures], "id": 1}


def pools(state: BlackMinerState, _: BlackMinerSpec) -> Reply:
    entries = [
        {
            **captures.POOL_ENTRY,
            "POOL": n,
            "URL": pool["url"],
            "User": pool["user"],
            "Stratum Active": n == 0,
        }
        for n, pool in enumerate(state.pools)
        if pool.get("url")
    ]
    status = _status(7, f"{len(entries)} Pool(s)", description=captures.POOLS_DESCRIPTION)
    return {"STATUS": status, "POOLS": entries, "id": 1}


READS = {"version": version, "summary": summary, "stats": stats, "pools": pools}


def encode(reply: Reply) -> bytes:
    """JSON text, with the temperatures written as the firmware writes them (repeated)."""
    text = json.dumps(reply)
    repeated = ", ".join(
        f'"{key}": {value}' for key, values in captures.TEMPERATURES.items() for value in values
    )
    return text.replace(f'"{_TEMPS}": 0', repeated).encode()


def answer(state: BlackMinerState, spec: BlackMinerSpec, request: Request) -> bytes:
    command = request.get("command") if request is not None else None
    if not isinstance(command, str):
        return encode({"STATUS": _status(23, "Invalid JSON", "E"), "id": 1})
    read = READS.get(command.strip())
    if read is None:
        return encode({"STATUS": _status(14, "Invalid command", "E"), "id": 1})
    return encode(read(state, spec))
