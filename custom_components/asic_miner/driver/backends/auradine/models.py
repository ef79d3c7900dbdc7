"""Auradine's rows of the model table.

Each row names its source beside it. Boards, chips and fans: asic-rs
(256foundation/asic-rs) asic-rs-makes/auradine/src/hardware.rs and pyasic's
miners/device/models/auradine/AT. Rated rate and power: no public source could be found
for them, so they are kept as written and marked "rated figure unsourced"; the floor is
the power control's minimum (backend.py), the ceiling only a fallback for the supply's
PoutMax. The immersion and hydro models (AI2500, AI3680, AH3880) are left out: no source
gives their chips, so they are read as Auradine miners of an unknown model.
"""

from __future__ import annotations

from typing import Final

from ...model_info import ModelInfo

MAKE: Final = "Auradine"

MODELS: Final[tuple[ModelInfo, ...]] = (
    # asic-rs hardware.rs AT1500 and pyasic AT/AT1.py: 3 boards of 132, 4 fans. Rated figure
    # unsourced; the captured AT1500 (asic-rs auradine test/json/v1) ran in mode "Ths" 160 at
    # "Power" 2000 with a supply PoutMax of 3452 W.
    ModelInfo(MAKE, "AT1500", 3, 132, 4, 180.0, 1500, 3400),
    # asic-rs hardware.rs AT2880: 3 boards of 138, 4 fans (pyasic AT/AT2.py: 3 boards,
    # 4 fans, no chip count). Rated figure unsourced.
    ModelInfo(MAKE, "AT2880", 3, 138, 4, 260.0, 2000, 3800),
)
