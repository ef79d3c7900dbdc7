"""The unit a miner's hashrate is shown in: the one its users read.

The driver reports TH/s. A home miner on ESP-Miner (a BitAxe makes hundreds of GH/s, a
NerdQAxe++ a few TH/s) is read in GH/s, as AxeOS shows it; so is any miner whose nominal
rate is below 1 TH/s. The unit is chosen once, when the entity is made, so that its
history stays in one unit.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from .driver import Firmware, Miner, MinerData
from .driver.models import lookup

UNIT_GIGAHASH_PER_SECOND: Final = "GH/s"
UNIT_TERAHASH_PER_SECOND: Final = "TH/s"

# Firmware whose own interface shows GH/s whatever the device makes.
GIGAHASH_FIRMWARE: Final = frozenset({Firmware.BITAXE})


@dataclass(frozen=True, slots=True)
class HashrateScale:
    unit: str
    per_ths: float  # shown value = TH/s * per_ths


TERAHASH: Final = HashrateScale(UNIT_TERAHASH_PER_SECOND, 1.0)
GIGAHASH: Final = HashrateScale(UNIT_GIGAHASH_PER_SECOND, 1000.0)


def hashrate_scale(miner: Miner, data: MinerData) -> HashrateScale:
    if miner.family in GIGAHASH_FIRMWARE:
        return GIGAHASH
    model = lookup(data.model or miner.model, data.make or miner.make)
    nominal = model.hashrate_ths if model is not None else data.expected_hashrate
    return GIGAHASH if nominal is not None and 0 < nominal < 1 else TERAHASH
