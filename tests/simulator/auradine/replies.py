"""The simulated replies: the captured ones (captures.py) with the state's figures."""

from __future__ import annotations

import time
from typing import Any

from . import captures
from .state import AuradineState

Reply = dict[str, Any]


def status(name: str, msg: str, description: str, kind: str = "S") -> list[dict[str, Any]]:
    code = captures.CODES.get(name, 0)
    when = int(time.time())
    return [{"Code": code, "Description": description, "Msg": msg, "STATUS": kind, "When": when}]


# -- RPC ---------------------------------------------------------------------------------


def summary(state: AuradineState) -> Reply:
    total = sum(state.board_mhs(slot) for slot in range(state.spec.boards))
    rates = dict.fromkeys(("MHS 5s", "MHS 1m", "MHS 5m", "MHS 15m", "MHS av"), total)
    body = {**captures.SUMMARY, **rates, "Elapsed": state.uptime}
    return {
        "STATUS": status("summary", "Summary", captures.SUMMARY_DESCRIPTION),
        "SUMMARY": [body],
        "id": 1,
    }


def devs(state: AuradineState) -> Reply:
    entries = []
    for slot in range(state.spec.boards):
        temperature = captures.DEV_TEMPERATURES[slot % len(captures.DEV_TEMPERATURES)]
        entries.append(
            {
                **captures.DEV_ENTRY,
                "DEV": slot + 1,
                "ID": slot + 1,
                "MHS 5s": state.board_mhs(slot),
                "Temperature": temperature,
            }
        )
    msg = f"{len(entries)} Dev(s)"
    return {"DEVS": entries, "STATUS": status("devs", msg, captures.SUMMARY_DESCRIPTION), "id": 1}


def pools(state: AuradineState) -> Reply:
    entries = []
    for n, (url, user) in enumerate(state.pools):
        first = n == 0
        entries.append(
            {
                **captures.POOL_ENTRY,
                "POOL": n,
                "Priority": n,
                "URL": url,
                "User": user,
                "Status": "Alive" if first else "Dead",
                "Stratum Active": first,
                "Accepted": captures.POOL_ENTRY["Accepted"] if first else 0,
                "Rejected": captures.POOL_ENTRY["Rejected"] if first else 0,
            }
        )
    msg = f"{len(entries)} Pool(s)"
    return {"POOLS": entries, "STATUS": status("pools", msg, captures.POOLS_DESCRIPTION), "id": 1}


def version(_: AuradineState) -> Reply:
    return {
        "STATUS": status("version", "GCMiner versions", captures.VERSION_DESCRIPTION),
        "VERSION": [dict(captures.VERSION)],
        "id": 1,
    }


def devdetails(state: AuradineState) -> Reply:
    """NOT CAPTURED: only the Model field the peers read (captures.py)."""
    entry = {"DEVDETAILS": 0, "Model": state.spec.name}
    return {
        "DEVDETAILS": [entry],
        "STATUS": status("devdetails", "Device Details", captures.SUMMARY_DESCRIPTION),
        "id": 1,
    }


# -- web ---------------------------------------------------------------------------------


def ipreport(state: AuradineState, mac: str, address: str) -> Reply:
    body = {
        **captures.IPREPORT,
        "hostname": state.hostname,
        "ip": address,
        "mac": mac,
        "model": state.spec.name,
        "HBSerialNo": list(captures.IPREPORT["HBSerialNo"][: state.spec.boards]),
    }
    return {
        "IPReport": [body],
        "STATUS": status("ipreport", "IP Report", captures.FLUXOS_DESCRIPTION),
        "id": 1,
    }


def psu(state: AuradineState) -> Reply:
    drawn = 58.94 if state.sleeping else float(state.power_target)
    body = {
        **captures.PSU,
        "PowerIn": f"{drawn:.2f}W",
        "PoutMax": f"{state.spec.psu_max_watts:.2f}W",
    }
    return {"PSU": [body], "STATUS": status("psu", "PSU status", captures.PSU_DESCRIPTION), "id": 1}


def mode(state: AuradineState) -> Reply:
    body = {
        **captures.MODE,
        "Mode": state.mode,
        "Power": state.power_target,
        "Sleep": "on" if state.sleeping else "off",
    }
    return {
        "Mode": [body],
        "STATUS": status("mode", captures.MODE_MSG, captures.FLUXOS_DESCRIPTION),
        "id": 1,
    }


def fan(state: AuradineState) -> Reply:
    """Each fan at its captured speed, scaled by the target set (the captured 7000 RPM
    until one is)."""
    scale = state.fan_target_rpm / captures.FAN_ENTRY["Target"]
    entries = [
        {
            **captures.FAN_ENTRY,
            "ID": n + 1,
            "Speed": round(captures.FAN_SPEEDS[n % 4] * scale),
            "Target": state.fan_target_rpm,
        }
        for n in range(state.spec.fans)
    ]
    msg = f"Total fans: {len(entries)}"
    return {"Fan": entries, "STATUS": status("fan", msg, captures.FAN_DESCRIPTION), "id": 1}


def web_pools(state: AuradineState) -> Reply:
    """PEER_POOLS (captures.py): FluxOS's own ``pools`` GET, with only the fields pyasic's
    PoolConfig.from_api reads of it."""
    entries = [{"POOL": n, "URL": url, "User": user} for n, (url, user) in enumerate(state.pools)]
    msg = f"{len(entries)} Pool(s)"
    return {
        "POOLS": entries,
        "STATUS": status("webpools", msg, captures.FLUXOS_DESCRIPTION),
        "id": 1,
    }


def led(state: AuradineState) -> Reply:
    message = captures.LED_MESSAGES.get(state.led_code, "Custom")
    body = {**captures.LED, "Code": state.led_code, "Msg": message}
    return {
        "LED": [body],
        "STATUS": status("led", "Total LEDs 2", captures.LED_DESCRIPTION),
        "id": 1,
    }


def done(name: str, msg: str = "OK") -> Reply:
    """NOT CAPTURED: the answer to a change, a STATUS the peers check (captures.py)."""
    return {"STATUS": status(name, msg, captures.FLUXOS_DESCRIPTION), "id": 1}


def refused(name: str, msg: str) -> Reply:
    return {"STATUS": status(name, msg, captures.FLUXOS_DESCRIPTION, "E"), "id": 1}


def token(value: str) -> Reply:
    """NOT CAPTURED: ``Token[0].Token`` beside a STATUS, as the peers read it."""
    return {
        "STATUS": status("token", "Token", captures.FLUXOS_DESCRIPTION),
        "Token": [{"Token": value}],
        "id": 1,
    }
