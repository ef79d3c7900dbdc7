"""TCP 4028 of a simulated LuxOS miner: LUXminer's answers, built from the captures.

Joined commands (``summary+stats``) answer one list per command, as cgminer does and
pyasic's LUXMiner expects. Commands that change the miner take the session id as the
first item of ``parameter``; a wrong or expired one is refused (PV_MINER's message).
Answers whose text no capture shows (ledset, fanset, rebootdevice, resetminer, pools,
groups, tempctrl, logon while a session is open, unknown commands) carry the STATUS every captured
LUXminer reply has, with a Msg saying what was done and Code 0: their real codes and
texts are not public.
"""

from __future__ import annotations

import copy
import json
import time
from collections.abc import Callable
from typing import Any

from ..rpc_server import Request
from . import captures
from .state import LuxosState

Reply = dict[str, Any]
DESCRIPTION = captures.VERSION["STATUS"][0]["Description"]  # "LUXminer 2025.4.8…"


def _status(code: int, msg: str, kind: str = "S") -> list[dict[str, Any]]:
    return [
        {
            "Code": code,
            "Description": DESCRIPTION,
            "Msg": msg,
            "STATUS": kind,
            "When": int(time.time()),
        }
    ]


def _captured(reply: Reply) -> Reply:
    """A fresh copy of a captured reply, its STATUS stamped now."""
    fresh = copy.deepcopy(reply)
    status = fresh["STATUS"][0]
    fresh["STATUS"] = _status(status["Code"], status["Msg"], status["STATUS"])
    return fresh


def _error(msg: str, code: int = 0) -> Reply:
    return {"STATUS": _status(code, msg, "E"), "id": 1}


def _done(msg: str, code: int = 0) -> Reply:
    return {"STATUS": _status(code, msg), "id": 1}


# -- reads -------------------------------------------------------------------------------


def version(state: LuxosState) -> Reply:
    reply = _captured(captures.VERSION)
    reply["VERSION"][0]["Type"] = state.spec.name
    return reply


def config(state: LuxosState) -> Reply:
    reply = _captured(captures.CONFIG)
    entry = reply["CONFIG"][0]
    entry.update(
        {
            "Model": state.spec.name,
            "MACAddr": state.mac.lower(),
            "Profile": state.profile,
            "ProfileStep": state.profile_entry()["Step"],
            "IsAtmEnabled": state.atm,
            "RedLed": state.red_led,
            # "None" is captured; the text while curtailed is not (the curtail action's name)
            "CurtailMode": "Sleep" if state.curtailed else "None",
            "Pool Count": len(state.pools),
        }
    )
    return reply


def summary(state: LuxosState) -> Reply:
    reply = _captured(captures.SUMMARY)
    entry = reply["SUMMARY"][0]
    ghs = state.total_ghs()
    for key in ("GHS 5s", "GHS 1m", "GHS 5m", "GHS 15m", "GHS 30m"):
        entry[key] = ghs
    entry["Elapsed"] = state.uptime
    return reply


def stats(state: LuxosState) -> Reply:
    reply = _captured(captures.STATS)
    entry = reply["STATS"][1]
    for board in range(state.spec.boards):
        n = board + 1
        hashing = state.hashing(board)
        entry[f"chain_rate{n}"] = f"{state.board_mhs(board) / 1000:.2f}"
        entry[f"chain_acn{n}"] = state.spec.chips_per_board if hashing else 0
    ghs = state.total_ghs()
    entry["GHS 5s"] = ghs
    entry["Elapsed"] = state.uptime
    ideal = captures.STATS["STATS"][1]["total_rateideal"]
    entry["total_rateideal"] = round(ideal * state.rate_scale(), 1)
    entry["miner_id"] = state.mac.replace(":", "").lower()
    return reply


def devs(state: LuxosState) -> Reply:
    reply = _captured(captures.DEVS)
    for dev in reply["DEVS"]:
        board = dev["ID"]
        mhs = state.board_mhs(board)
        dev.update(
            {
                "MHS 5s": mhs,
                "MHS 1m": mhs,
                "Profile": state.profile,
                "IsRamping": state.ramping and board not in state.shutdown,
                "IsUserShutdown": board in state.shutdown,
                "Device Elapsed": state.uptime,
            }
        )
    return reply


def fans(state: LuxosState) -> Reply:
    reply = _captured(captures.FANS)
    for fan in reply["FANS"]:
        fan["Speed"] = state.fan_speed
    return reply


def power(state: LuxosState) -> Reply:
    reply = _captured(captures.POWER)
    reply["POWER"][0]["Watts"] = state.watts()
    return reply


