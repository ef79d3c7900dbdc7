"""The replies of a simulated Braiins OS REST miner: each a copy of its capture with the
live figures of the simulated state written over (captures.py names each source).

Hashrates and power follow the power target the tuner holds (in proportion to the captured
target, as the tuner trades one for the other, up to TUNER_HEADROOM over the model's
default); a paused miner reports none.
"""

from __future__ import annotations

import copy
import hashlib
from typing import Any

from .models import BosRestSpec
from .state import TUNER_MODE_HASHRATE, BosRestState

MINER_STATUS_NORMAL = 2  # miner.proto MinerStatus
MINER_STATUS_PAUSED = 3
# The most over the model's default power target the tuner drives the boards, hashrate and
# draw in proportion (not captured: an assumption, so that a target near the 6435 W the
# constraints allow is not reported as drawn).
TUNER_HEADROOM = 1.25


def mac_for(spec: BosRestSpec, address: str) -> str:
    raw = bytearray(hashlib.sha256(f"{spec.prefix}@{address}".encode()).digest()[:6])
    raw[0] = (raw[0] & 0xFC) | 0x02  # unicast, locally administered (as the captures' 02:…)
    return ":".join(f"{b:02x}" for b in raw)


def scale(spec: BosRestSpec, state: BosRestState) -> float:
    """How far the figures are from the capture's: 0 while paused."""
    if state.paused:
        return 0.0
    captured = spec.capture("CONFIGURATION_MINER")["tuner"]["power_target"]["watt"]
    if state.tuner_mode == TUNER_MODE_HASHRATE and state.hashrate_target is not None:
        nominal = spec.capture("MINER_STATS")["miner_stats"]["nominal_hashrate"]
        return state.hashrate_target * 1000 / nominal["gigahash_per_second"]
    return min(state.power_target, spec.power_default * TUNER_HEADROOM) / captured


def _scaled_rates(rates: dict[str, Any], factor: float) -> None:
    for window in rates.values():
        if isinstance(window, dict):
            for unit, value in window.items():
                window[unit] = value * factor


def details(spec: BosRestSpec, state: BosRestState, address: str) -> dict[str, Any]:
    reply = copy.deepcopy(spec.capture("MINER_DETAILS"))
    reply["mac_address"] = mac_for(spec, address)
    reply["status"] = MINER_STATUS_PAUSED if state.paused else MINER_STATUS_NORMAL
    reply["bosminer_uptime_s"] = state.bosminer_uptime()
    reply["system_uptime"] = reply["system_uptime_s"] = state.system_uptime()
    return reply


def stats(spec: BosRestSpec, state: BosRestState) -> dict[str, Any]:
    reply = copy.deepcopy(spec.capture("MINER_STATS"))
    factor = scale(spec, state)
    _scaled_rates(reply["miner_stats"]["real_hashrate"], factor)
    consumption = reply["power_stats"]["approximated_consumption"]
    consumption["watt"] = round(consumption["watt"] * factor)
    return reply


def hashboards(spec: BosRestSpec, state: BosRestState) -> dict[str, Any]:
    reply = copy.deepcopy(spec.capture("MINER_HW_HASHBOARDS"))
    factor = scale(spec, state)
    for board in reply["hashboards"]:
        _scaled_rates(board["stats"]["real_hashrate"], factor)
    return reply


def tuner_state(spec: BosRestSpec, state: BosRestState) -> dict[str, Any]:
    reply = copy.deepcopy(spec.capture("PERFORMANCE_TUNER_STATE"))
    if state.tuner_mode == TUNER_MODE_HASHRATE:
        # HashrateTargetModeState of the OpenAPI (no capture holds one)
        target = {"terahash_per_second": state.hashrate_target}
        reply["mode_state"] = {
            "hashratetargetmodestate": {"current_target": target, "profile": None}
        }
    else:
        mode = reply["mode_state"]["powertargetmodestate"]
        mode["current_target"]["watt"] = state.power_target
        mode["profile"]["target"]["watt"] = state.power_target
    return reply


def configuration(spec: BosRestSpec, state: BosRestState, *, cooling: bool) -> dict[str, Any]:
    reply = copy.deepcopy(spec.capture("CONFIGURATION_MINER"))
    tuner = reply["tuner"]
    tuner["tuner_mode"] = state.tuner_mode
    tuner["power_target"] = {"watt": state.power_target}
    tuner["hashrate_target"] = (
        {"terahash_per_second": state.hashrate_target}
        if state.hashrate_target is not None
        else None
    )
    if cooling:
        # CoolingConfiguration of the OpenAPI: the captures have no "temperature" key.
        reply["temperature"] = {"minimum_required_fans": None, "mode": {state.cooling: {}}}
    return reply


def constraints(spec: BosRestSpec) -> dict[str, Any]:
    """GetConstraintsResponse (OpenAPI schema; the bounds are the model row's)."""
    return {
        "cooling_constraints": None,
        "dps_constraints": None,
        "hashboards_constraints": None,
        "tuner_constraints": {
            "default_mode": 1,
            "enabled": {"default": True},
            "hashrate_target": {
                "default": {"terahash_per_second": spec.hashrate_default},
                "max": {"terahash_per_second": spec.hashrate_max},
                "min": {"terahash_per_second": spec.hashrate_min},
            },
            "power_target": {
                "default": {"watt": spec.power_default},
                "max": {"watt": spec.power_max},
                "min": {"watt": spec.power_min},
            },
        },
    }


def pools(spec: BosRestSpec, state: BosRestState) -> list[dict[str, Any]]:
    """pools/: the configured groups without their passwords, the captured counters on
    the pools the capture has, zeros on new ones, the first pool active unless paused."""
    captured = {
        (p["url"], p["user"]): p["stats"] for g in spec.capture("POOLS") for p in g["pools"]
    }
    template = copy.deepcopy(spec.capture("POOLS")[0])
    reply: list[dict[str, Any]] = []
    first = True
    for number, group in enumerate(state.groups):
        listed = []
        for index, pool in enumerate(group["pools"]):
            counters = captured.get((pool["url"], pool["user"]))
            if counters is None:
                counters = dict.fromkeys(template["pools"][0]["stats"], 0)
                counters["last_share_time"] = None
            listed.append(
                {
                    "active": first and not state.paused,
                    "alive": True,
                    "enabled": pool.get("enabled", True),
                    "stats": copy.deepcopy(counters),
                    "uid": pool.get("uid") or f"pool{number}x{index}",
                    "url": pool["url"],
                    "user": pool["user"],
                }
            )
            first = False
        reply.append({"name": group["name"], "pools": listed, "strategy": template["strategy"]})
    return reply


def network(spec: BosRestSpec, address: str) -> dict[str, Any]:
    reply = copy.deepcopy(spec.capture("NETWORK"))
    reply["mac_address"] = mac_for(spec, address)
    reply["networks"][0]["address"] = address
    return reply
