"""Which RPC commands a stock Antminer answers, and how (single or joined with `+`)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from . import quirks, rpc_replies, rpc_stats
from .models import Firmware
from .rpc_replies import Reply

if TYPE_CHECKING:
    from .miner import SimulatedMiner
    from .telemetry import Snapshot

COMMANDS = ("version", "summary", "pools", "stats", "devs", "devdetails")


def _single(miner: SimulatedMiner, name: str, new_api: bool, snap: Snapshot) -> Reply:
    spec = miner.spec
    match name:
        case "version":
            return rpc_replies.version(spec)
        case "summary":
            return rpc_replies.summary(spec, snap)
        case "pools":
            return rpc_replies.pools(spec, miner.state, snap)
        case "stats" if new_api and spec.firmware is Firmware.MODERN:
            return rpc_stats.stats_new_api(spec, miner.state, snap)
        case "stats":
            return rpc_stats.stats(spec, snap)
        case "devs":
            return rpc_replies.devs(spec, snap)
        case "devdetails":
            return rpc_replies.devdetails(spec)
    return rpc_replies.error(spec, 14, "Invalid command")


def answer(miner: SimulatedMiner, request: dict[str, Any] | None) -> bytes:
    """The bytes the miner writes back for one request."""
    spec = miner.spec
    if request is None or not isinstance(request.get("command"), str):
        return quirks.encode(rpc_replies.error(spec, 23, "Invalid JSON"), miner.quirks)
    command: str = request["command"].strip()
    new_api = request.get("new_api") in (True, "true", 1)
    snap = miner.snapshot()
    names = command.split("+")
    if len(names) == 1 or "no-join" in miner.quirks:
        return quirks.encode(_single(miner, command, new_api, snap), miner.quirks)
    joined: Reply = {name: [_single(miner, name, new_api, snap)] for name in names}
    joined["id"] = 1
    return quirks.encode(joined, miner.quirks)
