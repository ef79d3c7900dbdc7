"""Parsers for ESP-Miner's ``/api/system/info`` and ``/api/system/asic`` replies.

Every function takes whatever a reply holds (a field missing, of another type, NaN) and
returns None or an empty value for what it cannot read; none of them raises. Field names
and units per build: bitaxeorg/ESP-Miner main/http_server (http_server.c up to v2.11,
system_api_json.c from v2.12), NerdOS main/http_server/handler_system.cpp.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from enum import StrEnum
from typing import Any, Final

from ...data import Fan, HashBoard, Pool
from ..values import text, to_count, to_float, to_int, to_ths
from .models import SMALL_CORES, Board, board_for

AVERAGE_WINDOWS = ("1m", "10m", "1h", "1d")
_VERSION = re.compile(r"v?(\d+)\.(\d+)(?:\.(\d+))?", re.IGNORECASE)
_DIFFICULTY = re.compile(r"([0-9]*\.?[0-9]+(?:e[+-]?[0-9]+)?)\s*([kKMGTPE]?)")
_SCALE = {"": 1.0, "k": 1e3, "K": 1e3, "M": 1e6, "G": 1e9, "T": 1e12, "P": 1e15, "E": 1e18}
NOT_CONNECTED = "Not Connected"  # main/system.c: pool_connection_info before a connection


class Flavour(StrEnum):
    AXEOS = "AxeOS"  # bitaxeorg/ESP-Miner
    NERDOS = "NerdOS"  # shufps/ESP-Miner-NerdQAxePlus: deviceModel and hostip in the info
    LUCKYMINER = "LuckyMiner"  # Lucky Miner LV0x builds: minerModel in the info


def flavour(info: Mapping[str, Any]) -> Flavour:
    if "deviceModel" in info or "hostip" in info:
        return Flavour.NERDOS
    if "minerModel" in info:
        return Flavour.LUCKYMINER
    return Flavour.AXEOS


def version(info: Mapping[str, Any]) -> tuple[int, int, int] | None:
    """ "v2.4.5-3-gb5d1e36-dirty" -> (2, 4, 5); None when it names no version."""
    match = _VERSION.match(str(info.get("version") or "").strip())
    if match is None:
        return None
    major, minor, patch = match.groups()
    return int(major), int(minor), int(patch or 0)


def difficulty(value: Any) -> float | None:
    """A best difficulty: a number (v2.12 on, NerdOS) or the string older builds write
    with _suffix_string: "483k", "5.56G", "2.03 G", "1e+03k", "0 "."""
    if isinstance(value, str):
        match = _DIFFICULTY.fullmatch(value.strip())
        if match is None:
            return None
        number = to_float(match.group(1))
        result = None if number is None else number * _SCALE[match.group(2)]
    else:
        result = to_float(value)
    if result is None or result < 0 or not math.isfinite(result):
        return None
    return float(round(result))  # the firmware counts whole difficulties (uint64)


def ths(info: Mapping[str, Any], key: str) -> float | None:
    """A hashrate field (GH/s) in TH/s."""
    return to_ths(info.get(key), "GH")


def averages(info: Mapping[str, Any]) -> dict[str, float]:
    """The firmware's moving averages (v2.12: 1m, 10m, 1h; NerdOS also 1d), TH/s."""
    found = {window: ths(info, f"hashRate_{window}") for window in AVERAGE_WINDOWS}
    return {window: value for window, value in found.items() if value is not None}


def asic_count(
    info: Mapping[str, Any], asic: Mapping[str, Any] | None, board: Board | None
) -> int | None:
    """asicCount of the info (to v2.8, NerdOS), of /api/system/asic (v2.7 on), or the
    board row's."""
    for source in (info, asic or {}):
        count = to_count(source.get("asicCount"))
        if count:
            return count
    return board.asics if board is not None else None


