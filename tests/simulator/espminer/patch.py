"""PATCH /api/system: how each build takes a settings change.

v2.12 / v2.15 (http_server.c check_settings_and_update): every known key is checked against
the NVS table (main/nvs_config.c: type and range); one bad key and nothing is stored,
400 "Wrong API input". Unknown keys are ignored. v2.4.5 (PATCH_update_settings) stores what
it is given without a check, cJSON's valueint for numbers. NerdOS (handler_system.cpp) takes
a key only when it has the right JSON type (ArduinoJson is<uint16_t>()), else skips it.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from typing import Any

from .models import EspSpec
from .state import POOL_SLOTS, EspState, PoolSlot

STR_LIMIT = 3999  # NVS_STR_LIMIT
U16 = 65535


@dataclass(frozen=True, slots=True)
class Rule:
    kind: str  # "str" (length), "u16"/"i32" (valueint), "float" (valuedouble), "bool"
    low: int
    high: float


# main/nvs_config.c at v2.12.2 (rest_name, type, min, max); v2.15.0 drops the pool keys
# for "pools", primaryPoolIndex and secondaryPoolIndex.
_COMMON = {
    "ssid": Rule("str", 1, 32),
    "wifiPass": Rule("str", 0, 63),
    "hostname": Rule("str", 1, 32),
    "useFallbackStratum": Rule("bool", 0, 1),
    "frequency": Rule("float", 1, U16),
    "coreVoltage": Rule("u16", 1, U16),
    "overclockEnabled": Rule("bool", 0, 1),
    "display": Rule("str", 0, STR_LIMIT),
    "rotation": Rule("u16", 0, 270),
    "invertscreen": Rule("bool", 0, 1),
    "displayOffset": Rule("u16", 0, 255),
    "displayTimeout": Rule("i32", -1, U16),
    "autofanspeed": Rule("bool", 0, 1),
    "manualFanSpeed": Rule("u16", 0, 100),
    "minFanSpeed": Rule("u16", 0, 99),
    "temptarget": Rule("u16", 35, 66),
    "overheat_mode": Rule("bool", 0, 0),
    "statsFrequency": Rule("u16", 0, U16),
}
_LEGACY_POOLS = {
    f"{prefix}{name}": rule
    for prefix in ("stratum", "fallbackStratum")
    for name, rule in (
        ("URL", Rule("str", 0, STR_LIMIT)),
        ("Port", Rule("u16", 0, U16)),
        ("User", Rule("str", 0, STR_LIMIT)),
        ("Password", Rule("str", 0, STR_LIMIT)),
        ("SuggestedDifficulty", Rule("u16", 0, U16)),
        ("ExtranonceSubscribe", Rule("bool", 0, 1)),
    )
}
RULES_2_12 = _COMMON | _LEGACY_POOLS
RULES_2_15 = _COMMON | {
    "primaryPoolIndex": Rule("u16", 0, POOL_SLOTS - 1),
    "secondaryPoolIndex": Rule("u16", 0, POOL_SLOTS - 1),
}


@dataclass(frozen=True, slots=True)
class Answer:
    status: int
    body: bytes = b""
    content_type: str = "text/html"


BAD_INPUT = Answer(400, b"Wrong API input")
BAD_JSON = Answer(400, b"Invalid JSON")


def apply(spec: EspSpec, state: EspState, raw: bytes) -> Answer:
    try:
        body = json.loads(raw)
    except ValueError:
        return BAD_JSON
    if not isinstance(body, dict):
        # cJSON_GetObjectItem of a non-object finds nothing: nothing changes.
        return Answer(200)
    build = spec.firmware
    if build.name == "NerdOS":
        _nerdos(state, body)
        return Answer(200)
    if not build.validates_patch:
        _unchecked(state, body)
        return Answer(200)
    rules = RULES_2_15 if build.pool_slots else RULES_2_12
    if not all(_valid(rules[key], value, key) for key, value in body.items() if key in rules):
        return BAD_INPUT
    if build.pool_slots and "pools" in body and not _valid_pool_list(body["pools"]):
        return BAD_INPUT
    old_hostname = state.hostname
    _store(state, body, rules)
    if build.pool_slots and isinstance(body.get("pools"), list):
        for item in body["pools"]:
            _store_slot(state, item)
    if build.pool_slots and state.hostname != old_hostname:
        redirect = {
            "status": "success",
            "redirect": {
                "url": f"http://{state.hostname}.local",
                "delay": 2000,
                "message": "Hostname updated. Redirecting to new address...",
            },
        }
        return Answer(200, json.dumps(redirect).encode(), "application/json")
    return Answer(200)


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _valueint(value: Any) -> int:
    """cJSON's valueint: the double cut to an int, saturated."""
    number = float(value)
    if math.isnan(number):
        return 0
    return int(max(-(2**31), min(2**31 - 1, number)))


