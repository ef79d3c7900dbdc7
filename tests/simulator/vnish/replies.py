"""The bodies a simulated VNish miner answers, from the captures (captures.py) and its state.

Keys by source: summary, chains, pools and fans as the RC3 / HYDRO128 captures; "throttled"
(1.3 on) and "restart_count" as the 1.3.4 schema; /info, /status and /perf-summary as
DOC126; GET /settings as the schema's ViewConfig (no capture shows it: the firmware answers
nothing without a token).
"""

from __future__ import annotations

import copy
from typing import Any

from . import captures
from .models import VnishSpec
from .state import VnishState

STOPPED_PCB = {"min": 22, "max": 30}  # RC5: chains not hashing
STOPPED_CHIP = {"min": 37, "max": 45}


def rate_and_power(state: VnishState) -> tuple[float, float]:
    """TH/s and W the miner runs at: its preset's figures (stock for "disabled"), held
    to the throttle; nothing while it does not hash."""
    spec = state.spec
    if not state.hashing:
        return 0.0, 0.0
    preset = state.current
    ths = preset.ths if preset is not None and preset.ths else spec.stock_ths
    watts = preset.watts if preset is not None and preset.watts else spec.stock_watts
    share = state.throttle / 100 if spec.throttle else 1.0
    return ths * share, watts * share


def uptime_text(seconds: int) -> str:
    """busybox uptime's "3 days,  4:00" / " 1:00" (the captures' system.uptime)."""
    days, rest = divmod(seconds, 86_400)
    clock = f"{rest // 3600:2d}:{rest % 3600 // 60:02d}"
    if not days:
        return clock
    return f"{days} day{'s' if days != 1 else ''}, {clock}"


def miner_type(spec: VnishSpec) -> str:
    return f"{spec.name} (Vnish {spec.version})"


def chains(state: VnishState) -> list[dict[str, Any]]:
    spec = state.spec
    ths, watts = rate_and_power(state)
    ideal = round(ths * 1000 / spec.boards, 2)
    result = []
    for index in range(spec.boards):
        chain = copy.deepcopy(spec.chain)
        factor = captures.RC3_CHAIN_FACTORS[index % len(captures.RC3_CHAIN_FACTORS)]
        chain["id"] = index + 1
        chain["hashrate_ideal"] = ideal
        chain["hashrate_rt"] = round(ideal * factor, 3)
        chain["hashrate_percentage"] = round(factor * 100, 2) if state.hashing else 0.0
        chain["power_consumption"] = round(watts / spec.boards)
        chips = spec.chips_per_board
        if state.hashing:
            orange = chain["chip_statuses"].get("orange", 0)
            chain["chip_statuses"] = {"red": 0, "orange": orange, "grey": chips - orange}
        else:
            chain["chip_statuses"] = {"red": chips, "orange": 0, "grey": 0}
            chain["pcb_temp"], chain["chip_temp"] = dict(STOPPED_PCB), dict(STOPPED_CHIP)
            chain["frequency"] = 0.0
        chain["status"] = {"state": "mining" if state.hashing else "stopped"}
        result.append(chain)
    return result


def _range(chains_: list[dict[str, Any]], key: str) -> dict[str, int]:
    lows = [c[key]["min"] for c in chains_] or [0]
    highs = [c[key]["max"] for c in chains_] or [0]
    return {"min": min(lows), "max": max(highs)}


def shares(state: VnishState) -> int:
    ths, _ = rate_and_power(state)
    return int(state.uptime * ths / 4000)


def summary_pools(state: VnishState) -> list[dict[str, Any]]:
    result = []
    for index, pool in enumerate(state.pools):
        item = copy.deepcopy(captures.RC3_POOL)
        active = index == 0 and state.hashing
        item.update(
            id=index,
            url=pool.url,
            user=pool.user,
            status="active" if active else "working",
            accepted=shares(state) if active else 0,
            rejected=shares(state) // 500 if active else 0,
        )
        result.append(item)
    result.append({**captures.RC3_DEVFEE_POOL, "id": len(result)})
    return result


def cooling(state: VnishState) -> dict[str, Any]:
    spec = state.spec
    if spec.hydro:
        return copy.deepcopy(captures.HYDRO128_COOLING)
    fans = [
        {"id": n, "rpm": rpm, "status": "ok", "max_rpm": 6500}
        for n, rpm in enumerate(captures.RC3_FAN_RPM[: spec.fans])
    ]
    return {
        "fan_num": spec.fans,
        "fans": fans,
        "settings": {"mode": {"name": "manual"}},
        "fan_duty": 100,
    }


