"""The simulated LuxOS models: which capture each is built from."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from . import captures


@dataclass(frozen=True, slots=True)
class LuxosSpec:
    key: str
    name: str  # version Type, config Model: "Antminer S19k Pro"
    boards: int
    chips_per_board: int
    captured_profile: str  # the profile the capture's figures were read at
    captured_watts: int  # power Watts at that profile


MODELS: Final[dict[str, LuxosSpec]] = {
    # The ASIC_RS capture: an S19k Pro, three boards of 77 chips, 1051 W at 290MHz.
    "luxos-s19kpro": LuxosSpec(
        key="luxos-s19kpro",
        name=captures.VERSION["VERSION"][0]["Type"],
        boards=captures.CONFIG["CONFIG"][0]["ASC Count"],
        chips_per_board=captures.STATS["STATS"][1]["chain_acn1"],
        captured_profile=captures.CONFIG["CONFIG"][0]["Profile"],
        captured_watts=captures.POWER["POWER"][0]["Watts"],
    ),
}
