"""VolcMiner rows of the model table (Scrypt; rates in 10^12 hashes a second).

D1: three boards of 105 chips and four fans (pyasic miners/device/models/volcminer/DX/D1.py),
15.15 GH/s nominal (pyasic's sticker rate, miners/volcminer/blackminer/DX/D1.py); power
as VolcMiner publishes it for the D1 (about 3550 W).
"""

from __future__ import annotations

from typing import Final

from ...algorithm import Algorithm
from ...model_info import ModelInfo

MAKE: Final = "VolcMiner"

MODELS: Final[tuple[ModelInfo, ...]] = (
    ModelInfo(MAKE, "D1", 3, 105, 4, 0.01515, 3400, 3550, algorithm=Algorithm.SCRYPT),
)
