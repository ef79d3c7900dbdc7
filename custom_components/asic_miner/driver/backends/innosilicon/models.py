"""Innosilicon models read by this backend.

A9 ZMaster (Equihash): three chains of 12 chips, as the captured innominer a9-1.1.0
``stats`` reports them ("Chain ID" 0-2, "Num chips" 12; foreman-apps
foreman-innosilicon InnosiliconStatsITest "A9 (new)"); 50 kSol/s and 620 W as Innosilicon
rates it; three fans (the stats' one "Fan duty" drives them).
"""

from __future__ import annotations

from typing import Final

from ...algorithm import Algorithm
from ...model_info import ModelInfo

MAKE: Final = "Innosilicon"

MODELS: Final[tuple[ModelInfo, ...]] = (
    # 50 kSol/s: 5e4 of the algorithm's work per second, in 10^12 units.
    ModelInfo(MAKE, "A9", 3, 12, 3, 5e-8, 620, 620, None, Algorithm.EQUIHASH),
)
