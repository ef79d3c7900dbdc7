"""TCP 4028 of a simulated VNish miner: its cgminer 4.11.1 answers.

No complete VNish RPC capture is public: the bodies follow the stock Antminer's captured
shapes (tests/simulator/antminer/rpc_replies.py, rpc_stats.py), with what VNish changes:
the program is "cgminer 4.11.1" on "uart_trans.1.3" (RC3: cgminer_version,
hardware_version) and the Type names the firmware, "Antminer L7 (Vnish 1.2.0-rc4)" (the
STATS[0].Type of a Go client's model test). Joined commands (``summary+pools``) answer one
list per command, as cgminer does.
"""

from __future__ import annotations

import json
import time
from typing import Any

from . import replies
from .state import VnishState

Reply = dict[str, Any]
PROGRAM = {"CGMiner": "4.11.1", "Miner": "uart_trans.1.3"}
COMPILE_TIME = "Sat Jul 22 16:41:12 UTC 2023"


def _status(code: int, msg: str, kind: str = "S") -> list[dict[str, Any]]:
    return [
        {
            "STATUS": kind,
            "When": int(time.time()),
            "Code": code,
            "Msg": msg,
            "Description": "cgminer 4.11.1",
        }
    ]


def _header(state: VnishState) -> dict[str, Any]:
    return {**PROGRAM, "CompileTime": COMPILE_TIME, "Type": replies.miner_type(state.spec)}


def version(state: VnishState) -> Reply:
    body = {"CGMiner": "4.11.1", "API": "3.7", **_header(state)}
    return {"STATUS": _status(22, "CGMiner versions"), "VERSION": [body], "id": 1}


def summary(state: VnishState) -> Reply:
    gh = round(sum(c["hashrate_rt"] for c in replies.chains(state)), 2)
    accepted = replies.shares(state)
    body = {
        "Elapsed": state.uptime,
        "GHS 5s": gh,
        "GHS av": gh,
        "GHS 30m": gh,
        "Found Blocks": 0,
        "Getworks": accepted // 3,
        "Accepted": accepted,
        "Rejected": accepted // 500,
        "Hardware Errors": 0,
        "Utility": 0.0,
        "Discarded": 0,
        "Stale": 0,
        "Get Failures": 0,
        "Local Work": 0,
        "Remote Failures": 0,
        "Network Blocks": 0,
        "Total MH": int(gh * 1000 * state.uptime),
        "Device Hardware%": 0.0,
        "Device Rejected%": 0.0,
        "Pool Rejected%": 0.0,
        "Pool Stale%": 0.0,
        "Last getwork": int(time.time()),
    }
    return {"STATUS": _status(11, "Summary"), "SUMMARY": [body], "id": 1}


def stats(state: VnishState) -> Reply:
    spec = state.spec
    chains = replies.chains(state)
    gh = round(sum(c["hashrate_rt"] for c in chains), 2)
    entry: dict[str, Any] = {
        "STATS": 0,
        "ID": "BTM_SOC0",
        "Elapsed": state.uptime,
        "GHS 5s": gh,
        "GHS av": gh,
        "rate_30m": gh,
        "miner_count": spec.boards,
        "fan_num": spec.fans,
        "temp_num": spec.boards,
    }
    fans = replies.cooling(state)["fans"]
    for n in range(1, 5):
        entry[f"fan{n}"] = fans[n - 1]["rpm"] if n <= len(fans) else 0
    for n, chain in enumerate(chains, 1):
        chips = sum(chain["chip_statuses"].values()) if state.hashing else 0
        entry[f"temp{n}"] = chain["pcb_temp"]["max"]
        entry[f"temp2_{n}"] = chain["chip_temp"]["max"]
        entry[f"chain_acn{n}"] = chips
        entry[f"chain_acs{n}"] = " ".join(["oooooooo"] * (chips // 8)) if chips else ""
        entry[f"chain_rate{n}"] = f"{chain['hashrate_rt']:.2f}"
        entry[f"chain_rateideal{n}"] = chain["hashrate_ideal"]
    entry["total_rateideal"] = round(sum(c["hashrate_ideal"] for c in chains), 2)
    entry["rate_unit"] = "GH"
    return {
        "STATUS": _status(70, "CGMiner stats"),
        "STATS": [_header(state), entry],
        "id": 1,
    }


def pools(state: VnishState) -> Reply:
    body = []
    for item in replies.summary_pools(state):
        if item["pool_type"] != "UserPool":
            continue
        body.append(
            {
                "POOL": item["id"],
                "URL": f"stratum+tcp://{item['url']}",
                "Status": "Alive",
                "Priority": item["id"],
                "Quota": 1,
                "Long Poll": "N",
                "Getworks": item["accepted"] // 3,
                "Accepted": item["accepted"],
                "Rejected": item["rejected"],
                "Stale": 0,
                "Stratum Active": item["status"] == "active",
                "User": item["user"],
                "Diff": item["diff"],
            }
        )
    return {"STATUS": _status(7, f"{len(body)} Pool(s)"), "POOLS": body, "id": 1}


def devdetails(state: VnishState) -> Reply:
    entries = [
        {
            "DEVDETAILS": n,
            "Name": "BTM_SOC",
            "ID": n,
            "Driver": "bitmain_soc",
            "Kernel": "",
            "Model": "",
            "Device Path": "",
        }
        for n in range(state.spec.boards)
    ]
    return {"STATUS": _status(69, "Device Details"), "DEVDETAILS": entries, "id": 1}


_COMMANDS = {
    "version": version,
    "summary": summary,
    "stats": stats,
    "pools": pools,
    "devdetails": devdetails,
}


def _single(state: VnishState, command: str) -> Reply:
    build = _COMMANDS.get(command)
    if build is None:
        return {"STATUS": _status(14, "Invalid command", "E"), "id": 1}
    return build(state)


def answer(state: VnishState, request: dict[str, Any] | None) -> bytes:
    if request is None or not isinstance(request.get("command"), str):
        reply: Reply = {"STATUS": _status(23, "Invalid JSON", "E"), "id": 1}
    else:
        names = request["command"].strip().split("+")
        if len(names) == 1:
            reply = _single(state, names[0])
        else:
            reply = {name: [_single(state, name)] for name in names}
            reply["id"] = 1
    return json.dumps(reply, separators=(",", ":")).encode() + b"\x00"
