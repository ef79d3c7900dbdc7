"""SealMiner rows of the model table.

A2: three boards of 153 chips and four fans (asic-rs makes/sealminer hardware.rs; the
captured stats say "Chip Count" 153 per board, "Fan Count" 4). Rated rate and power as
Bitdeer publishes them for the air-cooled A2 (226 TH/s at 16.5 J/TH, about 3730 W); the
captured A2 ran at "Power Limit" 3500 W.
"""

from __future__ import annotations

from typing import Final

from ...model_info import ModelInfo

MAKE: Final = "Bitdeer"
PREFIX: Final = "SealMiner "

MODELS: Final[tuple[ModelInfo, ...]] = (
    ModelInfo(MAKE, "SealMiner A2", 3, 153, 4, 226.0, 1865, 3730),
)
