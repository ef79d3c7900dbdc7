"""Login credentials and the defaults each firmware ships with."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Firmware(StrEnum):
    """Firmware families the driver knows, each with its own backend."""

    ANTMINER = "antminer"  # Bitmain stock (BMMiner / CGMiner)
    WHATSMINER = "whatsminer"
    AVALON = "avalon"
    BRAIINS = "braiins"
    LUXOS = "luxos"
    VNISH = "vnish"
    EPIC = "epic"
    BITAXE = "bitaxe"
    GOLDSHELL = "goldshell"
    AURADINE = "auradine"
    INNOSILICON = "innosilicon"
    ICERIVER = "iceriver"
    MARATHON = "marathon"
    HIVEON = "hiveon"
    MSKMINER = "mskminer"
    ELPHAPEX = "elphapex"
    HAMMER = "hammer"
    VOLCMINER = "volcminer"
    SEALMINER = "sealminer"  # Bitdeer SealMiner stock (BDMiner)


@dataclass(frozen=True, slots=True)
class Credentials:
    """A username and password; either left None falls back to the firmware's default."""

    username: str | None = None
    password: str | None = field(default=None, repr=False)

    def resolve(self, firmware: Firmware) -> Credentials:
        """These credentials with the firmware's shipped defaults filled in."""
        default = DEFAULT_CREDENTIALS.get(firmware, Credentials())
        return Credentials(
            username=self.username if self.username is not None else default.username,
            password=self.password if self.password is not None else default.password,
        )


# As shipped by the vendors (docs/protocols.md §7).
DEFAULT_CREDENTIALS: dict[Firmware, Credentials] = {
    Firmware.ANTMINER: Credentials("root", "root"),
    Firmware.HIVEON: Credentials("root", "root"),
    # MSKMiner's web: admin, password root (pyasic web/mskminer.py).
    Firmware.MSKMINER: Credentials("admin", "root"),
    # Scrypt makes with an Antminer-like digest web (pyasic web/elphapex.py, web/hammer.py).
    Firmware.ELPHAPEX: Credentials("root", "root"),
    Firmware.HAMMER: Credentials("root", "root"),
    Firmware.VOLCMINER: Credentials("root", "ltc@dog"),
    Firmware.MARATHON: Credentials("root", "root"),
    # Braiins OS: an empty password on current versions; backends also try "root" (older).
    Firmware.BRAIINS: Credentials("root", ""),
    Firmware.WHATSMINER: Credentials("admin", "admin"),
    Firmware.VNISH: Credentials("admin", "admin"),
    Firmware.EPIC: Credentials("root", "letmein"),
    Firmware.GOLDSHELL: Credentials("admin", "123456789"),
    Firmware.INNOSILICON: Credentials("admin", "admin"),
    Firmware.AURADINE: Credentials("admin", "admin"),
    Firmware.ICERIVER: Credentials("admin", "12345678"),
    # Bitdeer SealMiner: seal / seal (asic-rs firmwares/sealminer v2025 default_auth).
    Firmware.SEALMINER: Credentials("seal", "seal"),
}
