"""The simulated Auradine models: the captured AT1500, and an AT2880 built from its replies.

Only AT1500 replies are public (captures.py). The AT2880 answers with their keys, types and
units and with its own hardware as the model table has it (three boards of 138 chips,
four fans; asic-rs makes/auradine hardware.rs).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final


@dataclass(frozen=True, slots=True)
class AuradineSpec:
    key: str
    name: str  # ipreport model, devdetails Model
    boards: int
    fans: int
    board_mhs: float  # each board's MHS 5s while mining at full power
    power_target: int  # mode Power it starts with
    psu_max_watts: float  # psu PoutMax


MODELS: Final[dict[str, AuradineSpec]] = {
    # devs.json: boards at MHS 5s 6800000, 6900000, 7000000 (a step of 100000 a board)
    "auradine-at1500": AuradineSpec("auradine-at1500", "AT1500", 3, 4, 6800000.0, 2000, 3452.0),
    "auradine-at2880": AuradineSpec("auradine-at2880", "AT2880", 3, 4, 86000000.0, 3500, 3800.0),
}
