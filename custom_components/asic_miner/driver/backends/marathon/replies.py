"""Parsers of MARA firmware's ``/kaonsu/v1/`` replies. Pure functions; no I/O.

Fields as the captured brief, overview, hashboards and fans of two KS5 Pro on MaraFW
rel 3.14_584 carry them (tests/simulator/marathon/captures.py); the rest (pools,
miner_config, locate_miner, network_config) as pyasic miners/backends/marathon.py and
asic-rs firmwares/marathon backends/v1/mod.rs read them. Rates are in the brief's
``hashrate_unit`` ("GH/s" in the captures; the board figures carry no unit of their own
and are in the same one: two boards' 6429 and 6295 make the brief's 12724).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

from ...data import Fan, HashBoard, MinerError, Pool
from ..values import MAX_BOARD_SLOT, format_mac, text, to_count, to_float, to_ths

MINING: Final = "Mining"
SLEEP: Final = "Sleep"
HEALTHY: Final = "Fully functional"  # brief.indicator of a miner with nothing wrong
_AVERAGES: Final = (("1h", "hashrate_realtime_1h"), ("1d", "hashrate_realtime_1d"))


def _object(parent: Any, key: str) -> dict[str, Any]:
    value = parent.get(key) if isinstance(parent, Mapping) else None
    return value if isinstance(value, dict) else {}


def _items(parent: Any, key: str) -> list[dict[str, Any]]:
    value = parent.get(key) if isinstance(parent, Mapping) else parent
    return [i for i in value if isinstance(i, dict)] if isinstance(value, list) else []


def unit(brief: Mapping[str, Any] | None) -> str:
    """The brief's rate unit ("GH/s"); GH where it names none."""
    return text((brief or {}).get("hashrate_unit")) or "GH"


def _rate(container: Mapping[str, Any], key: str, rate_unit: str) -> float | None:
    return to_ths(container.get(key), rate_unit)


def hashrate(brief: Mapping[str, Any] | None) -> float | None:
    return _rate(brief or {}, "hashrate_realtime", unit(brief))


def expected_hashrate(brief: Mapping[str, Any] | None) -> float | None:
    """hashrate_ideal (of the boards present); the stock figure while it is 0 (asleep)."""
    figures = brief or {}
    ideal = _rate(figures, "hashrate_ideal", unit(brief))
    return ideal if ideal else _rate(figures, "hashrate_stock", unit(brief)) or None


def hashrate_averages(brief: Mapping[str, Any] | None) -> dict[str, float]:
    found = {window: _rate(brief or {}, key, unit(brief)) for window, key in _AVERAGES}
    return {window: rate for window, rate in found.items() if rate is not None}


def wattage(brief: Mapping[str, Any] | None) -> float | None:
    """power_consumption_estimated: the firmware's estimate (power_source "PSU" or "EST")."""
    watts = to_float((brief or {}).get("power_consumption_estimated"))
    return watts if watts is not None and 0 <= watts < 100_000 else None


def uptime(brief: Mapping[str, Any] | None) -> int | None:
    return to_count((brief or {}).get("elapsed"))


def status(brief: Mapping[str, Any] | None) -> str | None:
    return text((brief or {}).get("status"))


def is_mining(brief: Mapping[str, Any] | None) -> bool | None:
    current = status(brief)
    return None if current is None else current == MINING


def temperature(value: Any) -> float | None:
    """°C; 0 is a sensor that gives nothing (the missing board's [0] in the capture)."""
    reading = to_float(value)
    return reading if reading is not None and 0 < reading < 200 else None


def _hottest(values: Any) -> float | None:
    readings = [temperature(v) for v in values] if isinstance(values, list) else []
    found = [r for r in readings if r is not None]
    return max(found) if found else None


def hashboards(reply: Mapping[str, Any] | None, brief: Mapping[str, Any] | None) -> list[HashBoard]:
    """One board per entry, by its ``index`` (0-based); an absent one is missing."""
    rate_unit = unit(brief)
    boards: list[HashBoard] = []
    for position, item in enumerate(_items(reply, "hashboards")):
        index = to_count(item.get("index"))
        slot = position if index is None else index
        if slot > MAX_BOARD_SLOT or any(b.slot == slot for b in boards):
            continue
        rate_key = (
            "hashrate_realtime_10m" if "hashrate_realtime_10m" in item else "hashrate_average"
        )
        boards.append(
            HashBoard(
                slot=slot,
                hashrate=_rate(item, rate_key, rate_unit),
                temp=_hottest(item.get("temperature_pcb")),
                chip_temp=_hottest(item.get("temperature_chip")),
                chips=to_count(item.get("asic_num")),
                expected_chips=to_count(item.get("asic_num_ideal")) or None,
                serial_number=text(item.get("serial_number")),
                missing=item.get("present") is False,
            )
        )
    return sorted(boards, key=lambda b: b.slot)


