"""Bodies of the CGMiner-style RPC replies other than `stats`, as stock Antminers write them."""

from __future__ import annotations

import time
from typing import Any

from .models import Firmware, ModelSpec
from .state import MinerState
from .telemetry import Snapshot

Reply = dict[str, Any]


def is_old(spec: ModelSpec) -> bool:
    return spec.firmware is Firmware.OLD


def _description(spec: ModelSpec) -> str:
    return "bmminer 1.0.0" if is_old(spec) else "cgminer 1.0.0"


def status(spec: ModelSpec, code: int, msg: str, kind: str = "S") -> list[dict[str, Any]]:
    return [
        {
            "STATUS": kind,
            "When": int(time.time()),
            "Code": code,
            "Msg": msg,
            "Description": _description(spec),
        }
    ]


def error(spec: ModelSpec, code: int, msg: str) -> Reply:
    return {"STATUS": status(spec, code, msg, "E"), "id": 1}


def header(spec: ModelSpec) -> dict[str, Any]:
    """STATS[0] / VERSION[0]: which miner program this is."""
    program = {"BMMiner": "2.0.0"} if is_old(spec) else {"BMMiner": "1.0.0"}
    return {
        **program,
        "Miner": spec.miner_version,
        "CompileTime": spec.compile_time,
        "Type": spec.name,
    }


def version(spec: ModelSpec) -> Reply:
    msg = "BMMiner versions" if is_old(spec) else "CGMiner versions"
    program = header(spec)
    body = {"BMMiner": program["BMMiner"], "API": "3.1", **program}
    return {"STATUS": status(spec, 22, msg), "VERSION": [body], "id": 1}


def _shares(snap: Snapshot) -> tuple[int, int]:
    accepted = int(snap.elapsed * snap.total_gh / 20000)
    return accepted, accepted // 400


def summary(spec: ModelSpec, snap: Snapshot) -> Reply:
    accepted, rejected = _shares(snap)
    ghs = snap.total_gh
    # BMMiner on the S9 reports "GHS 5s" as a string; the X19 firmware as a number.
    ghs_5s: float | str = f"{ghs:.2f}" if is_old(spec) else ghs
    entry: dict[str, Any] = {"Elapsed": snap.elapsed, "GHS 5s": ghs_5s, "GHS av": ghs}
    if not is_old(spec):
        entry["GHS 30m"] = ghs
    entry |= {
        "Found Blocks": 0,
        "Getworks": snap.elapsed // 30,
        "Accepted": accepted,
        "Rejected": rejected,
        "Hardware Errors": 0,
        "Utility": round(accepted * 60 / max(snap.elapsed, 1), 2),
        "Discarded": accepted * 2,
        "Stale": 0,
        "Get Failures": 0,
        "Local Work": snap.elapsed * 100,
        "Remote Failures": 0,
        "Network Blocks": snap.elapsed // 600,
        "Total MH": round(ghs * 1000 * snap.elapsed, 4),
        "Work Utility": round(ghs * 14.0, 2),
        "Difficulty Accepted": float(accepted * 65536),
        "Difficulty Rejected": float(rejected * 65536),
        "Difficulty Stale": 0.0,
        "Best Share": accepted * 1024,
        "Device Hardware%": 0.0,
        "Device Rejected%": 0.25 if accepted else 0.0,
        "Pool Rejected%": 0.25 if accepted else 0.0,
        "Pool Stale%": 0.0,
        "Last getwork": int(time.time()),
    }
    return {"STATUS": status(spec, 11, "Summary"), "SUMMARY": [entry], "id": 1}


def pools(spec: ModelSpec, state: MinerState, snap: Snapshot) -> Reply:
    accepted, rejected = _shares(snap)
    entries = []
    configured = [p for p in state.pools if p["url"]]
    for i, pool in enumerate(configured):
        first = i == 0
        entries.append(
            {
                "POOL": i,
                "URL": pool["url"],
                "Status": "Alive",
                "Priority": i,
                "Quota": 1,
                "Long Poll": "N",
                "Getworks": snap.elapsed // 30 if first else 0,
                "Accepted": accepted if first else 0,
                "Rejected": rejected if first else 0,
                "Discarded": accepted * 2 if first else 0,
                "Stale": 0,
                "Get Failures": 0,
                "Remote Failures": 0,
                "User": pool["user"],
                "Last Share Time": "0:00:03" if first and snap.hashing else "0",
                "Diff": "65.5K" if first else "",
                "Diff1 Shares": 0,
                "Proxy Type": "",
                "Proxy": "",
                "Difficulty Accepted": float(accepted * 65536) if first else 0.0,
                "Difficulty Rejected": float(rejected * 65536) if first else 0.0,
                "Difficulty Stale": 0.0,
                "Last Share Difficulty": 65536.0 if first else 0.0,
                "Has Stratum": True,
                "Stratum Active": first,
                "Stratum URL": pool["url"].split("://")[-1].split(":")[0] if first else "",
                "Has GBT": False,
                "Best Share": accepted * 1024 if first else 0,
                "Pool Rejected%": 0.25 if first and accepted else 0.0,
                "Pool Stale%": 0.0,
            }
        )
    return {
        "STATUS": status(spec, 7, f"{len(entries)} Pool(s)"),
        "POOLS": entries,
        "id": 1,
    }


def devs(spec: ModelSpec, snap: Snapshot) -> Reply:
    accepted, rejected = _shares(snap)
    per_board = len(snap.boards) or 1
    entries = [
        {
            "ASC": b.index,
            "Name": "BTM_SOC" if not is_old(spec) else "BC5",
            "ID": b.index,
            "Enabled": "Y",
            "Status": "Alive",
            "Temperature": float(b.pcb_max),
            "MHS av": round(b.rate_gh * 1000, 2),
            "MHS 5s": round(b.rate_gh * 1000, 2),
            "Accepted": accepted // per_board,
            "Rejected": rejected // per_board,
            "Hardware Errors": 0,
            "Utility": 0.0,
            "Last Share Pool": 0,
            "Device Elapsed": snap.elapsed,
        }
        for b in snap.boards
    ]
    return {"STATUS": status(spec, 9, f"{len(entries)} ASC(s)"), "DEVS": entries, "id": 1}


def devdetails(spec: ModelSpec) -> Reply:
    entries = [
        {
            "DEVDETAILS": i,
            "Name": "BTM_SOC" if not is_old(spec) else "BC5",
            "ID": i,
            "Driver": "bitmain_soc" if not is_old(spec) else "bitmain",
            "Kernel": "",
            "Model": "",
            "Device Path": "",
        }
        for i in range(spec.boards)
    ]
    return {"STATUS": status(spec, 69, "Device Details"), "DEVDETAILS": entries, "id": 1}
