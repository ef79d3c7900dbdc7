"""Auradine's rows of the model table.

Boards, chips and fans as asic-rs makes/auradine hardware.rs and pyasic's
miners/device/models/auradine list them (three boards; 132 chips on the AT1500, 138 on the
AT2880; four fans). Rated rate and power are Auradine's published figures for the air
cooled Teraflux models. The immersion and hydro models (AI2500, AI3680, AH3880) are left
out: no source gives their chips, so they are read as Auradine miners of an unknown model.
"""

from __future__ import annotations

from typing import Final

from ...model_info import ModelInfo

MAKE: Final = "Auradine"

MODELS: Final[tuple[ModelInfo, ...]] = (
    ModelInfo(MAKE, "AT1500", 3, 132, 4, 180.0, 1500, 3400),
    ModelInfo(MAKE, "AT2880", 3, 138, 4, 260.0, 2000, 3800),
)