def pools(state: LuxosState) -> Reply:
    reply = _captured(captures.POOLS)
    reply["POOLS"] = copy.deepcopy(state.pools)
    reply["STATUS"][0]["Msg"] = f"{len(state.pools)} Pool(s)"
    return reply


def events(state: LuxosState) -> Reply:
    """SLEEP while asleep, SHUTDOWN_USER per board shut down (docs api/luxminer/events
    codes; entries shaped as the captured ones)."""
    reply = _captured(captures.EVENTS)
    made = "2026-04-08T03:38:27+00:00"
    found: list[dict[str, Any]] = []
    if state.curtailed:
        found.append(
            {
                "Code": "SLEEP",
                "CreatedAt": made,
                "Description": "Miner is in Sleep mode.",
                "Target": "MINER",
            }
        )
    for board in sorted(state.shutdown):
        found.append(
            {
                "Code": "SHUTDOWN_USER",
                "CreatedAt": made,
                "Description": "Board shutdown due to user request.",
                "ID": board,
                "Target": "BOARD",
            }
        )
    reply["EVENTS"] = [*found, *copy.deepcopy(state.trouble)]
    return reply


def atm(state: LuxosState) -> Reply:
    reply = _captured(captures.ATM)
    reply["ATM"][0]["Enabled"] = state.atm
    return reply


def session(state: LuxosState) -> Reply:
    reply = _captured(captures.SESSION)
    reply["SESSION"][0]["SessionID"] = state.active_session() or ""
    return reply


def logon(state: LuxosState) -> Reply:
    opened = state.logon()
    if opened is None:
        return _error("Another session is active")
    reply = _captured(captures.LOGON)
    reply["SESSION"][0]["SessionID"] = opened
    return reply


def groups(state: LuxosState) -> Reply:
    used = {pool["GROUP"] for pool in state.pools}
    found = [dict(group) for group in captures.GROUPS if group["GROUP"] in used]
    return {"GROUPS": found, "STATUS": _status(0, f"{len(found)} Group(s)"), "id": 1}


def tempctrl(state: LuxosState) -> Reply:
    return {
        "STATUS": _status(0, "Temperature control"),
        "TEMPCTRL": [dict(captures.TEMPCTRL)],
        "id": 1,
    }


READS: dict[str, Callable[[LuxosState], Reply]] = {
    "version": version,
    "config": config,
    "summary": summary,
    "stats": stats,
    "devs": devs,
    "temps": lambda state: _captured(captures.TEMPS),
    "fans": fans,
    "power": power,
    "profiles": lambda state: _captured(captures.PROFILES),
    "pools": pools,
    "events": events,
    "atm": atm,
    "groups": groups,
    "tempctrl": tempctrl,
    "session": session,
    "logon": logon,
}


# -- controls (a session id first) ---------------------------------------------------------