def miner_status(state: VnishState) -> dict[str, Any]:
    status: dict[str, Any] = {
        "miner_state": state.miner_state,
        "miner_state_time": state.state_seconds,
    }
    if state.spec.throttle:
        status["throttled"] = state.throttle
    return status


def summary(state: VnishState) -> dict[str, Any]:
    spec = state.spec
    ths, watts = rate_and_power(state)
    chain_list = chains(state)
    gh = round(sum(c["hashrate_rt"] for c in chain_list), 2)
    ideal = round(sum(c["hashrate_ideal"] for c in chain_list), 2)
    efficiency = round(watts / ths, 2) if ths else 0.0
    body: dict[str, Any] = {
        "miner_status": miner_status(state),
        "miner_type": miner_type(spec),
        **captures.RC3_MINER,
        "hr_stock": round(spec.stock_ths * 1000, 2),
        "average_hashrate": round(gh / 1000, 5),
        "instant_hashrate": round(gh / 1000, 5),
        "hr_realtime": gh,
        "hr_nominal": ideal,
        "hr_average": gh,
        "pcb_temp": _range(chain_list, "pcb_temp"),
        "chip_temp": _range(chain_list, "chip_temp"),
        "power_consumption": round(watts),
        # 1.2 builds: watts (RC3 has it equal to power_consumption); 1.3: efficiency
        "power_usage": efficiency if spec.throttle else round(watts),
        "power_efficiency": efficiency,
        "devfee": round(gh * 0.01842, 5),
        "pools": summary_pools(state),
        "cooling": cooling(state),
        "chains": chain_list,
    }
    if spec.throttle:
        body["restart_count"] = state.restart_count
    return {"miner": body}


def info(state: VnishState, mac: str, ip: str) -> dict[str, Any]:
    spec = state.spec
    return {
        "miner": spec.name,
        "model": spec.code,
        **captures.DOC126_BUILD,
        "fw_version": spec.version,
        "platform": spec.platform,
        "system": {
            **captures.DOC126_SYSTEM,
            "miner_name": spec.code,
            "network_status": {
                "mac": mac,
                "dhcp": True,
                "ip": ip,
                "netmask": "255.255.255.0",
                "gateway": "127.0.0.1",
                "dns": ["127.0.0.1"],
                "hostname": state.hostname,
            },
            "uptime": uptime_text(state.uptime),
        },
    }


def status(state: VnishState) -> dict[str, Any]:
    return {
        **miner_status(state),
        "find_miner": state.find_miner,
        "restart_required": bool(state.pending),
        "reboot_required": False,
        "unlocked": False,
    }


def perf_summary(state: VnishState) -> dict[str, Any]:
    preset = state.current
    current: dict[str, Any] | None = preset.item() if preset is not None else None
    if current is not None and preset is not None and preset.name == "disabled":
        current["globals"] = {"volt": 1380, "freq": 675}
    return {"current_preset": current, "preset_switcher": captures.DOC126_PRESET_SWITCHER}


def presets(state: VnishState) -> list[dict[str, Any]]:
    return [p.item() for p in state.presets]


def settings(state: VnishState) -> dict[str, Any]:
    spec = state.spec
    mode: dict[str, Any] = {"name": "immers"} if spec.hydro else {"name": "manual", "param": 100}
    cooling_settings: dict[str, Any] = {
        "mode": mode,
        "fan_min_count": 0 if spec.hydro else spec.fans,
        "fan_min_duty": 10,
        "fan_max_duty": 100,
    }
    if spec.hydro:
        cooling_settings["min_startup_water_temp"] = 20
    return {
        "miner": {
            "cooling": cooling_settings,
            "misc": {"quiet_mode": False},
            "overclock": {
                "preset": state.preset,
                "globals": {"volt": 1380, "freq": 675},
                "modded_psu": False,
                "preset_switcher": captures.DOC126_PRESET_SWITCHER,
            },
            "pools": [{"url": p.url, "user": p.user, "pass": p.password} for p in state.pools],
        },
        "password": None,
        "ui": {},
        "regional": {},
        "network": {},
    }


def save_result(restart: bool) -> dict[str, bool]:
    return {"restart_required": restart, "reboot_required": False}
