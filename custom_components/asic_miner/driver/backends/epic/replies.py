"""Parsers of ePIC PowerPlay's replies on port 4028 (fields as the firmware's OpenAPI
document names them, "ePIC UMC API" 1.22.5 and 1.30.0: SummaryResponse,
CapabilitiesResponse; asic-rs meta/epic/).

Checked against the captured replies of an S19 XP on PowerPlay-BMS v1.5.13 (asic-rs
asic-rs-firmwares/epic/src/test/json/v1/: summary, capabilities, temps, network).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Final

from ...data import Fan, HashBoard, MinerError, Pool
from ..values import MAX_BOARD_SLOT, format_mac, text, to_count, to_float, to_ths

# Operating State values that are not mining (pyasic and asic-rs: "Idling" alone; the
# MinerState enum of the schema adds the stop under way).
NOT_MINING: Final = frozenset({"Idling", "Stopping"})
_VERSION = re.compile(r"v?(?P<version>\d+(?:\.\d+)+\S*)\s*$")
_FAN_KEY = re.compile(r"^Fans Speed (?P<number>\d+)$")


def _object(parent: Any, key: str) -> dict[str, Any]:
    value = parent.get(key) if isinstance(parent, Mapping) else None
    return value if isinstance(value, dict) else {}


def _list(parent: Any, key: str) -> list[Any]:
    value = parent.get(key) if isinstance(parent, Mapping) else None
    return value if isinstance(value, list) else []


def state(summary: Mapping[str, Any] | None) -> str | None:
    return text(_object(summary, "Status").get("Operating State"))


def is_mining(summary: Mapping[str, Any] | None) -> bool | None:
    current = state(summary)
    return None if current is None else current not in NOT_MINING


def fw_version(summary: Mapping[str, Any] | None) -> str | None:
    """'PowerPlay-BMS v1.5.13' → '1.5.13'."""
    software = text((summary or {}).get("Software"))
    if software is None:
        return None
    match = _VERSION.search(software)
    return match.group("version") if match else software


def hostname(summary: Mapping[str, Any] | None) -> str | None:
    return text((summary or {}).get("Hostname"))


def wattage(summary: Mapping[str, Any] | None) -> float | None:
    watts = to_float(_object(summary, "Power Supply Stats").get("Input Power"))
    return round(watts, 1) if watts is not None and 0 <= watts < 100_000 else None


def uptime(summary: Mapping[str, Any] | None) -> int | None:
    return to_count(_object(summary, "Session").get("Uptime"))


def started(summary: Mapping[str, Any] | None) -> int | None:
    """Session "Startup Timestamp": when the mining session began (unix seconds)."""
    return to_count(_object(summary, "Session").get("Startup Timestamp"))


def shares(summary: Mapping[str, Any] | None) -> tuple[int | None, int | None]:
    session = _object(summary, "Session")
    return to_count(session.get("Accepted")), to_count(session.get("Rejected"))


def fault_light(summary: Mapping[str, Any] | None) -> bool | None:
    value = _object(summary, "Misc").get("Locate Miner State")
    return value if isinstance(value, bool) else None


def errors(summary: Mapping[str, Any] | None) -> list[MinerError]:
    """Status "Last Error" (a MinerError of the schema: a name or {name: detail})."""
    error = _object(summary, "Status").get("Last Error")
    if error is None:
        return []
    if isinstance(error, Mapping):
        message = "; ".join(f"{key}: {value}" for key, value in error.items())
    else:
        message = str(error)
    return [MinerError(code=None, message=message)] if message.strip() else []


def board_hashrate(board: Mapping[str, Any]) -> float | None:
    """Hashrate[0] in MH/s as TH/s."""
    values = _list(board, "Hashrate")
    return to_ths(values[0], "MH") if values else None


def board_ideal_percent(board: Mapping[str, Any]) -> float | None:
    """Hashrate[1]: the share of the board's ideal hashrate, in % (pyasic reads it so)."""
    values = _list(board, "Hashrate")
    percent = to_float(values[1]) if len(values) > 1 else None
    return percent if percent is not None and percent > 0 else None


def temperature(value: Any) -> float | None:
    reading = to_float(value)
    return reading if reading is not None and 0 < reading < 200 else None


def _slot(value: Any) -> int | None:
    slot = to_count(value)
    return slot if slot is not None and slot <= MAX_BOARD_SLOT else None


def _indexed(items: list[Any]) -> dict[int, dict[str, Any]]:
    found: dict[int, dict[str, Any]] = {}
    for item in items:
        if isinstance(item, dict) and (slot := _slot(item.get("Index"))) is not None:
            found.setdefault(slot, item)
    return found


