"""SealMiner rows of the model table.

Each row names its source beside it. Rated rate and power: no public source could be
found for Bitdeer's published figures, so they are kept as written and marked "rated
figure unsourced"; the power range is the power control's bounds (backend.py).
"""

from __future__ import annotations

from typing import Final

from ...model_info import ModelInfo

MAKE: Final = "Bitdeer"
PREFIX: Final = "SealMiner "

MODELS: Final[tuple[ModelInfo, ...]] = (
    # asic-rs (256foundation/asic-rs) asic-rs-makes/sealminer/src/hardware.rs A2: 3 boards of
    # 153, 4 fans; its captured A2 (asic-rs-firmwares/sealminer/src/test/json/v2025/stats.json)
    # says "Chip Count" 153 a board and "Fan Count" 4. Rated figure unsourced (226 TH/s,
    # 3730 W); that A2 reported "MHS(Rated)" 230839407 (230.8 TH/s) at "Power Limit" 3500.
    ModelInfo(MAKE, "SealMiner A2", 3, 153, 4, 226.0, 1865, 3730),
)
