"""Model rows MARA firmware adds to the table: hashboards it runs that stock rows lack.

KS5 Pro: boards, chips and fans as the captured ``/kaonsu/v1/hashboards`` and ``fans`` of
two KS5 Pro on MaraFW rel 3.14_584 report them (``hashboard_num_ideal`` 3,
``asic_num_ideal`` 92, four fans; pyasic device/models/antminer/X5/KS5.py agrees);
``hashrate_sales`` 21000 GH/s; power as Bitmain rates it (3150 W).

The S19 models MaraFW runs (pyasic's MARA table: S19, S19 Pro, S19j, S19j Pro, S19 XP,
S19k Pro) are the stock table's rows (antminer/models.py); the power target runs from half
their rated power to it (controls.py), an S19 XP's 1505 to 3010 W.
"""

from __future__ import annotations

from typing import Final

from ...algorithm import Algorithm
from ...model_info import ModelInfo
from ..antminer.models import MAKE, MODERN

MODELS: Final[tuple[ModelInfo, ...]] = (
    ModelInfo(MAKE, "KS5 Pro", 3, 92, 4, 21.0, 3000, 3150, MODERN, Algorithm.KHEAVYHASH),
)
