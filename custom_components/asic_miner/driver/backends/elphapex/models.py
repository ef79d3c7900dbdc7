"""Elphapex rows of the model table (Scrypt; rates in 10^12 hashes a second).

Boards, chips and fans as pyasic's device models (miners/device/models/elphapex/DGX/DG1.py);
nominal rates and power as Elphapex publishes them (DG1+ 14.4 GH/s, DG1 11 GH/s, DG1 Home
2.1 GH/s). pyasic's capture of a DG1+ (version_1_0_2.py) reports ``rate_ideal`` 14229 MH/s.
"""

from __future__ import annotations

from typing import Final

from ...algorithm import Algorithm
from ...model_info import ModelInfo

MAKE: Final = "Elphapex"

MODELS: Final[tuple[ModelInfo, ...]] = (
    ModelInfo(MAKE, "DG1+", 4, 204, 4, 0.0144, 3800, 3950, algorithm=Algorithm.SCRYPT),
    ModelInfo(MAKE, "DG1", 4, 144, 4, 0.011, 3300, 3420, algorithm=Algorithm.SCRYPT),
    ModelInfo(MAKE, "DG1 Home", 4, 120, 4, 0.0021, 580, 630, algorithm=Algorithm.SCRYPT),
)
