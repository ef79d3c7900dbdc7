"""Hammer rows of the model table (Scrypt; rates in 10^12 hashes a second)."""

from __future__ import annotations

from typing import Final

from ...algorithm import Algorithm
from ...model_info import ModelInfo

MAKE: Final = "Hammer"

MODELS: Final[tuple[ModelInfo, ...]] = (
    # D10: 3 boards of 108 (pyasic miners/device/models/hammer/DX/D10.py; its capture
    # tests/miners_tests/backends_tests/hammer_tests/version_2023_05_28.py: chain_acn1-3 108)
    # and 4 fans: that capture has fan_num 4, fan1-fan4 all turning (pyasic's device table
    # says 2). 5 GH/s nominal: pyasic's sticker rate (miners/hammer/blackminer/DX/D10.py).
    # Power figure unsourced.
    ModelInfo(MAKE, "D10", 3, 108, 4, 0.005, 2900, 3100, algorithm=Algorithm.SCRYPT),
)
