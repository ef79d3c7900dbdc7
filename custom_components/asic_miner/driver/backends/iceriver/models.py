"""IceRiver's models: boards, chips per board, fans and rated figures, one row each.

Each row names its source beside it: "pyasic X" is pyasic's device table
(pyasic/miners/device/models/iceriver/X). Rated rate and power: no public source could
be found for them, so they are kept as written and marked "rated figure unsourced".
Models whose chip count no public source gives (KS0, KS1, KS3, KS3L; pyasic's tables
give their boards and fans only, asic-rs has no IceRiver rows) have no row: they are read
as they report themselves, without expected chips.
"""

from __future__ import annotations

from typing import Final

from ...algorithm import Algorithm
from ...model_info import ModelInfo

MAKE: Final = "IceRiver"

MODELS: Final[tuple[ModelInfo, ...]] = (
    # pyasic KSX/KS2.py: 3 boards of 18, 4 fans, kHeavyHash; rated figure unsourced
    ModelInfo(MAKE, "KS2", 3, 18, 4, 2.0, 1200, 1200, None, Algorithm.KHEAVYHASH),
    # pyasic KSX/KS3.py KS3M: 3 boards of 18, 4 fans, kHeavyHash, as the captured KS3M's
    # panel reports them (tests/simulator/iceriver/captures.py); rated figure unsourced
    ModelInfo(MAKE, "KS3M", 3, 18, 4, 6.0, 3400, 3400, None, Algorithm.KHEAVYHASH),
    # pyasic KSX/KS5.py KS5: 3 boards of 92, 4 fans, kHeavyHash; power the 3,400 W class
    # d-central.tech's "IceRiver dropping to 150W-200W" page gives the KS5; rated rate
    # unsourced (the KS5L's 12.0 stands in)
    ModelInfo(MAKE, "KS5", 3, 92, 4, 12.0, 3400, 3400, None, Algorithm.KHEAVYHASH),
    # pyasic KSX/KS5.py KS5L: 3 boards of 18, 4 fans, kHeavyHash; rated figure unsourced
    ModelInfo(MAKE, "KS5L", 3, 18, 4, 12.0, 3400, 3400, None, Algorithm.KHEAVYHASH),
    # pyasic KSX/KS5.py KS5M: 3 boards of 18, 4 fans, kHeavyHash; rated figure unsourced
    ModelInfo(MAKE, "KS5M", 3, 18, 4, 15.0, 3400, 3400, None, Algorithm.KHEAVYHASH),
    # pyasic ALX/AL3.py: 3 boards of 156, 4 fans, Blake3 (pyasic's BLOCKFLOW); rated figure
    # unsourced
    ModelInfo(MAKE, "AL3", 3, 156, 4, 15.0, 3500, 3500, None, Algorithm.BLAKE3),
)
