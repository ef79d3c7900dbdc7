"""VolcMiner rows of the model table (Scrypt; rates in 10^12 hashes a second)."""

from __future__ import annotations

from typing import Final

from ...algorithm import Algorithm
from ...model_info import ModelInfo

MAKE: Final = "VolcMiner"

MODELS: Final[tuple[ModelInfo, ...]] = (
    # D1: 3 boards of 105, 4 fans (pyasic miners/device/models/volcminer/DX/D1.py; asic-rs
    # asic-rs-makes/volcminer/src/hardware.rs: 4 fans, boards not given). 15.15 GH/s nominal:
    # pyasic's sticker rate (miners/volcminer/blackminer/DX/D1.py). Power figure unsourced.
    ModelInfo(MAKE, "D1", 3, 105, 4, 0.01515, 3400, 3550, algorithm=Algorithm.SCRYPT),
)