def _valid(rule: Rule, value: Any, key: str) -> bool:
    if rule.kind == "str":
        return isinstance(value, str) and rule.low <= len(value.encode()) <= rule.high
    if rule.kind == "bool":
        if isinstance(value, bool):
            return rule.low <= int(value) <= rule.high
        return _is_number(value) and rule.low <= _valueint(value) <= rule.high
    if not _is_number(value):
        return False
    number = float(value) if rule.kind == "float" else _valueint(value)
    if key == "rotation" and _valueint(value) not in (0, 90, 180, 270):
        return False
    return rule.low <= number <= rule.high


def _valid_pool_list(pools: Any) -> bool:
    """validate_pool_json (http_server.c v2.15.0) for every entry, which needs an "id"."""
    if not isinstance(pools, list):
        return False
    for item in pools:
        if not isinstance(item, dict) or not _is_number(item.get("id")):
            return False
        if not 0 <= _valueint(item["id"]) < POOL_SLOTS:
            return False
        url, port, user = item.get("stratumURL"), item.get("stratumPort"), item.get("stratumUser")
        if not (isinstance(url, str) and url and len(url) <= 255):
            return False
        if not (isinstance(port, int | float) and _is_number(port) and 1 <= port <= 65535):
            return False
        if not (isinstance(user, str) and user and len(user) <= 255):
            return False
        password = item.get("stratumPassword")
        if password is not None and not (isinstance(password, str) and len(password) <= 255):
            return False
        tls = item.get("stratumTLS")
        if tls is not None and not (_is_number(tls) and 0 <= float(tls) <= 2):
            return False
    return True


def _store(state: EspState, body: dict[str, Any], rules: dict[str, Rule]) -> None:
    for key, value in body.items():
        if key not in rules:
            continue
        _set(state, key, value)


def _set(state: EspState, key: str, value: Any) -> None:
    text = value if isinstance(value, str) else None
    number = _valueint(value) if _is_number(value) or isinstance(value, bool) else 0
    match key:
        case "hostname" if text is not None:
            # v2.15.0 normalize_hostname: a trailing ".local" is dropped.
            state.hostname = (
                text[:-6] if text.lower().endswith(".local") and len(text) > 6 else text
            )
        case "frequency":
            state.frequency = float(value)
        case "coreVoltage":
            state.core_voltage = number
        case "autofanspeed":
            state.auto_fan = number
        case "manualFanSpeed" | "fanspeed":
            state.manual_fan = number
        case "temptarget" | "pidTargetTemp":
            state.temp_target = number
        case "statsFrequency":
            state.stats_frequency = number
        case "overclockEnabled":
            state.overclock = number
        case "primaryPoolIndex":
            state.primary = number
        case "secondaryPoolIndex":
            state.secondary = number
        case _ if key.startswith(("stratum", "fallbackStratum")):
            _set_pool_field(state, key, value)
        case _:
            state.extra[key] = value


