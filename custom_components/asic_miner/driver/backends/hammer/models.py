"""Hammer rows of the model table (Scrypt; rates in 10^12 hashes a second).

D10: three boards of 108 chips and two fans (pyasic miners/device/models/hammer/DX/D10.py),
5 GH/s nominal (pyasic's sticker rate, miners/hammer/blackminer/DX/D10.py); power as
Hammer publishes it for the D10 (about 3100 W).
"""

from __future__ import annotations

from typing import Final

from ...algorithm import Algorithm
from ...model_info import ModelInfo

MAKE: Final = "Hammer"

MODELS: Final[tuple[ModelInfo, ...]] = (
    ModelInfo(MAKE, "D10", 3, 108, 2, 0.005, 2900, 3100, algorithm=Algorithm.SCRYPT),
)