def fans(reply: Mapping[str, Any] | None) -> list[Fan]:
    return [Fan(speed=to_count(f.get("current_speed"))) for f in _items(reply, "fans")]


def fan_percent(reply: Mapping[str, Any] | None) -> int | None:
    duty = to_count((reply or {}).get("percent"))
    return duty if duty is not None and duty <= 100 else None


def errors(
    brief: Mapping[str, Any] | None, fans_reply: Mapping[str, Any] | None
) -> list[MinerError]:
    """What the miner says is wrong: its indicator ("Degraded": "Hash board error"), a
    failure status, and a fan error."""
    found: list[MinerError] = []
    figures = brief or {}
    indicator = text(figures.get("indicator"))
    if indicator is not None and indicator != HEALTHY:
        found.append(
            MinerError(code=None, message=text(figures.get("indicator_long")) or indicator)
        )
    if status(brief) == "Failure":
        found.append(MinerError(code=None, message=text(figures.get("status_long")) or "failure"))
    if (fans_reply or {}).get("error") is True:
        reason = text((fans_reply or {}).get("error_description")) or "fan error"
        found.append(MinerError(code=None, message=reason))
    return found


def model_name(overview: Mapping[str, Any] | None) -> str | None:
    """overview.model ("Antminer KS5 Pro"), without the make."""
    name = text((overview or {}).get("model"))
    return text(name.removeprefix("Antminer ")) if name else None


def firmware_version(overview: Mapping[str, Any] | None) -> str | None:
    """version_firmware ("MaraFW rel 3.14_584") without the firmware's own name."""
    version = text((overview or {}).get("version_firmware"))
    return text(version.removeprefix("MaraFW")) if version else None


def mac(overview: Mapping[str, Any] | None) -> str | None:
    return format_mac((overview or {}).get("mac"))


def hostname(network_config: Mapping[str, Any] | None) -> str | None:
    return text((network_config or {}).get("hostname"))


def fault_light(reply: Any) -> bool | None:
    value = reply.get("blinking") if isinstance(reply, Mapping) else None
    return value if isinstance(value, bool) else None


def pools(reply: Any) -> list[Pool]:
    """The pools list; the one in use is the alive pool of the best (lowest) priority."""
    items = _items(reply, "pools")  # a list; {"pools": [...]} taken too
    ranked = [
        (priority, position)
        for position, item in enumerate(items)
        if item.get("status") == "Alive"
        and (priority := to_count(item.get("priority"))) is not None
    ]
    active = min(ranked)[1] if ranked else None
    result: list[Pool] = []
    for position, item in enumerate(items):
        url = text(item.get("url"))
        if url is None:
            continue
        index = to_count(item.get("index"))
        result.append(
            Pool(
                index=position if index is None else index,
                url=url,
                user=text(item.get("user")),
                active=position == active,
                alive=item.get("status") == "Alive",
                accepted=to_count(item.get("accepted")),
                rejected=to_count(item.get("rejected")),
            )
        )
    return result


def mode(config: Mapping[str, Any] | None) -> dict[str, Any]:
    return _object(config, "mode")


def work_mode(config: Mapping[str, Any] | None) -> str | None:
    """mode.work-mode-selector: Auto, Fixed, Stock or Sleep."""
    return text(mode(config).get("work-mode-selector"))


def power_target(config: Mapping[str, Any] | None) -> int | None:
    """mode.concorde.power-target in W, while the tuner holds power (mode-select PowerTarget)."""
    concorde = _object(mode(config), "concorde")
    if work_mode(config) != "Auto" or text(concorde.get("mode-select")) != "PowerTarget":
        return None
    watts = to_count(concorde.get("power-target"))
    return watts if watts and watts < 100_000 else None


def config_pools(config: Mapping[str, Any] | None) -> list[dict[str, Any]]:
    return _items(config, "pools")
