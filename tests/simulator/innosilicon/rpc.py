"""TCP 4028 of a simulated innominer: the captured summary, stats and pools (captures.py),
each STATUS with its Description. Any other command (and a ``+`` join, which no capture
shows innominer taking) gets cgminer's "Invalid command" error, with the same Description.

The pools reply lists the pools the web's ``updatePools`` configured (state.pools): each
in the captured entry of its slot, with its URL and User (and, on the active one, its
Stratum URL host); unchanged, the reply is the capture's."""

from __future__ import annotations

import copy
import time
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from .. import quirks
from ..rpc_server import Request
from . import captures

Reply = dict[str, Any]


def _captured_pools() -> list[dict[str, str]]:
    password = captures.PEER_POOL_PASSWORD
    return [{"url": p["URL"], "user": p["User"], "pass": password} for p in captures.POOLS]


@dataclass
class InnoState:
    password: str = "admin"
    started: float = field(default_factory=time.monotonic)
    received: list[str] = field(default_factory=list)
    tokens: set[str] = field(default_factory=set)
    restarts: int = 0
    pools: list[dict[str, str]] = field(default_factory=_captured_pools)  # configured slots

    @property
    def uptime(self) -> int:
        return captures.SUMMARY["Elapsed"] + int(time.monotonic() - self.started)

    def rebooted(self) -> None:
        """Up from nought: the capture's Elapsed counted off the start."""
        self.started = time.monotonic() + captures.SUMMARY["Elapsed"]
        self.tokens.clear()


def _status(code: int, msg: str, kind: str = "S") -> list[dict[str, Any]]:
    when = int(time.time())
    desc = captures.DESCRIPTION
    return [{"STATUS": kind, "When": when, "Code": code, "Msg": msg, "Description": desc}]


def summary(state: InnoState) -> Reply:
    body = {**captures.SUMMARY, "Elapsed": state.uptime}
    return {"STATUS": _status(11, "Summary"), "SUMMARY": [body], "id": 1}


def stats(state: InnoState) -> Reply:
    entries = [{**c, "Elapsed": state.uptime} for c in copy.deepcopy(captures.CHAINS)]
    entries.append({**captures.POOL_STATS, "Elapsed": state.uptime})
    return {"STATUS": _status(70, "CGMiner stats"), "STATS": entries, "id": 1}


def _pool_entry(slot: int, pool: dict[str, str]) -> dict[str, Any]:
    entry = copy.deepcopy(captures.POOLS[slot])
    if (entry["URL"], entry["User"]) != (pool["url"], pool["user"]):
        entry |= {"URL": pool["url"], "User": pool["user"]}
        if entry["Stratum Active"]:
            entry["Stratum URL"] = urlsplit(pool["url"]).hostname or ""
    return entry


def pools(state: InnoState) -> Reply:
    entries = [_pool_entry(slot, pool) for slot, pool in enumerate(state.pools)]
    return {"STATUS": _status(7, f"{len(entries)} Pool(s)"), "POOLS": entries, "id": 1}


READS = {"summary": summary, "stats": stats, "pools": pools}


def answer(state: InnoState, request: Request) -> bytes:
    command = request.get("command") if request is not None else None
    if not isinstance(command, str):
        reply: Reply = {"STATUS": _status(23, "Invalid JSON", "E"), "id": 1}
    else:
        state.received.append(command)
        read = READS.get(command.strip())
        reply = read(state) if read else {"STATUS": _status(14, "Invalid command", "E"), "id": 1}
    return quirks.encode(reply, ("trailing-nul",))
