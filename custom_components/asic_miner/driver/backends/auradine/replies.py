"""Parsers of FluxOS's web answers and GCMiner's RPC replies: pure functions from parsed
replies to normalised values; no I/O.

Shapes as asic-rs firmwares/auradine src/test/json/v1 captured them: web ``ipreport``
(IPReport[0]: model, version, mac, hostname, HBSerialNo), ``psu`` (PSU[0].PowerIn
"58.94W", PoutMax), ``mode`` (Mode[0]: Mode, Power, Sleep "on"/"off"), ``fan``
(Fan[]: Speed, Target, Max in RPM), ``led`` (LED[0].Code: 3 locates the miner, 2 is
normal); RPC ``summary`` (SUMMARY[0]: "MHS 5s", "MHS av", Elapsed), ``devs`` (DEVS[]: ID
from 1, "MHS 5s", Temperature, Status), ``pools`` (POOLS[]: URL, User; no password).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

from ...config import PoolConfig
from ...data import Fan, HashBoard
from ...model_info import ModelInfo
from ..cgminer_replies import pools as pool_list
from ..values import first_item, format_mac, text, to_count, to_float, to_int, to_ths

LOCATE: Final = 3  # pyasic AuradineLEDCodes.LOCATE_MINER
NORMAL: Final = 2
_AVERAGES: Final = (("1m", "MHS 1m"), ("5m", "MHS 5m"), ("15m", "MHS 15m"))


def refusal(answer: Mapping[str, Any]) -> str | None:
    """The message of an "E" status (the firmware refused), else None."""
    status = first_item(answer, "STATUS")
    if str(status.get("STATUS", "")).upper() not in ("E", "F"):
        return None
    return text(status.get("Msg")) or text(status.get("Description")) or "refused"


def token(answer: Any) -> str | None:
    if not isinstance(answer, Mapping) or refusal(answer) is not None:
        return None
    return text(first_item(answer, "Token").get("Token"))


def _report(ipreport: Mapping[str, Any] | None) -> dict[str, Any]:
    return first_item(ipreport, "IPReport")


def model_name(ipreport: Mapping[str, Any] | None) -> str | None:
    name = text(_report(ipreport).get("model"))
    return name.upper() if name else None


def devdetails_model(reply: Any) -> str | None:
    """RPC ``devdetails`` DEVDETAILS[0].Model, where pyasic and asic-rs take the model."""
    if not isinstance(reply, Mapping):
        return None
    name = text(first_item(reply, "DEVDETAILS").get("Model"))
    return name.upper() if name else None


def firmware_version(ipreport: Mapping[str, Any] | None) -> str | None:
    return text(_report(ipreport).get("version"))


def mac(ipreport: Mapping[str, Any] | None) -> str | None:
    return format_mac(_report(ipreport).get("mac"))


def hostname(ipreport: Mapping[str, Any] | None) -> str | None:
    return text(_report(ipreport).get("hostname"))


def serial_number(ipreport: Mapping[str, Any] | None) -> str | None:
    return text(_report(ipreport).get("SerialNo"))


def _summary(summary: Mapping[str, Any] | None) -> dict[str, Any]:
    return first_item(summary, "SUMMARY")


def hashrate(summary: Mapping[str, Any] | None) -> float | None:
    return to_ths(_summary(summary).get("MHS 5s"), "MH")


def hashrate_averages(summary: Mapping[str, Any] | None) -> dict[str, float]:
    found = _summary(summary)
    rates = {name: to_ths(found.get(key), "MH") for name, key in _AVERAGES}
    return {name: rate for name, rate in rates.items() if rate is not None}


def uptime(summary: Mapping[str, Any] | None) -> int | None:
    return to_count(_summary(summary).get("Elapsed"))


def shares(summary: Mapping[str, Any] | None) -> tuple[int | None, int | None]:
    found = _summary(summary)
    return to_count(found.get("Accepted")), to_count(found.get("Rejected"))


def hashboards(
    devs: Mapping[str, Any] | None,
    ipreport: Mapping[str, Any] | None,
    model: ModelInfo | None,
) -> list[HashBoard]:
    """One board per DEVS entry (ID 1 is slot 0), the expected ones the model lacks
    reported as missing, serials from ipreport's HBSerialNo in slot order. Without a DEVS
    list (GCMiner's RPC down) no board is known missing: their figures are unknown."""
    serials = _report(ipreport).get("HBSerialNo")
    serials = serials if isinstance(serials, list) else []
    seen: dict[int, dict[str, Any]] = {}
    entries = devs.get("DEVS") if isinstance(devs, Mapping) else None
    listed = isinstance(entries, list)
    for item in entries if isinstance(entries, list) else []:
        number = to_int(item.get("ID")) if isinstance(item, dict) else None
        if number is not None and 1 <= number <= 32:
            seen[number - 1] = item
    count = max([model.boards if model else 0, len(serials), *(s + 1 for s in seen)])
    chips = model.chips_per_board if model else None
    boards = []
    for slot in range(count):
        item = seen.get(slot)
        serial = text(serials[slot]) if slot < len(serials) else None
        alive = item is not None and item.get("Status", "Alive") == "Alive"
        boards.append(
            HashBoard(
                slot=slot,
                hashrate=to_ths(item.get("MHS 5s"), "MH") if item else None,
                temp=to_float(item.get("Temperature")) if item else None,
                expected_chips=chips,
                serial_number=serial,
                missing=listed and not alive,
            )
        )
    return boards


def _watts(value: Any) -> float | None:
    return to_float(value.removesuffix("W")) if isinstance(value, str) else to_float(value)


def wattage(psu: Mapping[str, Any] | None) -> float | None:
    return _watts(first_item(psu, "PSU").get("PowerIn"))


def psu_max_watts(psu: Mapping[str, Any] | None) -> float | None:
    return _watts(first_item(psu, "PSU").get("PoutMax"))


def input_voltage(psu: Mapping[str, Any] | None) -> float | None:
    found = first_item(psu, "PSU").get("Vin")
    return to_float(found.removesuffix("V")) if isinstance(found, str) else to_float(found)


def _mode(mode: Mapping[str, Any] | None) -> dict[str, Any]:
    return first_item(mode, "Mode")


def power_target(mode: Mapping[str, Any] | None) -> int | None:
    watts = to_count(_mode(mode).get("Power"))
    return watts or None


def is_mining(mode: Mapping[str, Any] | None) -> bool | None:
    sleep = _mode(mode).get("Sleep")
    if not isinstance(sleep, str):
        return None
    return sleep.lower() == "off"


def fans(fan: Mapping[str, Any] | None) -> list[Fan]:
    found = fan.get("Fan") if isinstance(fan, Mapping) else None
    items = found if isinstance(found, list) else []
    return [Fan(speed=to_count(item.get("Speed"))) for item in items if isinstance(item, dict)]


def fan_percent(fan: Mapping[str, Any] | None) -> int | None:
    """The fans' set speed in percent: the first fan's Target of its Max RPM, as pyasic's
    FanModeConfig.from_auradine reads it."""
    first = first_item(fan, "Fan")
    target, top = to_count(first.get("Target")), to_count(first.get("Max"))
    if target is None or not top:
        return None
    return min(round(target * 100 / top), 100)


def config_pools(pools: Mapping[str, Any] | None) -> list[PoolConfig]:
    """The listed pools as a configuration; GCMiner shows no pool password (PoolConfig's
    default stands in, as asic-rs's parse_pools_config writes "x")."""
    return [PoolConfig(p.url, p.user or "") for p in pool_list(pools) if p.url]


def fault_light(led: Mapping[str, Any] | None) -> bool | None:
    code = to_int(first_item(led, "LED").get("Code"))
    return None if code is None else code == LOCATE
