"""BOSminer's cgminer API on TCP 4028, as its source answers (captures.py names it).

JSON only (serde's decoder: bytes that are not JSON get "Invalid JSON"), one request per
connection, each reply followed by a NUL byte. ``a+b`` joins give
``{"a": [reply], "b": [reply], "id": 1}``; a command with a parameter inside a join is
refused with "Access denied"; a single command is looked up as sent, so ``summary+``
(one name after the split) is an "Invalid command", as command.rs Receiver::handle does.
"""

from __future__ import annotations

import json
import time
from typing import TYPE_CHECKING, Any

from . import captures
from .captures import status

if TYPE_CHECKING:
    from .miner import BosminerSim

Reply = dict[str, Any]


def respond(sim: BosminerSim, data: bytes) -> bytes | None:
    text = data.strip(b" \t\r\n")
    if not text:
        return None  # the connection closed without a request: no answer
    try:
        request = json.loads(text)
    except json.JSONDecodeError, UnicodeDecodeError:
        return _encode(_error(*captures.INVALID_JSON))
    if not isinstance(request, dict):
        return _encode(_error(*captures.MISSING_COMMAND))
    command = request.get("command")
    if not isinstance(command, str):
        return _encode(_error(*captures.MISSING_COMMAND))
    names = [name for name in command.split("+") if name]
    if not names:
        return _encode(_error(*captures.INVALID_COMMAND))
    sim.heard_rpc.append(command)
    if len(names) == 1:
        return _encode(_single(sim, command, request.get("parameter"), joined=False))
    joined: dict[str, Any] = {
        name: [_single(sim, name, request.get("parameter"), joined=True)] for name in names
    }
    joined["id"] = 1
    return _encode(joined)


def _encode(reply: Reply) -> bytes:
    return json.dumps(reply, separators=(",", ":")).encode() + b"\x00"


def _now() -> int:
    return int(time.time())


def _error(code: int, message: str) -> Reply:
    return {"STATUS": [status(code, message, _now(), "E")], "id": 1}


def _ok(command: str, body_name: str | None, body: Any, count: int = 0) -> Reply:
    code, message = captures.CODES[command]
    reply: Reply = {"STATUS": [status(code, message.format(n=count), _now())]}
    if body_name is not None:
        reply[body_name] = body
    reply["id"] = 1
    return reply


def _single(sim: BosminerSim, command: str, parameter: Any, *, joined: bool) -> Reply:
    if command in captures.WITH_PARAMETER:
        if joined:
            code, message = captures.ACCESS_DENIED
            return _error(code, message.format(name=command))
        return _error(*captures.INVALID_COMMAND)  # pool commands: not simulated
    builder = _BUILDERS.get(command)
    if builder is None:
        return _error(*captures.INVALID_COMMAND)
    return builder(sim)


def _version(sim: BosminerSim) -> Reply:
    return _ok(
        "version",
        "VERSION",
        [{captures.SIGNATURE: captures.VERSION, "API": captures.API_VERSION}],
    )


def _summary(sim: BosminerSim) -> Reply:
    live = sim.live()
    total = sum(live.chain_mhs)
    body = {
        "Elapsed": live.elapsed,
        "MHS av": total,
        "MHS 5s": total,
        "MHS 1m": total,
        "MHS 5m": total,
        "MHS 15m": total,
        "Found Blocks": 0,
        "Getworks": live.accepted,
        "Accepted": live.accepted,
        "Rejected": live.rejected,
        "Hardware Errors": 0,
        "Utility": 0.0,
        "Discarded": 0,
        "Stale": 0,
        "Get Failures": 0,
        "Local Work": 0,
        "Remote Failures": 0,
        "Network Blocks": 0,
        "Total MH": total * live.elapsed,
        "Work Utility": 0.0,
        "Difficulty Accepted": float(live.accepted * 8192),
        "Difficulty Rejected": float(live.rejected * 8192),
        "Difficulty Stale": 0.0,
        "Best Share": 0,
        "Device Hardware%": 0.0,
        "Device Rejected%": 0.0,
        "Pool Rejected%": 0.0,
        "Pool Stale%": 0.0,
        "Last getwork": _now(),
        "MHS 24h": total,
    }
    return _ok("summary", "SUMMARY", [body])


def _devs(sim: BosminerSim) -> Reply:
    live = sim.live()
    spec = sim.spec
    devs = []
    for index, (chain, rate) in enumerate(zip(spec.chain_ids, live.chain_mhs, strict=True)):
        devs.append(
            {
                "ASC": index,
                "Name": "",
                "ID": chain,
                "Enabled": "Y",
                "Status": "Alive",
                "Temperature": 0.0,
                "MHS av": rate,
                "MHS 5s": rate,
                "MHS 1m": rate,
                "MHS 5m": rate,
                "MHS 15m": rate,
                "Accepted": 0,
                "Rejected": 0,
                "Hardware Errors": 0,
                "Utility": 0.0,
                "Last Share Pool": -1,
                "Last Share Time": _now(),
                "Total MH": rate * live.elapsed,
                "Diff1 Work": 0,
                "Difficulty Accepted": 0.0,
                "Difficulty Rejected": 0.0,
                "Last Share Difficulty": 0.0,
                "Last Valid Work": _now(),
                "Device Hardware%": 0.0,
                "Device Rejected%": 0.0,
                "Device Elapsed": live.elapsed,
                "Hardware Error MHS 15m": 0.0,
                "Nominal MHS": spec.nominal_mhs,
            }
        )
    return _ok("devs", "DEVS", devs, len(devs))