def hashrate(summary: Mapping[str, Any] | None) -> float | None:
    rates = [board_hashrate(b) for b in _indexed(_list(summary, "HBs")).values()]
    found = [r for r in rates if r is not None]
    return round(sum(found), 6) if found else None


def expected_hashrate(
    summary: Mapping[str, Any] | None, capabilities: Mapping[str, Any] | None
) -> float | None:
    """Each board's hashrate over its share of ideal (pyasic); else "Default Hashrate"."""
    total = 0.0
    counted = False
    for board in _indexed(_list(summary, "HBs")).values():
        rate, percent = board_hashrate(board), board_ideal_percent(board)
        if rate is not None and percent is not None:
            total += rate * 100 / percent
            counted = True
    if counted:
        return round(total, 3)
    default = to_float((capabilities or {}).get("Default Hashrate"))
    return default if default is not None and 0 < default < 100_000 else None


def chips_per_board(capabilities: Mapping[str, Any] | None) -> int | None:
    return to_count(_object(capabilities, "Performance Estimator").get("Chip Count"))


def board_count(capabilities: Mapping[str, Any] | None) -> int | None:
    count = to_count((capabilities or {}).get("Max HBs"))
    return count if count is not None and count <= MAX_BOARD_SLOT + 1 else None


def serials(capabilities: Mapping[str, Any] | None) -> list[str]:
    return [s for s in (text(v) for v in _list(capabilities, "Board Serial Numbers")) if s]


def board_temps(temps: Any) -> dict[int, tuple[float | None, float | None]]:
    """/temps: per board the lowest and the highest of its sensors (asic-rs: intake and
    outlet)."""
    found: dict[int, tuple[float | None, float | None]] = {}
    items = temps if isinstance(temps, list) else []
    for slot, item in _indexed(items).items():
        readings = [t for t in (temperature(v) for v in _list(item, "Data")) if t is not None]
        if readings:
            found[slot] = (min(readings), max(readings))
    return found


def hashboards(
    summary: Mapping[str, Any] | None,
    capabilities: Mapping[str, Any] | None,
    temps: Any = None,
    expected_chips: int | None = None,
) -> list[HashBoard]:
    """Slots 0 to Max HBs - 1. HBStatus says which are there and enabled; HBs has the
    figures of those mining; the serial numbers (unindexed) go to the enabled boards in
    order, as asic-rs assigns them."""
    status = _indexed(_list(summary, "HBStatus"))
    figures = _indexed(_list(summary, "HBs"))
    slots = set(status) | set(figures)
    count = board_count(capabilities)
    if count is not None:
        slots |= set(range(count))
    chips = chips_per_board(capabilities)
    expected = expected_chips if expected_chips is not None else chips
    by_slot = board_temps(temps)
    serial_numbers = iter(serials(capabilities))
    boards: list[HashBoard] = []
    for slot in sorted(slots):
        condition = status.get(slot)
        board = figures.get(slot)
        detected = condition.get("Detected") if condition else board is not None
        enabled = condition.get("Enabled") if condition else board is not None
        inlet, outlet = by_slot.get(slot, (None, None))
        mining = board is not None and enabled is not False
        boards.append(
            HashBoard(
                slot=slot,
                hashrate=board_hashrate(board) if mining and board else 0.0 if detected else None,
                temp=temperature(board.get("Temperature")) if board else None,
                inlet_temp=inlet,
                outlet_temp=outlet,
                chips=chips if mining else None,
                expected_chips=expected,
                serial_number=next(serial_numbers, None) if enabled is True else None,
                missing=detected is not True,
            )
        )
    return boards


def fans(summary: Mapping[str, Any] | None) -> list[Fan]:
    """ "Fans Rpm": {"Fans Speed 1": 5971, …}; null is a fan that is not there."""
    rpm = _object(summary, "Fans Rpm")
    numbered: list[tuple[int, int | None]] = []
    for key, value in rpm.items():
        match = _FAN_KEY.match(key) if isinstance(key, str) else None
        if match is None or value is None:
            continue
        numbered.append((int(match.group("number")), to_count(value)))
    return [Fan(speed=speed) for _, speed in sorted(numbered)]


def fan_percent(summary: Mapping[str, Any] | None) -> int | None:
    duty = to_count(_object(summary, "Fans").get("Fans Speed"))
    return duty if duty is not None and duty <= 100 else None


def fan_mode(summary: Mapping[str, Any] | None) -> dict[str, Any]:
    """Fans "Fan Mode": {"Auto": {"Idle Speed", "Target Temperature"}} or {"Manual": %}."""
    return _object(_object(summary, "Fans"), "Fan Mode")


def pool_url(value: Any) -> str | None:
    url = text(value)
    if url is None:
        return None
    return url if "://" in url else f"stratum+tcp://{url}"