def _set_pool_field(state: EspState, key: str, value: Any) -> None:
    slot = state.secondary if key.startswith("fallback") else state.primary
    pool = state.pools.setdefault(slot, PoolSlot("", 3333, ""))
    name = key.removeprefix("fallbackStratum").removeprefix("stratum")
    if name == "URL" and isinstance(value, str):
        pool.url = value
    elif name == "Port" and (_is_number(value) or isinstance(value, bool)):
        pool.port = _valueint(value) & 0xFFFF
    elif name == "User" and isinstance(value, str):
        pool.user = value
    elif name == "Password" and isinstance(value, str):
        pool.password = value
    elif name == "TLS":
        pool.tls = int(bool(value)) if isinstance(value, bool) else _valueint(value)


def _store_slot(state: EspState, item: dict[str, Any]) -> None:
    """update_pool_nvs (v2.15.0): "*****" as the password keeps the saved one."""
    index = _valueint(item["id"])
    old = state.pools.get(index)
    password = item.get("stratumPassword")
    if password == "*****":
        password = old.password if old is not None else "x"
    elif not isinstance(password, str):
        password = "x"
    tls = item.get("stratumTLS", 0)
    state.pools[index] = PoolSlot(
        str(item["stratumURL"]),
        _valueint(item["stratumPort"]),
        str(item["stratumUser"]),
        password,
        _valueint(tls) if _is_number(tls) else 0,
    )


# PATCH_update_settings at v2.4.5: the keys it reads; numbers through valueint, a guard
# "> 0" on frequency and coreVoltage only.
_V2_4_KEYS = (
    "stratumURL",
    "fallbackStratumURL",
    "stratumUser",
    "stratumPassword",
    "fallbackStratumUser",
    "fallbackStratumPassword",
    "stratumPort",
    "fallbackStratumPort",
    "ssid",
    "wifiPass",
    "hostname",
    "coreVoltage",
    "frequency",
    "flipscreen",
    "overheat_mode",
    "invertscreen",
    "invertfanpolarity",
    "autofanspeed",
    "fanspeed",
)
_V2_4_STRINGS = frozenset(k for k in _V2_4_KEYS if not k.endswith(("Port",))) - {
    "coreVoltage",
    "frequency",
    "flipscreen",
    "overheat_mode",
    "invertscreen",
    "invertfanpolarity",
    "autofanspeed",
    "fanspeed",
}


def _unchecked(state: EspState, body: dict[str, Any]) -> None:
    for key in _V2_4_KEYS:
        if key not in body:
            continue
        value = body[key]
        if key in _V2_4_STRINGS:
            if isinstance(value, str):  # a non-string has no valuestring: left as it was
                _set(state, key, value)
            continue
        number = _valueint(value) if _is_number(value) or isinstance(value, bool) else 0
        if key in ("coreVoltage", "frequency"):
            if number > 0:
                _set(state, key, number)
            continue
        _set(state, key, number & 0xFFFF)


_NERDOS_U16 = ("coreVoltage", "frequency", "autofanspeed", "manualFanSpeed", "pidTargetTemp")
_NERDOS_TEXT = (
    "hostname",
    "stratumURL",
    "stratumUser",
    "stratumPassword",
    "fallbackStratumURL",
    "fallbackStratumUser",
    "fallbackStratumPassword",
)


def _nerdos(state: EspState, body: dict[str, Any]) -> None:
    for key, value in body.items():
        if key in _NERDOS_U16:
            if isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= U16:
                if key in ("coreVoltage", "frequency") and value == 0:
                    continue
                _set(state, key, value)
        elif key in _NERDOS_TEXT:
            if isinstance(value, str):
                _set(state, key, value)
        elif key in ("stratumPort", "fallbackStratumPort"):
            if isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= U16:
                _set(state, key, value)
        elif key in ("stratumTLS", "fallbackStratumTLS") and isinstance(value, bool):
            _set(state, key, value)
