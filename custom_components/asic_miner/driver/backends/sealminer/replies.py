"""Parsers of BDMiner's RPC replies and the SealMiner web's answers: pure functions from
parsed replies to normalised values; no I/O.

Shapes as asic-rs firmwares/sealminer src/test/json/v2025 captured them from an A2 on
firmware 2025091001: RPC ``stats`` (one flat STATS[0]: "<n> MHS(Sample)", "<n> Chip
Count", "<n> Bad Chip Count", "<n> Temp 0".."<n> Temp 3", "<n> SN", "<n> Online" per
board; "<n> Speed" per fan; MAC, Firmware, "MHS(1m)" …, "MHS(Rated)", "PSU Input
Power", "Power Limit", "System Uptime", "PM State", "Error Code"), ``summary``,
``pools``; web ``get_system_info.php`` ("led": "on" / "off", macaddr, miner_type).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

from ...data import Fan, HashBoard, MinerError
from ...model_info import ModelInfo
from ..values import first_item, format_mac, text, to_count, to_float, to_ths
from .models import PREFIX

MAX_BOARDS: Final = 16
MAX_FANS: Final = 16
_AVERAGES: Final = (("5m", "MHS(5m)"), ("15m", "MHS(15m)"), ("30m", "MHS(30m)"), ("1h", "MHS(1h)"))


def stats(reply: Mapping[str, Any] | None) -> dict[str, Any]:
    return first_item(reply, "STATS")


def model_name(raw: Any) -> str | None:
    """ "A2" (stats Model, devdetails Model, web miner_type) -> "SealMiner A2"."""
    name = text(raw)
    if name is None:
        return None
    return name if name.upper().startswith(PREFIX.strip().upper()) else PREFIX + name


def devdetails_model(reply: Any) -> str | None:
    if not isinstance(reply, Mapping):
        return None
    return model_name(first_item(reply, "DEVDETAILS").get("Model"))


def mac(found: Mapping[str, Any], info: Mapping[str, Any] | None) -> str | None:
    return format_mac(found.get("MAC")) or format_mac((info or {}).get("macaddr"))


def hashrate(found: Mapping[str, Any]) -> float | None:
    """The last minute's rate ("MHS(1m)"): the summary's "MHS av" is the average since
    mining started (206 TH/s after the captured A2's 41 minutes of tuning, at 220 now)."""
    return to_ths(found.get("MHS(1m)"), "MH")


def hashrate_averages(found: Mapping[str, Any]) -> dict[str, float]:
    rates = {name: to_ths(found.get(key), "MH") for name, key in _AVERAGES}
    return {name: rate for name, rate in rates.items() if rate is not None}


def expected_hashrate(found: Mapping[str, Any]) -> float | None:
    return to_ths(found.get("MHS(Rated)"), "MH")


def hashboards(found: Mapping[str, Any], model: ModelInfo | None) -> list[HashBoard]:
    count = min(to_count(found.get("Board Count")) or 0, MAX_BOARDS)
    if model is not None:
        count = max(count, model.boards)
    boards = []
    for n in range(count):
        temps = [t for t in (to_float(found.get(f"{n} Temp {s}")) for s in range(4)) if t]
        chips = to_count(found.get(f"{n} Chip Count"))
        bad = to_count(found.get(f"{n} Bad Chip Count")) or 0
        boards.append(
            HashBoard(
                slot=n,
                hashrate=to_ths(found.get(f"{n} MHS(Sample)"), "MH"),
                temp=max(temps) if temps else None,
                inlet_temp=temps[0] if temps else None,
                outlet_temp=temps[-1] if temps else None,
                chips=None if chips is None else max(chips - bad, 0),
                expected_chips=model.chips_per_board if model else chips,
                serial_number=text(found.get(f"{n} SN")),
                missing=found.get(f"{n} Online") is not True,
            )
        )
    return boards


def fans(found: Mapping[str, Any]) -> list[Fan]:
    count = min(to_count(found.get("Fan Count")) or 0, MAX_FANS)
    return [Fan(speed=to_count(found.get(f"{n} Speed"))) for n in range(count)]


def errors(found: Mapping[str, Any]) -> list[MinerError]:
    result = []
    if code := text(found.get("Error Code")):
        result.append(MinerError(code, f"Error code {code}"))
    count = min(to_count(found.get("Board Count")) or 0, MAX_BOARDS)
    for n in range(count):
        if bad := to_count(found.get(f"{n} Bad Chip Count")):
            result.append(MinerError(None, f"Board {n}: {bad} bad chip(s)"))
    return result


def is_mining(found: Mapping[str, Any]) -> bool | None:
    state = text(found.get("PM State"))
    return None if state is None else state == "Running"


def fault_light(info: Mapping[str, Any] | None) -> bool | None:
    led = text((info or {}).get("led"))
    return None if led is None else led.lower() != "off"


def shares(summary: Mapping[str, Any] | None) -> tuple[int | None, int | None]:
    found = first_item(summary, "SUMMARY")
    return to_count(found.get("Accepted")), to_count(found.get("Rejected"))
