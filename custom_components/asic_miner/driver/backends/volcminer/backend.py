"""VolcMiner D1: the "blackMiner" firmware, read and controlled as Hammer's (pyasic's
VolcMinerD1 is its BlackMiner class); its web login ships as root / ltc@dog."""

from __future__ import annotations

from ...credentials import Firmware
from ..hammer.backend import BlackMiner
from .models import MAKE


class VolcMiner(BlackMiner):
    make = MAKE
    family = Firmware.VOLCMINER
