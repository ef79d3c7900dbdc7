"""A miner's configuration, independent of firmware; each backend converts it to its own."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class FanMode(StrEnum):
    NORMAL = "normal"  # the firmware's automatic control
    MANUAL = "manual"  # fixed speed in percent
    IMMERSION = "immersion"  # fans off (immersion / hydro cooling)


class PowerMode(StrEnum):
    """The firmware's preset power levels (Whatsminer low/normal/high)."""

    LOW = "low"
    NORMAL = "normal"
    HIGH = "high"


class MiningMode(StrEnum):
    NORMAL = "normal"
    LOW = "low"
    HIGH = "high"
    SLEEP = "sleep"
    POWER_TARGET = "power_target"


@dataclass(slots=True)
class PoolConfig:
    url: str
    user: str
    password: str = field(default="x", repr=False)


@dataclass(slots=True)
class FanConfig:
    mode: FanMode = FanMode.NORMAL
    speed: int | None = None  # percent, for MANUAL


@dataclass(slots=True)
class MiningModeConfig:
    mode: MiningMode = MiningMode.NORMAL
    power_target: int | None = None  # W, for POWER_TARGET


@dataclass(slots=True)
class MinerConfig:
    pools: list[PoolConfig] = field(default_factory=list)
    fan: FanConfig = field(default_factory=FanConfig)
    mining_mode: MiningModeConfig = field(default_factory=MiningModeConfig)