def _devdetails(sim: BosminerSim) -> Reply:
    details = [
        {
            "DEVDETAILS": index,
            "Name": f"Hash Chain {chain}",
            "ID": chain,
            "Driver": "",
            "Kernel": "",
            "Model": captures.DEVDETAILS_MODEL,
            "Device Path": "",
            "Voltage": voltage,
            "Frequency": frequency,
            "Chips": sim.spec.chips,
            "Cores": sim.spec.chips * captures.CORES_PER_CHIP,
        }
        for index, (chain, frequency, voltage) in enumerate(captures.DEVDETAILS_CHAINS)
    ]
    return _ok("devdetails", "DEVDETAILS", details, len(details))


def _temps(sim: BosminerSim) -> Reply:
    temps = [
        {"TEMP": index, "ID": chain, "Board": board, "Chip": chip}
        for index, (chain, board, chip) in enumerate(sim.live().temps)
    ]
    return _ok("temps", "TEMPS", temps, len(temps))


def _fans(sim: BosminerSim) -> Reply:
    live = sim.live()
    fans = [
        {"FAN": index, "ID": index, "Speed": live.fan_percent, "RPM": rpm}
        for index, rpm in enumerate(live.fan_rpm)
    ]
    return _ok("fans", "FANS", fans, len(fans))


def _tempctrl(sim: BosminerSim) -> Reply:
    return _ok("tempctrl", "TEMPCTRL", [dict(captures.TEMPCTRL)])


def _tunerstatus(sim: BosminerSim) -> Reply:
    live = sim.live()
    chains = len(sim.spec.chain_ids)
    per_chain = (live.power - captures.CONTROL_BOARD_WATTS) // chains if live.power else 0
    limit_per_chain = (sim.state.power_limit - captures.CONTROL_BOARD_WATTS) // chains
    body = {
        "ApproximateChainPowerConsumption": per_chain * chains,
        "ApproximateMinerPowerConsumption": live.power,
        "DynamicPowerScaling": "Disabled",
        "PowerLimit": sim.state.power_limit,
        "TunerChainStatus": [
            {
                "ApproximatePowerConsumptionWatt": per_chain,
                "HashchainIndex": chain,
                "Iteration": 0,
                "LoadedProfileCreatedOn": int(sim.state.profile_created),
                "PowerLimitWatt": limit_per_chain,
                "StageElapsed": live.elapsed,
                "Status": live.tuner_status,
                "TunerRunning": live.tuner_status != captures.TUNER_STABLE,
                "TuningElapsed": live.elapsed,
            }
            for chain in sim.spec.chain_ids
        ],
    }
    return _ok("tunerstatus", "TUNERSTATUS", [body])


def _pools(sim: BosminerSim) -> Reply:
    live = sim.live()
    pools = []
    for index, (url, user) in enumerate(sim.state.pools):
        active = index == 0 and not sim.state.paused
        pools.append(
            {
                "POOL": index,
                "URL": url,
                "Status": "Alive",
                "Priority": index,
                "Quota": 1,
                "Long Poll": "N",
                "Getworks": live.accepted if index == 0 else 0,
                "Accepted": live.accepted if index == 0 else 0,
                "Rejected": live.rejected if index == 0 else 0,
                "Works": 0,
                "Discarded": 0,
                "Stale": 0,
                "Get Failures": 0,
                "Remote Failures": 0,
                "User": user,
                "Last Share Time": _now() if index == 0 else 0,
                "Diff1 Shares": 0,
                "Proxy Type": "",
                "Proxy": "",
                "Difficulty Accepted": float(live.accepted * 8192) if index == 0 else 0.0,
                "Difficulty Rejected": float(live.rejected * 8192) if index == 0 else 0.0,
                "Difficulty Stale": 0.0,
                "Last Share Difficulty": 8192.0 if index == 0 else 0.0,
                "Work Difficulty": 8192.0,
                "Has Stratum": True,
                "Stratum Active": active,
                "Stratum URL": url.split("://", 1)[-1].split("/", 1)[0],
                "Stratum Difficulty": 8192.0,
                "Has Vmask": True,
                "Has GBT": False,
                "Best Share": 0,
                "Pool Rejected%": 0.0,
                "Pool Stale%": 0.0,
                "Bad Work": 0,
                "Current Block Height": 0,
                "Current Block Version": 536870912,
                "AsicBoost": True,
            }
        )
    return _ok("pools", "POOLS", pools, len(pools))


def _pause(sim: BosminerSim) -> Reply:
    sim.state.paused = True
    return _ok("pause", "PAUSE", [True])


def _resume(sim: BosminerSim) -> Reply:
    sim.state.paused = False
    return _ok("resume", "RESUME", [True])


_BUILDERS = {
    "version": _version,
    "summary": _summary,
    "devs": _devs,
    "edevs": _devs,
    "devdetails": _devdetails,
    "temps": _temps,
    "fans": _fans,
    "tempctrl": _tempctrl,
    "tunerstatus": _tunerstatus,
    "pools": _pools,
    "pause": _pause,
    "resume": _resume,
}
