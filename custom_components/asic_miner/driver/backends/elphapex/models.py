"""Elphapex rows of the model table (Scrypt; rates in 10^12 hashes a second).

Each row names its source beside it. Nominal rates and power: no public source could be
found for Elphapex's published figures, so they are kept as written and marked "rated
figure unsourced"; the driver reads the miner's own ``rate_ideal`` first and falls back to
the row's rate only when the reply lacks it.
"""

from __future__ import annotations

from typing import Final

from ...algorithm import Algorithm
from ...model_info import ModelInfo

MAKE: Final = "Elphapex"

MODELS: Final[tuple[ModelInfo, ...]] = (
    # pyasic miners/device/models/elphapex/DGX/DG1.py DG1Plus: 4 boards of 204, 4 fans; its
    # capture of a DG1+ (tests/miners_tests/backends_tests/elphapex_tests/version_1_0_2.py)
    # has "asic_num" 204 on each of 4 chains, fan_num 4, rate_ideal 14229 MH/s. asic-rs
    # asic-rs-makes/elphapex/src/hardware.rs says 210 chips a board: not taken, the capture
    # says 204. Rated figure unsourced.
    ModelInfo(MAKE, "DG1+", 4, 204, 4, 0.0144, 3800, 3950, algorithm=Algorithm.SCRYPT),
    # pyasic DGX/DG1.py DG1 and asic-rs hardware.rs DG1: 4 boards of 144, 4 fans. Rated
    # figure unsourced.
    ModelInfo(MAKE, "DG1", 4, 144, 4, 0.011, 3300, 3420, algorithm=Algorithm.SCRYPT),
    # The firmware names it "DG-Home1" (asic-rs asic-rs-firmwares/elphapex/src/test/json/v1
    # get_system_info.json minertype and stats.json INFO type; pyasic issue #341): one board
    # of 120 chips, the only chain of the four it lists with chips, a serial and an EEPROM
    # (asic-rs stats.json; pyasic issues #341 and #428 show the same three empty chains);
    # fan_num 4. pyasic DGX/DG1.py DG1Home and asic-rs hardware.rs list 4 boards of 120: the
    # chain slots, not the boards. Rated figure unsourced; the captures report rate_ideal
    # 2160 MH/s (pyasic issue #341) and 3003.75 MH/s (asic-rs stats.json).
    ModelInfo(MAKE, "DG Home 1", 1, 120, 4, 0.0021, 580, 630, algorithm=Algorithm.SCRYPT),
)
