"""Model rows MARA firmware adds to the table: hashboards it runs that stock rows lack.

KS5 Pro: boards, chips and fans as the captured ``/kaonsu/v1/hashboards`` and ``fans`` of
two KS5 Pro on MaraFW rel 3.14_584 report them (``hashboard_num_ideal`` 3,
``asic_num_ideal`` 92, four fans; pyasic device/models/antminer/X5/KS5.py agrees);
``hashrate_sales`` 21000 GH/s; power as Bitmain rates it (3150 W).
"""

from __future__ import annotations

from typing import Final

from ...model_info import ModelInfo
from ..antminer.models import MAKE, MODERN

MODELS: Final[tuple[ModelInfo, ...]] = (
    ModelInfo(MAKE, "KS5 Pro", 3, 92, 4, 21.0, 3000, 3150, MODERN),
)
