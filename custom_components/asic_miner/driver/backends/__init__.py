"""Firmware backends: one ``Miner`` subclass per firmware family (and generation)."""

from .antminer import AntminerModern, AntminerOld, AntminerStock
from .whatsminer import Whatsminer
from .whatsminer_v2 import WhatsminerV2
from .whatsminer_v3 import WhatsminerV3

__all__ = [
    "AntminerModern",
    "AntminerOld",
    "AntminerStock",
    "Whatsminer",
    "WhatsminerV2",
    "WhatsminerV3",
]