def stratum_configs(summary: Mapping[str, Any] | None) -> list[dict[str, Any]]:
    return [c for c in _list(summary, "StratumConfigs") if isinstance(c, dict)]


def pools(summary: Mapping[str, Any] | None) -> list[Pool]:
    """The configured pools; the one in use ("Config Id") with the session's shares."""
    stratum = _object(summary, "Stratum")
    current = to_count(stratum.get("Config Id"))
    connected = stratum.get("IsPoolConnected") is True
    accepted, rejected = shares(summary)
    result: list[Pool] = []
    for position, item in enumerate(stratum_configs(summary)):
        url = pool_url(item.get("pool"))
        if url is None:
            continue
        in_use = position == current
        result.append(
            Pool(
                index=position,
                url=url,
                user=text(item.get("login")),
                active=in_use and connected,
                alive=in_use and connected,
                accepted=accepted if in_use else None,
                rejected=rejected if in_use else None,
            )
        )
    if not result and (url := pool_url(stratum.get("Current Pool"))) is not None:
        result.append(
            Pool(
                index=current or 0,
                url=url,
                user=text(stratum.get("Current User")),
                active=connected,
                alive=connected,
                accepted=accepted,
                rejected=rejected,
            )
        )
    return result


def mac(network: Any) -> str | None:
    """/network: {"dhcp": {"mac_address": …}} (or "static"): the first interface's MAC."""
    if not isinstance(network, Mapping):
        return None
    for interface in network.values():
        if isinstance(interface, Mapping) and (found := format_mac(interface.get("mac_address"))):
            return found
    return None


def model(capabilities: Mapping[str, Any] | None) -> str | None:
    """ "AntMiner S19 XP"; "UNDEFINED" names none (asic-rs)."""
    name = text((capabilities or {}).get("Model"))
    return None if name is None or name.upper() == "UNDEFINED" else name


def serial_number(capabilities: Mapping[str, Any] | None) -> str | None:
    return text((capabilities or {}).get("Miner Serial Number"))


@dataclass(frozen=True, slots=True)
class TuneAlgo:
    """One perpetual-tune algorithm the miner offers (capabilities PerpetualTune)."""

    name: str  # what POST /perpetualtune/algo takes: "VoltageOptimizer", "Power"
    minimum: float
    maximum: float

    @property
    def is_power(self) -> bool:
        """The "Power" algorithm holds watts; the others hold TH/s."""
        return "power" in self.name.lower()


def tune_algos(capabilities: Mapping[str, Any] | None) -> tuple[TuneAlgo, ...]:
    found: dict[str, TuneAlgo] = {}
    for item in _list(capabilities, "PerpetualTune"):
        if not isinstance(item, Mapping):
            continue
        name = text(item.get("algorithm"))
        low, high = to_count(item.get("min")), to_count(item.get("max"))
        if name is None or low is None or high is None or low > high or name in found:
            continue
        found[name] = TuneAlgo(name, float(low), float(high))
    return tuple(found.values())


@dataclass(frozen=True, slots=True)
class Tuning:
    """What the summary says of perpetual tune: the algorithm in use and its figures."""

    running: bool
    algo: str | None
    target: float | None
    unit: str | None
    optimized: bool | None
    throttle_target: float | None
    min_throttle: int | None
    throttle_step: int | None

    @property
    def holds_power(self) -> bool:
        unit = (self.unit or "").upper()
        return "W" in unit or "power" in (self.algo or "").lower()


def tuning(summary: Mapping[str, Any] | None) -> Tuning:
    section = _object(summary, "PerpetualTune")
    algorithms = _object(section, "Algorithm")
    algo, stats = next(
        ((name, value) for name, value in algorithms.items() if isinstance(value, dict)),
        (None, {}),
    )
    optimized = stats.get("Optimized")
    return Tuning(
        running=section.get("Running") is True,
        algo=text(algo),
        target=to_float(stats.get("Target")),
        unit=text(stats.get("Unit")),
        optimized=optimized if isinstance(optimized, bool) else None,
        throttle_target=to_float(stats.get("Throttle Target")),
        min_throttle=to_count(stats.get("Min Throttle Target")),
        throttle_step=to_count(stats.get("Throttle Step")),
    )


def tuner_state(summary: Mapping[str, Any] | None) -> str | None:
    tune = tuning(summary)
    if not tune.running:
        return None
    return "tuned" if tune.optimized else "tuning"


def throttled(summary: Mapping[str, Any] | None) -> bool | None:
    """A throttle target below the target: the firmware holds the miner down (heat)."""
    tune = tuning(summary)
    if not tune.running or tune.target is None:
        return None
    return tune.throttle_target is not None and tune.throttle_target < tune.target