class Controls:
    """The commands that take a session; ``reboot``: the simulated miner's restart."""

    def __init__(self, state: LuxosState, reboot: Callable[[], None]) -> None:
        self.state = state
        self.reboot = reboot
        self.handlers: dict[str, Callable[[list[str]], Reply]] = {
            "curtail": self.curtail,
            "profileset": self.profileset,
            "atmset": self.atmset,
            "reboot": self.board_reboot,
            "enableboard": lambda args: _done(captures.BOARD_ENABLED),
            "disableboard": lambda args: _done(captures.BOARD_DISABLED),
            "ledset": self.ledset,
            "fanset": self.fanset,
            "rebootdevice": self.rebootdevice,
            "resetminer": self.resetminer,
            "logoff": self.logoff,
        }

    def answer(self, command: str, parameter: str) -> Reply:
        given, *args = parameter.split(",")
        if not self.state.use_session(given.strip()):
            return _error(captures.INVALID_SESSION)
        return self.handlers[command]([a.strip() for a in args])

    def curtail(self, args: list[str]) -> Reply:
        action = args[0] if args else ""
        if action not in ("sleep", "wakeup"):
            return _error(f"Invalid curtail action {action!r}")
        reply = _captured(captures.CURTAIL)
        reply["CURTAIL"][0]["Action"] = "sleep mode" if action == "sleep" else "wake up"
        if action == "wakeup" and self.state.curtailed:
            self.state.ramp()
        self.state.curtailed = action == "sleep"
        return reply

    def profileset(self, args: list[str]) -> Reply:
        name = args[0] if args else ""
        try:
            self.state.profile_entry(name)
        except KeyError:
            return _error(f"Profile {name!r} not found")
        self.state.profile = name
        self.state.profile_changes += 1
        self.state.ramp()  # the boards ramp to the new frequency and voltage
        reply = _captured(captures.PROFILESET)
        reply["PROFILE"][0]["Profile"] = name
        return reply

    def atmset(self, args: list[str]) -> Reply:
        for arg in args:
            key, _, value = arg.partition("=")
            if key == "enabled" and value in ("true", "false"):
                self.state.atm = value == "true"
            else:
                return _error(f"Invalid ATM parameter {arg!r}")
        return {
            "STATUS": _status(captures.ATMSET_STATUS["Code"], captures.ATMSET_STATUS["Msg"]),
            "id": 1,
        }

    def board_reboot(self, args: list[str]) -> Reply:
        if self.state.curtailed:
            return _error(captures.ASLEEP)  # docs: reboot "will always fail" while asleep
        if not args or not args[0].isdigit() or int(args[0]) >= self.state.spec.boards:
            return _error("Invalid board")
        board = int(args[0])
        stays_off = len(args) > 1 and int(args[1]) <= 0
        if stays_off:
            self.state.shutdown.add(board)
        else:
            self.state.shutdown.discard(board)
            self.state.ramp()
        reply = _captured(captures.REBOOT)
        reply["REBOOT"][0] = {"Board": board, "IsShutdown": stays_off}
        return reply

    def ledset(self, args: list[str]) -> Reply:
        if len(args) != 2 or args[0] != "red" or args[1] not in ("on", "off", "blink", "auto"):
            return _error("Invalid LED parameters")
        self.state.red_led = args[1]
        return _done("LED set")

    def fanset(self, args: list[str]) -> Reply:
        for arg in args:
            key, _, value = arg.partition("=")
            if key != "speed" or not value.lstrip("-").isdigit() or not -1 <= int(value) <= 100:
                return _error(f"Invalid fan parameter {arg!r}")
            self.state.fan_speed = int(value)
        return _done("Fan control set")

    def rebootdevice(self, args: list[str]) -> Reply:
        self.reboot()
        return _done("Device reboot scheduled")

    def resetminer(self, args: list[str]) -> Reply:
        self.state.started = time.monotonic()
        self.state.ramp()
        return _done("LUXminer reset")

    def logoff(self, args: list[str]) -> Reply:
        self.state.expire_session()
        return _done("Session closed")


def _pool_command(state: LuxosState, command: str, parameter: str) -> Reply:
    """switchpool / removepool N, addpool URL,USER,PASS[,GROUP] (no session: pyasic and
    asic-rs send none). Pools are numbered again after a removal, as cgminer does."""
    if command == "addpool":
        url, user, password, *group = [*parameter.split(","), "", ""][:4]
        if not url or not user:
            return _error("Missing pool details")
        entry = copy.deepcopy(captures.POOLS["POOLS"][1])  # a captured pool not in use
        number = len(state.pools)
        entry.update(
            {
                "POOL": number,
                "URL": url,
                "Stratum URL": url.split("://", 1)[-1],
                "User": user,
                "GROUP": int(group[0]) if group and group[0].isdigit() else 0,
                "Priority": number,
            }
        )
        state.pool_passwords[number] = password
        state.pools.append(entry)
        return _done(f"Added pool {number}: '{url}'")
    if not parameter.strip().isdigit():
        return _error("Invalid pool")
    index = int(parameter)
    pool = next((p for p in state.pools if p["POOL"] == index), None)
    if pool is None:
        return _error(f"Invalid pool {index}")
    if command == "removepool":
        state.pools.remove(pool)
        passwords = {p["POOL"]: state.pool_passwords.get(p["POOL"], "") for p in state.pools}
        for number, entry in enumerate(state.pools):
            entry["POOL"] = number
        state.pool_passwords = {
            n: passwords[old]
            for n, old in enumerate(passwords)  # renumbered alike
        }
        return _done(f"Removed pool {index}")
    for other in state.pools:
        other["Stratum Active"] = other is pool
    return _done(f"Switching to pool {index}")


def answer_one(state: LuxosState, controls: Controls, command: str, parameter: str) -> Reply:
    if command in READS:
        return READS[command](state)
    if command in controls.handlers:
        return controls.answer(command, parameter)
    if command in ("switchpool", "removepool", "addpool"):
        return _pool_command(state, command, parameter)
    return _error("Invalid command", 14)


def answer(state: LuxosState, controls: Controls, request: Request) -> bytes:
    if request is None or not isinstance(request.get("command"), str):
        return json.dumps(_error("Invalid JSON")).encode()
    command, parameter = request["command"], str(request.get("parameter") or "")
    state.received.append(command)
    if "+" not in command:
        return json.dumps(answer_one(state, controls, command, parameter)).encode()
    joined: dict[str, Any] = {}
    for part in command.split("+"):
        joined[part] = [answer_one(state, controls, part, "")]
    joined["id"] = 1
    return json.dumps(joined).encode()
