"""IceRiver's models: boards, chips per board and fans as pyasic's device table has them
(pyasic device/models/iceriver: KS2, KS3M, KS5L, KS5M 3 boards of 18 chips, AL3 3 of 156,
four fans); rates and power as IceRiver rates them. The captured KS3M's panel reports
three boards of 18 chips and four fans (tests/simulator/iceriver/captures.py). Models
whose chip count no public source gives (KS0, KS1, KS3, KS3L) have no row: they are read
as they report themselves, without expected chips.
"""

from __future__ import annotations

from typing import Final

from ...algorithm import Algorithm
from ...model_info import ModelInfo

MAKE: Final = "IceRiver"

MODELS: Final[tuple[ModelInfo, ...]] = (
    ModelInfo(MAKE, "KS2", 3, 18, 4, 2.0, 1200, 1200, None, Algorithm.KHEAVYHASH),
    ModelInfo(MAKE, "KS3M", 3, 18, 4, 6.0, 3400, 3400, None, Algorithm.KHEAVYHASH),
    ModelInfo(MAKE, "KS5L", 3, 18, 4, 12.0, 3400, 3400, None, Algorithm.KHEAVYHASH),
    ModelInfo(MAKE, "KS5M", 3, 18, 4, 15.0, 3400, 3400, None, Algorithm.KHEAVYHASH),
    ModelInfo(MAKE, "AL3", 3, 156, 4, 15.0, 3500, 3500, None, Algorithm.BLAKE3),
)
