"""Real-shaped replies, as the simulated miners write them (no sockets: the simulator's own
reply code is called directly). Each is parsed JSON, ready to be mutated.
"""

from __future__ import annotations

import asyncio
import json
from functools import cache
from typing import Any

from tests.simulator import SimulatedMiner
from tests.simulator.antminer import web_modern, web_old
from tests.simulator.hiveon import HiveonSim
from tests.simulator.whatsminer import v2 as wm_v2
from tests.simulator.whatsminer import v3 as wm_v3

ADDRESS = "127.0.18.250"  # never listened on: the objects are only asked for replies
ANTMINER_COMMANDS = ("version", "summary", "pools", "stats", "devs", "devdetails")
WM_V2_COMMANDS = (
    "summary",
    "pools",
    "edevs",
    "devdetails",
    "get_version",
    "get_psu",
    "status",
    "get_miner_info",
    "get_error_code",
    "get_token",
)
WEB_PATHS = {
    "modern": (
        "/cgi-bin/get_system_info.cgi",
        "/cgi-bin/summary.cgi",
        "/cgi-bin/stats.cgi",
        "/cgi-bin/get_blink_status.cgi",
        "/cgi-bin/get_miner_conf.cgi",
    ),
    "old": ("/cgi-bin/get_system_info.cgi", "/cgi-bin/get_miner_conf.cgi"),
}


@cache
def antminer(model: str = "antminer-s19pro") -> dict[str, Any]:
    """RPC replies by command (``stats new_api`` too on modern firmware), web JSON by path."""
    kind = HiveonSim if model.startswith("hiveon-") else SimulatedMiner
    sim = kind(model, ADDRESS, quirks=())
    sim.state.errors = {"fans": "fan lost", "temp": "too hot"}
    replies: dict[str, Any] = {
        name: json.loads(sim._answer_rpc({"command": name})) for name in ANTMINER_COMMANDS
    }
    replies["stats new_api"] = json.loads(sim._answer_rpc({"command": "stats", "new_api": True}))
    generation = str(sim.spec.firmware)
    routes = (web_old if generation == "old" else web_modern).routes(sim)
    handlers = {route.path: route.handler for route in routes if route.method == "GET"}  # type: ignore[attr-defined]
    for path in WEB_PATHS[generation]:
        response = asyncio.run(handlers[path](None))
        replies[path] = json.loads(response.text)
    return replies


@cache
def whatsminer_v2(model: str = "whatsminer-m50s") -> dict[str, Any]:
    sim = SimulatedMiner(model, ADDRESS, quirks=())
    sim.state.error_codes = {"110": "2024-01-01 00:00:00", "530": "2024-01-01 00:00:01"}
    return {
        name: json.loads(wm_v2.answer(sim, json.dumps({"cmd": name}).encode(), "127.0.0.1"))
        for name in WM_V2_COMMANDS
    }


@cache
def whatsminer_v3(model: str = "whatsminer-m60s") -> dict[str, Any]:
    """Whole V3 replies (code, msg, desc) for what a poll asks."""
    sim = SimulatedMiner(model, ADDRESS, quirks=())
    sim.state.error_codes = {"2010": "2024-01-01 00:00:00", "123456": "2024-01-01 00:00:01"}
    asks = {
        "get.device.info": None,
        "get.miner.status": "summary+pools+edevs",
        "get.miner.setting": None,
    }
    return {cmd: wm_v3.answer(sim, {"cmd": cmd, "param": param}) for cmd, param in asks.items()}
