"""What a miner reports, normalised: TH/s (of its algorithm, algorithm.py), W, °C, RPM, s.

Names follow pyasic's MinerData where pyasic has one, so code written for it reads ours.
Fleet arithmetic: ``sum(datas) / len(datas)`` averages a fleet: additive numbers are summed
then divided, lists (boards, fans, pools, errors) are concatenated so that the computed
temperatures span the whole fleet, identity fields survive only where all agree, the fleet
is mining only when every miner is, and its fault light is on when any light is. Rates of
different algorithms are not added: a sum of a SHA-256 and a Scrypt miner has no algorithm
and no hashrate (its watts still add up).
"""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass, field
from typing import Any, Self

from .algorithm import Algorithm
from .config import PowerMode
from .settings import Settings


@dataclass(slots=True)
class HashBoard:
    """One hashboard (chain)."""

    slot: int
    hashrate: float | None = None  # TH/s
    temp: float | None = None  # board (PCB) temperature
    chip_temp: float | None = None
    inlet_temp: float | None = None
    outlet_temp: float | None = None
    chips: int | None = None
    expected_chips: int | None = None
    serial_number: str | None = None
    missing: bool = False


@dataclass(slots=True)
class Fan:
    """One fan; speed in RPM."""

    speed: int | None = None


@dataclass(slots=True)
class Pool:
    """One configured pool and its share counters."""

    index: int
    url: str | None = None
    user: str | None = None
    active: bool = False
    alive: bool = False
    accepted: int | None = None
    rejected: int | None = None


@dataclass(slots=True)
class MinerError:
    """An error code the miner reports about itself (not a driver exception)."""

    code: int | str | None
    message: str


_ADDITIVE = (
    "hashrate",
    "expected_hashrate",
    "wattage",
    "wattage_limit",
    "env_temp",
    "uptime",
    "shares_accepted",
    "shares_rejected",
    "blocks_found",
)
_LISTS = ("hashboards", "fans", "pools", "errors")
_MAPPINGS = ("hashrate_averages", "share_rejections", "settings")


def _finite(value: float) -> float | None:
    """A ratio of absurd readings (1e308 W at 0.001 TH/s) is no figure to show."""
    return value if math.isfinite(value) else None


def _add(a: float | None, b: float | None) -> float | None:
    if a is None:
        return b
    if b is None:
        return a
    return a + b


