"""The simulated BOSminer models, as data (figures from the captures in captures.py)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from . import captures


@dataclass(frozen=True, slots=True)
class BosminerSpec:
    key: str
    name: str  # the model as users name it
    chain_ids: tuple[int, ...]  # the firmware's hash chain numbers
    chips: int  # per chain
    fan_rpm: tuple[int, ...]  # every fan connector at full speed (0: no fan)
    nominal_mhs: float  # per chain, at the default power limit
    chain_mhs: tuple[float, ...]  # what each chain does at the default power limit
    power_limit: int  # W, the tuner's default target
    min_power: int  # W, below it the chains cannot run (the tuner's floor)


S9: Final = BosminerSpec(
    key="braiins-s9-bosminer",
    name="Antminer S9",
    chain_ids=tuple(chain for chain, _, _ in captures.DEVDETAILS_CHAINS),
    chips=captures.CHIPS,
    fan_rpm=captures.FAN_RPM,
    # 13.5 TH/s nominal for an S9 (Bitmain's sheet), a third per chain; the chains a little
    # apart as the capture's frequencies are (800, 810, 770 MHz).
    nominal_mhs=4_500_000.0,
    chain_mhs=(4_560_000.0, 4_620_000.0, 4_390_000.0),
    power_limit=captures.POWER_LIMIT,
    min_power=600,
)

MODELS: Final[dict[str, BosminerSpec]] = {S9.key: S9}
