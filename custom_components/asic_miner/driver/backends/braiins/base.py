"""What every generation of Braiins OS shares: an Antminer's make, the firmware's name and
login defaults, and the controls all three interfaces offer."""

from __future__ import annotations

from typing import ClassVar, Final

from ...credentials import Firmware
from ...miner import Capability, Miner

MAKE: Final = "Antminer"
FIRMWARE: Final = "Braiins OS"


class BraiinsMiner(Miner):
    """An Antminer on Braiins OS; its subclasses are the generations' interfaces."""

    make = MAKE
    firmware = FIRMWARE
    family = Firmware.BRAIINS
    requires_credentials = True
    capabilities: ClassVar[frozenset[Capability]] = frozenset(
        {
            Capability.REBOOT,
            Capability.RESTART_BACKEND,
            Capability.STOP_MINING,
            Capability.RESUME_MINING,
            Capability.FAULT_LIGHT,
            Capability.GET_CONFIG,
            Capability.SEND_CONFIG,
        }
    )