@dataclass(slots=True)
class MinerData:
    """One poll of one miner (or, after arithmetic, of a fleet)."""

    host: str
    make: str | None = None
    model: str | None = None
    firmware: str | None = None  # firmware family as the user knows it: "Stock", "Braiins OS"
    fw_ver: str | None = None
    api_ver: str | None = None
    mac: str | None = None  # upper case, colon separated
    hostname: str | None = None
    serial_number: str | None = None
    # What the rates count (algorithm.py); None for a sum of miners of several algorithms.
    algorithm: Algorithm | None = Algorithm.SHA256
    hashrate: float | None = None  # TH/s
    expected_hashrate: float | None = None  # TH/s, nominal
    wattage: float | None = None  # W
    wattage_limit: float | None = None  # W
    env_temp: float | None = None  # °C
    uptime: int | None = None  # s
    hashboards: list[HashBoard] = field(default_factory=list)
    fans: list[Fan] = field(default_factory=list)
    fan_psu: int | None = None  # RPM of the power supply's fan
    pools: list[Pool] = field(default_factory=list)
    errors: list[MinerError] = field(default_factory=list)
    fault_light: bool | None = None
    is_mining: bool | None = None
    power_mode: PowerMode | None = None
    # Moving averages the firmware keeps, TH/s by window ("1m", "5m", "10m", "15m", "1h", "1d").
    hashrate_averages: dict[str, float] = field(default_factory=dict)
    outlet_temp: float | None = None  # °C, air leaving the miner
    vr_temp: float | None = None  # °C, the voltage regulator (ESP-Miner boards)
    fan_percent: int | None = None  # duty the fans run at (or are held to)
    frequency: float | None = None  # MHz, the ASIC clock set
    core_voltage: float | None = None  # mV set
    core_voltage_actual: float | None = None  # mV measured
    input_voltage: float | None = None  # V at the power input
    input_current: float | None = None  # A at the power input
    shares_accepted: int | None = None
    shares_rejected: int | None = None
    share_rejections: dict[str, int] = field(default_factory=dict)  # reason -> count
    best_difficulty: float | None = None  # since the firmware was installed
    best_session_difficulty: float | None = None  # since it last started
    blocks_found: int | None = None
    wifi_rssi: int | None = None  # dBm
    board_version: str | None = None
    tuner_state: str | None = None  # the autotuner's state as the firmware names it
    throttled: bool | None = None  # the firmware holds the hashrate down (heat, power)
    water_inlet_temp: float | None = None  # °C, hydro models
    water_outlet_temp: float | None = None  # °C, hydro models
    # What the firmware lets a user change beyond the common controls (settings.py).
    settings: Settings = field(default_factory=Settings)

    @property
    def efficiency(self) -> float | None:
        """J/TH: watts per TH/s of its algorithm (``efficiency_in`` converts)."""
        if self.wattage is None or not self.hashrate:
            return None
        return _finite(round(self.wattage / self.hashrate, 2))

    @property
    def temperature_avg(self) -> float | None:
        """Mean board temperature over the boards that report one."""
        temps = [b.temp for b in self.hashboards if b.temp is not None and not b.missing]
        # Divided before summing: fmean overflows on readings near the float limit.
        return round(sum(t / len(temps) for t in temps), 1) if temps else None

    @property
    def temperature_max(self) -> float | None:
        """Hottest reading on any board, chip or PCB."""
        temps = [
            t
            for b in self.hashboards
            if not b.missing
            for t in (b.temp, b.chip_temp, b.outlet_temp)
            if t is not None
        ]
        return max(temps) if temps else None

    @property
    def total_chips(self) -> int | None:
        chips = [b.chips for b in self.hashboards if b.chips is not None]
        return sum(chips) if chips else None

    @property
    def expected_chips(self) -> int | None:
        chips = [b.expected_chips for b in self.hashboards if b.expected_chips is not None]
        return sum(chips) if chips else None

    @property
    def percent_expected_hashrate(self) -> float | None:
        if self.hashrate is None or not self.expected_hashrate:
            return None
        return _finite(round(100 * self.hashrate / self.expected_hashrate, 1))

    def as_dict(self) -> dict[str, Any]:
        """Plain JSON-able dict, computed values included."""
        result = dataclasses.asdict(self)
        for name in (
            "efficiency",
            "temperature_avg",
            "temperature_max",
            "total_chips",
            "expected_chips",
            "percent_expected_hashrate",
        ):
            result[name] = getattr(self, name)
        return result

    def __add__(self, other: object) -> MinerData:
        if not isinstance(other, MinerData):
            return NotImplemented
        values: dict[str, Any] = {}
        for f in dataclasses.fields(self):
            mine, theirs = getattr(self, f.name), getattr(other, f.name)
            if f.name in _ADDITIVE:
                values[f.name] = _add(mine, theirs)
            elif f.name in _LISTS:
                values[f.name] = [*mine, *theirs]
            elif f.name == "is_mining":  # the fleet is mining only if every miner is
                values[f.name] = None if mine is None or theirs is None else mine and theirs
            elif f.name == "fault_light":  # some light is on
                values[f.name] = None if mine is None and theirs is None else bool(mine or theirs)
            elif f.name in _MAPPINGS:  # one miner's settings are no fleet's
                values[f.name] = mine if mine == theirs else type(mine)()
            else:
                values[f.name] = mine if mine == theirs else None
        if self.algorithm != other.algorithm:
            # Rates of two algorithms do not add up (a TH of Scrypt is no TH of SHA-256).
            values.update(hashrate=None, expected_hashrate=None, hashrate_averages={})
        if values["host"] is None:
            values["host"] = "fleet"
        return MinerData(**values)

    def __radd__(self, other: object) -> MinerData:
        if other == 0:  # the start value of sum()
            return self
        return self.__add__(other)

    def __truediv__(self, count: int) -> Self:
        if not isinstance(count, int) or count <= 0:
            return NotImplemented
        changes: dict[str, Any] = {}
        for name in _ADDITIVE:
            value = getattr(self, name)
            if value is not None:
                changes[name] = int(value / count) if isinstance(value, int) else value / count
        return dataclasses.replace(self, **changes)