def expected_ths(info: Mapping[str, Any], asics: int | None) -> float | None:
    """expectedHashrate (v2.9 on), else frequency x small cores x ASICs / 1000 GH/s, what
    the firmware itself computes (power_management_task.c)."""
    reported = ths(info, "expectedHashrate")
    if reported:
        return reported
    frequency = to_float(info.get("frequency"))
    cores = to_count(info.get("smallCoreCount")) or SMALL_CORES.get(str(info.get("ASICModel")), 0)
    if not frequency or frequency < 0 or not cores or not asics:
        return None
    return to_ths(frequency * cores * asics / 1000, "GH")


def temperature(value: Any) -> float | None:
    """A sensor reading in °C; ESP-Miner writes -1 (temp2 without a second sensor) and 0
    (no reading yet, NerdOS asicTemps of BM1370 boards) for none."""
    reading = to_float(value)
    if reading is None or reading <= 0 or reading > 200:
        return None
    return round(reading, 2)


def hashboard(info: Mapping[str, Any], asics: int | None, board: Board | None) -> HashBoard:
    """The one board: hashrate, the ASIC temperature, a second ASIC's where reported."""
    chip = temperature(info.get("temp"))
    chips = info.get("asicTemps")
    if chip is None and isinstance(chips, list):
        readings = [t for t in (temperature(v) for v in chips) if t is not None]
        chip = max(readings) if readings else None
    return HashBoard(
        slot=0,
        hashrate=ths(info, "hashRate"),
        chip_temp=chip,
        temp=temperature(info.get("temp2")),
        chips=asics,
        expected_chips=board.asics if board is not None else None,
    )


def fans(info: Mapping[str, Any]) -> list[Fan]:
    """fanrpm, and the second fan (fan2rpm, NerdOS fanrpm2) where the board has one."""
    result = []
    first = to_count(info.get("fanrpm"))
    if first is not None:
        result.append(Fan(speed=first))
    second = to_count(info.get("fan2rpm", info.get("fanrpm2")))
    if second is not None and (second > 0 or (to_count(info.get("fanCount")) or 0) > 1):
        result.append(Fan(speed=second))
    return result


def percent(value: Any) -> int | None:
    number = to_float(value)
    if number is None or not 0 <= number <= 100:
        return None
    return round(number)


def volts(millivolts: Any) -> float | None:
    number = to_float(millivolts)
    return round(number / 1000, 3) if number is not None and number >= 0 else None


def millivolts(value: Any) -> float | None:
    number = to_float(value)
    return round(number, 1) if number is not None and 0 < number < 10_000 else None


def rejections(info: Mapping[str, Any]) -> dict[str, int]:
    """sharesRejectedReasons (v2.6 on): [{"message": "Stale", "count": 13}, …]."""
    reasons = info.get("sharesRejectedReasons")
    result: dict[str, int] = {}
    if not isinstance(reasons, list):
        return result
    for item in reasons:
        if not isinstance(item, Mapping):
            continue
        message, count = text(item.get("message")), to_count(item.get("count"))
        if message is not None and count is not None:
            result[message] = result.get(message, 0) + count
    return result


def using_fallback(info: Mapping[str, Any]) -> bool:
    stratum = info.get("stratum")
    if isinstance(stratum, Mapping) and "usingFallback" in stratum:
        return stratum.get("usingFallback") is True
    return to_int(info.get("isUsingFallbackStratum")) == 1


def connected(info: Mapping[str, Any]) -> bool | None:
    """Whether the pool in use is connected: NerdOS stratum.pools[].connected, v2.13's
    poolConnectionInfo, else a difficulty the pool has set (older builds). None: unknown."""
    stratum = info.get("stratum")
    if isinstance(stratum, Mapping) and isinstance(stratum.get("pools"), list):
        return any(isinstance(p, Mapping) and p.get("connected") is True for p in stratum["pools"])
    status = info.get("poolConnectionInfo")
    if isinstance(status, str):
        return bool(status.strip()) and status != NOT_CONNECTED and not status.startswith("SV2:")
    difficulty_set = to_float(info.get("poolDifficulty", info.get("stratumDiff")))
    return None if difficulty_set is None else difficulty_set > 0


