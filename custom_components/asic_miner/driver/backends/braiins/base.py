"""What every generation of Braiins OS shares: an Antminer's make, the firmware's name and
login defaults, and the controls all three interfaces offer."""

from __future__ import annotations

from typing import ClassVar, Final

from ...credentials import Credentials, Firmware
from ...miner import Capability, Miner

MAKE: Final = "Antminer"
FIRMWARE: Final = "Braiins OS"
# Braiins OS shipped root with the password "root" before it went empty (protocols.md §7).
OLDER_DEFAULT_PASSWORD: Final = "root"


def login_passwords(credentials: Credentials, *, password_given: bool) -> list[str]:
    """The passwords to try, in order: the user's alone; without one, the current
    default (empty) and then the older releases' ("root")."""
    first = credentials.password or ""
    return [first] if password_given else list(dict.fromkeys([first, OLDER_DEFAULT_PASSWORD]))


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
