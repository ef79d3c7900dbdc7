"""The JSON a simulated ESP-Miner answers, written over its captured template.

A reply has the fields its capture has and no others (captures.py): the live ones are
overwritten from the state and the telemetry snapshot, the rest stay as captured.
"""

from __future__ import annotations

import copy
import json
import time
from typing import Any

from .models import BestDiff, EspSpec
from .state import EspState, PoolSlot
from .telemetry import Snapshot

POOL_SETUP_SECONDS = 5

QUIRKS: dict[str, str] = {
    # The NerdQAxe++ capture (ESP-Miner issue #1769): BM1370 chips without a readable
    # sensor, every entry of asicTemps 0 while "temp" has the board's reading.
    "asic-temps-zero": "NerdOS: asicTemps all 0 (no per-chip sensor on BM1370 boards)",
    # shufps/ESP-Miner-NerdQAxePlus issue #252 (v1.0.31): History::getCurrentHashrate1h()
    # and 1d() returned the 10-minute average.
    "averages-copy-10m": "NerdOS v1.0.31: hashRate_1h and hashRate_1d carry the 10 m average",
}


def check_quirks(names: tuple[str, ...] | list[str]) -> tuple[str, ...]:
    for name in names:
        if name not in QUIRKS:
            raise ValueError(f"unknown quirk {name!r}; known: {', '.join(QUIRKS)}")
    return tuple(dict.fromkeys(names))


_SUFFIXES = ((10**18, "E"), (10**15, "P"), (10**12, "T"), (10**9, "G"), (10**6, "M"))


