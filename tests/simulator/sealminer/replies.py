"""The simulated replies: the captured ones (captures.py) with the state's figures."""

from __future__ import annotations

import time
from typing import Any

from . import captures
from .state import SealState

Reply = dict[str, Any]
_RATES = (
    "MHS(15m)", "MHS(1h)", "MHS(1m)", "MHS(2h)", "MHS(2m)", "MHS(30m)", "MHS(30s)",
    "MHS(5m)", "MHS(Avg)", "MHS(Sample)",
)  # fmt: skip


def status(code: int, msg: str, kind: str = "S") -> list[dict[str, Any]]:
    when = int(time.time())
    return [
        {
            "Code": code,
            "Description": captures.DESCRIPTION,
            "Msg": msg,
            "STATUS": kind,
            "When": when,
        }
    ]


def stats(state: SealState, mac: str, address: str) -> Reply:
    body = dict(captures.STATS)
    scale = 0.0 if state.suspended else state.power_limit / captures.STATS["Power Limit"]
    for key in list(body):
        if key in _RATES or key.endswith("MHS(Sample)"):
            body[key] = captures.STATS[key] * scale
    body.update(
        {
            "MAC": mac,
            "IP": address,
            "Model": state.spec.model,
            "Power Limit": state.power_limit,
            "PSU Input Power": round(captures.STATS["PSU Input Power"] * scale),
            "PM State": "Suspended" if state.suspended else "Running",
            "System Uptime": state.uptime,
            "Elapsed": max(0, state.uptime - 262),  # the capture's gap between boot and start
        }
    )
    code, msg = captures.STATUS_MSG["stats"]
    return {"STATS": [body], "STATUS": status(code, msg), "id": 1}


def summary(state: SealState) -> Reply:
    code, msg = captures.STATUS_MSG["summary"]
    return {"STATUS": status(code, msg), "SUMMARY": [dict(captures.SUMMARY)], "id": 1}


def pools(state: SealState) -> Reply:
    entries = [
        {**captures.POOL_ENTRY, "POOL": n, "Priority": n, "URL": url, "User": user,
         "Stratum Active": n == 0}
        for n, (url, user) in enumerate(state.pools)
    ]  # fmt: skip
    code, _ = captures.STATUS_MSG["pools"]
    return {"POOLS": entries, "STATUS": status(code, f"{len(entries)} Pool(s)"), "id": 1}


def version(_: SealState) -> Reply:
    code, msg = captures.STATUS_MSG["version"]
    return {"STATUS": status(code, msg), "VERSION": [dict(captures.VERSION)], "id": 1}


def devdetails(state: SealState) -> Reply:
    """NOT CAPTURED: only the Model asic-rs reads (captures.py)."""
    entry = {"DEVDETAILS": 0, "Model": state.spec.model}
    return {"DEVDETAILS": [entry], "STATUS": status(69, "Device Details"), "id": 1}


def done(msg: str) -> Reply:
    """NOT CAPTURED: a cgminer STATUS "S" (captures.py)."""
    return {"STATUS": status(0, msg), "id": 1}


def refused(msg: str, code: int = 14) -> Reply:
    return {"STATUS": status(code, msg, "E"), "id": 1}


def psu_status(state: SealState) -> Reply:
    scale = 0.0 if state.suspended else state.power_limit / captures.STATS["Power Limit"]
    return {**captures.PSU_STATUS, "Power": round(captures.PSU_STATUS["Power"] * scale)}


def system_info(state: SealState, mac: str, address: str) -> Reply:
    return {
        **captures.SYSTEM_INFO,
        "macaddr": mac,
        "ipaddress": address,
        "miner_type": state.spec.model,
        "led": state.led,
    }
