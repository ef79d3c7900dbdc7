"""MSKMiner's rows of the model table.

"S19-88": the S19 with 88-chip boards (pyasic: MSKMinerS19NoPIC, three boards of 88 chips,
four fans); nominal TH/s as the firmware reports its boards' ideal rate (99.67 TH/s in
pyasic's capture, version_2_6_0_39.py), power as the stock S19's.
"""

from __future__ import annotations

from typing import Final

from ...model_info import ModelInfo
from ..antminer.models import MAKE, MODERN

MODELS: Final[tuple[ModelInfo, ...]] = (
    ModelInfo(MAKE, "S19-88", 3, 88, 4, 99.7, 3000, 3250, MODERN),
)
