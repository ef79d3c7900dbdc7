"""Which RPC commands a stock Antminer answers, and how (single or joined with `+`)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .. import quirks
from ..rpc_server import parse_request
from . import rpc_replies, rpc_stats, rpc_text
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


def reply_for(miner: SimulatedMiner, request: dict[str, Any] | None) -> Reply:
    """The reply to one request, before it is written in JSON or text."""
    spec = miner.spec
    if request is None or not isinstance(request.get("command"), str):
        return rpc_replies.error(spec, 23, "Invalid JSON")
    command: str = request["command"].strip()
    new_api = request.get("new_api") in (True, "true", 1)
    snap = miner.snapshot()
    names = command.split("+")
    if len(names) == 1 or "no-join" in miner.quirks:
        return _single(miner, command, new_api, snap)
    joined: Reply = {name: [_single(miner, name, new_api, snap)] for name in names}
    joined["id"] = 1
    return joined


def answer(miner: SimulatedMiner, request: dict[str, Any] | None) -> bytes:
    """The bytes the miner writes back for one JSON request."""
    return quirks.encode(reply_for(miner, request), miner.quirks)


def answer_raw(miner: SimulatedMiner, data: bytes) -> bytes | None:
    """The bytes for one request as it came; None closes the connection without a byte.

    cgminer's api.c answers a request that does not start with ``{`` in its text form
    (``command|parameter``); the ``plain-text-only`` quirk closes on JSON at once.
    """
    is_json = data.lstrip(b"\x00 \t\r\n").startswith(b"{")
    if is_json and "plain-text-only" in miner.quirks:
        return None
    request = parse_request(data)
    if is_json or request is None:
        return answer(miner, request)
    return rpc_text.encode(reply_for(miner, request), miner.quirks)