def best_diff(value: int, style: BestDiff) -> int | str:
    """bestDiff as the build writes it (main/system.c _suffix_string of each version):
    the value cut to three digits of its unit, then printed with the build's format."""
    if style is BestDiff.NUMBER:
        return value
    for limit, suffix in _SUFFIXES:
        if value >= limit:
            return style.value % ((value // (limit // 1000)) / 1000, suffix)
    if value >= 1000:
        return style.value % (value / 1000, "k")
    return f"{value}{' ' if style is BestDiff.F2_SPACE else ''}"


def dumps(reply: Any, formatted: bool) -> bytes:
    """cJSON_Print's layout (tabs, ":\\t") for builds that print formatted, else compact."""
    if formatted:
        return json.dumps(reply, indent="\t", separators=(",", ":\t")).encode()
    return json.dumps(reply, separators=(",", ":")).encode()


def system_info(
    spec: EspSpec,
    state: EspState,
    snap: Snapshot,
    *,
    mac: str,
    ip: str,
    quirks: tuple[str, ...],
) -> dict[str, Any]:
    info = copy.deepcopy(spec.info)
    build = spec.firmware
    live: dict[str, Any] = {
        "power": snap.power,
        "voltage": snap.input_mv,
        "current": snap.current_ma,
        "currentA": round(snap.current_ma / 1000, 4),
        "temp": snap.asic_temp,
        "temp2": snap.asic_temp2 if snap.asic_temp2 is not None else info.get("temp2"),
        "vrTemp": snap.vr_temp,
        "hashRate": snap.hashrate_ghs,
        "expectedHashrate": snap.expected_ghs,
        "coreVoltage": state.core_voltage,
        "coreVoltageActual": snap.core_voltage_actual,
        "frequency": _number(state.frequency),
        "actualFrequency": _number(state.frequency),
        "macAddr": mac,
        "hostname": state.hostname,
        "hostip": ip,
        "ipv4": ip,
        "sharesAccepted": snap.accepted,
        "sharesRejected": state.shares_rejected,
        "uptimeSeconds": snap.uptime,
        "totalUptimeSeconds": snap.uptime,
        "bestDiff": best_diff(state.best_diff, build.best_diff),
        "bestSessionDiff": best_diff(state.session_best, build.best_diff),
        "isUsingFallbackStratum": int(state.using_fallback),
        "autofanspeed": state.auto_fan,
        "manualFanSpeed": state.manual_fan,
        "temptarget": state.temp_target,
        "pidTargetTemp": state.temp_target,
        "fanspeed": _fan_duty(info.get("fanspeed"), snap.fan_percent),
        "fanrpm": snap.fan_rpm,
        "fanrpm2": snap.fan2_rpm,
        "miningPaused": state.paused,
        "statsFrequency": state.stats_frequency,
        "overclockEnabled": state.overclock,
        "sharesRejectedReasons": [{"message": m, "count": c} for m, c in state.rejections.items()],
        "poolConnectionInfo": "IPv4" if not state.paused else info.get("poolConnectionInfo"),
        # The pool sets its difficulty a few seconds after boot (the v2.4.5 capture, at 4 s,
        # still has 0); 1000 is the firmware's suggested difficulty (CONFIG_STRATUM_DIFFICULTY).
        "stratumDiff": 0 if snap.uptime < POOL_SETUP_SECONDS else 1000,
    }
    for window, value in snap.averages.items():
        live[f"hashRate_{window}"] = value
    if "averages-copy-10m" in quirks and "10m" in snap.averages:
        live["hashRate_1h"] = live["hashRate_1d"] = snap.averages["10m"]
    for key, value in live.items():
        if key in info:
            info[key] = value
    _pool_fields(info, state)
    _nerdos_fields(info, state, snap, quirks)
    if "hashrateMonitor" in info:
        _monitor(info["hashrateMonitor"], snap)
    return info


def _number(value: float) -> int | float:
    return int(value) if float(value).is_integer() else value


def _fan_duty(captured: Any, duty: float) -> int | float:
    """v2.12.2 writes the duty as a float (48.4200668), older builds and NerdOS as whole %."""
    return duty if isinstance(captured, float) else round(duty)


def _pool_fields(info: dict[str, Any], state: EspState) -> None:
    """The primary and fallback slots in the legacy fields, and v2.15's list of slots."""
    for prefix, slot in (("stratum", state.primary), ("fallbackStratum", state.secondary)):
        pool = state.pools.get(slot) or PoolSlot("", 0, "")
        for name, value in (("URL", pool.url), ("Port", pool.port), ("User", pool.user)):
            if prefix + name in info:
                info[prefix + name] = value
        if prefix + "TLS" in info:
            info[prefix + "TLS"] = (
                bool(pool.tls) if isinstance(info[prefix + "TLS"], bool) else pool.tls
            )
    if "primaryPoolIndex" in info:
        info["primaryPoolIndex"], info["secondaryPoolIndex"] = state.primary, state.secondary
    if "pools" in info:
        info["pools"] = [_slot_json(i, p) for i, p in sorted(state.pools.items()) if p.url]


def _slot_json(index: int, pool: PoolSlot) -> dict[str, Any]:
    # system_api_json.c v2.15.0: the password is never shown, "*****" in its place.
    return {
        "id": index,
        "stratumProtocol": "SV1",
        "stratumURL": pool.url,
        "stratumPort": pool.port,
        "stratumUser": pool.user,
        "stratumPassword": "*****",
        "stratumSuggestedDifficulty": 1000,
        "stratumExtranonceSubscribe": False,
        "stratumTLS": pool.tls,
        "stratumCert": "",
        "stratumDecodeCoinbase": True,
        "stratumV2ChannelType": "extended",
        "stratumV2AuthorityPubkey": "",
        "stratumV2RequireAuth": False,
    }


def _nerdos_fields(
    info: dict[str, Any], state: EspState, snap: Snapshot, quirks: tuple[str, ...]
) -> None:
    if "asicTemps" in info:
        count = len(info["asicTemps"])
        temps = [0.0] * count if "asic-temps-zero" in quirks else [snap.asic_temp] * count
        info["asicTemps"] = temps
    if "stratum" in info:
        stratum = info["stratum"]
        stratum["usingFallback"] = state.using_fallback
        for pool in stratum.get("pools", []):
            pool["connected"] = not state.paused
            pool["accepted"] = snap.accepted
            pool["rejected"] = state.shares_rejected
        stratum["totalBestDiff"] = state.best_diff
    if info.get("fans"):
        fan = info["fans"][0]
        fan.update(mode=state.auto_fan, manualSpeed=state.manual_fan, rpm=snap.fan_rpm)
        fan["speedPerc"] = round(snap.fan_percent)
        fan["pid"]["targetTemp"] = state.temp_target
    if "shutdown" in info:
        info["shutdown"] = False


def _monitor(monitor: dict[str, Any], snap: Snapshot) -> None:
    asics = monitor.get("asics", [])
    for asic in asics:
        share = snap.hashrate_ghs / max(len(asics), 1)
        domains = asic.get("domains", [])
        asic["total"] = round(share, 4)
        asic["domains"] = [round(share / max(len(domains), 1), 4) for _ in domains]


def system_asic(spec: EspSpec) -> dict[str, Any]:
    """GET /api/system/asic: the NerdOS capture, or asic_settings.c of v2.12/v2.15 (field
    order as there; values from the board row of device_config.h). The shape before
    hashDomains was added is that of a Supra's reply in shufps/ESP-Miner-NerdQAxePlus
    issue #242."""
    if spec.asic_reply is not None:
        return copy.deepcopy(spec.asic_reply)
    return {
        "ASICModel": spec.asic,
        "deviceModel": spec.family,
        "swarmColor": spec.swarm_color,
        "asicCount": spec.asic_count,
        "hashDomains": 4,
        "defaultFrequency": spec.default_frequency,
        "frequencyOptions": list(spec.frequency_options),
        "defaultVoltage": spec.default_voltage,
        "voltageOptions": list(spec.voltage_options),
    }


STATISTICS_LABELS = (
    "hashrate",
    "hashrate_1m",
    "hashrate_10m",
    "hashrate_1h",
    "errorPercentage",
    "asicTemp",
    "asicTemp2",
    "vrTemp",
    "asicVoltage",
    "voltage",
    "power",
    "current",
    "fanSpeed",
    "fanRpm",
    "fan2Rpm",
    "wifiRssi",
    "freeHeap",
    "responseTime",
)


def statistics(state: EspState, snap: Snapshot, columns: str | None) -> dict[str, Any]:
    """GET /api/system/statistics (http_server.c GET_system_statistics, v2.12): one row
    every statsFrequency seconds since boot; none while data logging is off (0)."""
    wanted = [c for c in (columns or "").split(",") if c in STATISTICS_LABELS]
    labels = wanted or list(STATISTICS_LABELS)
    values = {
        "hashrate": snap.hashrate_ghs,
        "hashrate_1m": snap.averages.get("1m", snap.hashrate_ghs),
        "hashrate_10m": snap.averages.get("10m", snap.hashrate_ghs),
        "hashrate_1h": snap.averages.get("1h", snap.hashrate_ghs),
        "errorPercentage": 0.0,
        "asicTemp": snap.asic_temp,
        "asicTemp2": snap.asic_temp2 if snap.asic_temp2 is not None else -1,
        "vrTemp": snap.vr_temp,
        "asicVoltage": snap.core_voltage_actual,
        "voltage": snap.input_mv,
        "power": snap.power,
        "current": snap.current_ma,
        "fanSpeed": snap.fan_percent,
        "fanRpm": snap.fan_rpm,
        "fan2Rpm": snap.fan2_rpm,
        "wifiRssi": -44,
        "freeHeap": 8212708,
        "responseTime": 188.482,
    }
    rows: list[list[float]] = []
    if state.stats_frequency > 0:
        uptime_ms = snap.uptime * 1000
        step = state.stats_frequency * 1000
        for stamp in range(max(0, uptime_ms - 9 * step), uptime_ms + 1, step):
            rows.append([values[label] for label in labels] + [stamp])
    now_ms = int((time.monotonic() - state.booted_at + state.uptime_offset) * 1000)
    return {"currentTimestamp": now_ms, "labels": [*labels, "timestamp"], "statistics": rows}
