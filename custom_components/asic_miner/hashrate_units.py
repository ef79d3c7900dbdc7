"""The unit a miner's hashrate is shown in: the one its coin's users read.

The driver counts 10^12 of the algorithm's work per second (driver/algorithm.py). A sensor
shows it in the algorithm's unit (SHA-256 and kHeavyHash in TH/s, Scrypt and X11 in GH/s,
Equihash in kSol/s) and efficiency in J per that unit. A home miner on ESP-Miner (a BitAxe
makes hundreds of GH/s, a NerdQAxe++ a few TH/s) is read in GH/s, as AxeOS shows it; so is
any miner whose nominal rate is below one of its algorithm's unit (a Scrypt box of a few
hundred MH/s in MH/s). The unit is chosen once, when the entity is made, so that its
history stays in one unit.
"""

from __future__ import annotations

from typing import Final

from .driver import Algorithm, Firmware, Miner, MinerData, RateUnit
from .driver.models import lookup

# Firmware whose own interface shows the smaller unit whatever the device makes.
SMALL_UNIT_FIRMWARE: Final = frozenset({Firmware.BITAXE})


def rate_unit(miner: Miner, data: MinerData) -> RateUnit:
    algorithm = data.algorithm or Algorithm.SHA256
    if miner.family in SMALL_UNIT_FIRMWARE:
        return algorithm.small_unit
    model = lookup(data.model or miner.model, data.make or miner.make)
    nominal = model.hashrate_ths if model is not None else data.expected_hashrate
    unit = algorithm.unit
    small = nominal is not None and 0 < unit.to_unit(nominal) < 1
    return algorithm.small_unit if small else unit


def efficiency_unit(data: MinerData) -> RateUnit:
    """What the efficiency is read per: J/TH, J/MH (Scrypt), J/kSol (Equihash)."""
    return (data.algorithm or Algorithm.SHA256).efficiency_unit


def efficiency_symbol(unit: RateUnit) -> str:
    return f"J/{unit.symbol.removesuffix('/s')}"
