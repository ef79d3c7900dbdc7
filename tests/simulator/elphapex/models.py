"""The Elphapex models the simulator can be (the one captured: a DG1+)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final


@dataclass(frozen=True, slots=True)
class ElphapexSpec:
    key: str
    name: str  # get_system_info minertype, as the driver's table names it
    boards: int
    chips_per_board: int
    fans: int
    board_ideal_mhs: float  # chain[] rate_ideal (3557.25 MH/s a board in the capture)


MODELS: Final[dict[str, ElphapexSpec]] = {
    "elphapex-dg1plus": ElphapexSpec("elphapex-dg1plus", "DG1+", 4, 204, 4, 3557.25),
}