def pool_url(host: Any, port: Any, tls: Any) -> str | None:
    """AxeOS keeps the host and the port apart ("public-pool.io", 21496)."""
    name = text(host)
    if name is None:
        return None
    number = to_count(port)
    if "://" in name:
        return name if number is None or name.count(":") > 1 else f"{name}:{number}"
    scheme = "stratum+ssl" if to_int(tls) else "stratum+tcp"
    return f"{scheme}://{name}" + (f":{number}" if number else "")


def pools(info: Mapping[str, Any]) -> list[Pool]:
    """Primary and fallback as the firmware shows them (v2.15 writes its primary and
    secondary slots into the same fields); the one in use is active."""
    fallback = using_fallback(info)
    up = connected(info)
    accepted, rejected = to_count(info.get("sharesAccepted")), to_count(info.get("sharesRejected"))
    result = []
    for index, prefix in enumerate(("stratum", "fallbackStratum")):
        url = pool_url(
            info.get(f"{prefix}URL"), info.get(f"{prefix}Port"), info.get(f"{prefix}TLS")
        )
        if url is None:
            continue
        active = fallback == (index == 1)
        result.append(
            Pool(
                index=index,
                url=url,
                user=text(info.get(f"{prefix}User")),
                active=active,
                alive=bool(active and up),
                accepted=accepted if active else None,
                rejected=rejected if active else None,
            )
        )
    return result


def model_board(info: Mapping[str, Any], asic: Mapping[str, Any] | None) -> Board | None:
    """The board row: AxeOS by boardVersion, NerdOS by deviceModel."""
    if flavour(info) is Flavour.NERDOS:
        return board_for(text(info.get("deviceModel")))
    return board_for(text(info.get("boardVersion")))


def model_name(
    info: Mapping[str, Any], asic: Mapping[str, Any] | None, board: Board | None
) -> str | None:
    """The board's name, else what the firmware calls itself: NerdOS deviceModel, Lucky
    Miner minerModel, the asic reply's deviceModel (v2.7 on)."""
    if board is not None:
        return board.name
    for source, key in ((info, "deviceModel"), (info, "minerModel"), (asic or {}, "deviceModel")):
        name = text(source.get(key))
        if name is not None and name.lower() not in ("unknown", "custom"):
            return name
    return None


def options(asic: Mapping[str, Any] | None, key: str) -> tuple[int | float, ...]:
    """frequencyOptions / voltageOptions of /api/system/asic: MHz or mV, 1 to 99 999."""
    values = (asic or {}).get(key)
    if not isinstance(values, list):
        return ()
    found = [to_float(v) for v in values if not isinstance(v, bool)]
    numbers = sorted({round(v, 3) for v in found if v is not None and 1 <= v < 100_000})
    return tuple(int(v) if float(v).is_integer() else v for v in numbers)


def option_text(value: float) -> str:
    """How an option is named: 525, 562.5."""
    return f"{value:g}" if not float(value).is_integer() else str(int(value))


# Boards whose "current" is the power input's (an INA260 on the 12 V / 5 V rail): Max 102,
# Ultra 2xx, Supra 400-401. The others measure with the core regulator (TPS546: Supra
# 402-499, Hex, Gamma, GT), whose "current" is the ASIC's output current, not the input's
# (ESP-Miner main/power/power.c, Power_get_current).
_INPUT_SENSOR_BOARDS: Final = re.compile(r"(0\.\d+|1\d\d|2\d\d|40[01])")


def current_is_input(info: Mapping[str, Any], nerdos: bool) -> bool:
    """Whether ``current`` in the info reply is the current drawn at the power input."""
    if nerdos:
        return True  # NerdOS reports the input (its own INA / PSU reading)
    board = text(info.get("boardVersion"))
    return board is not None and _INPUT_SENSOR_BOARDS.fullmatch(board) is not None
