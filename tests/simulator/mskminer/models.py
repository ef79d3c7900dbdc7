"""The MSKMiner models the simulator can be (the one captured: an S19 with 88-chip boards)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final


@dataclass(frozen=True, slots=True)
class MskSpec:
    key: str
    name: str  # the model as the driver's table names it
    boards: int
    chips_per_board: int
    fans: int


MODELS: Final[dict[str, MskSpec]] = {
    "mskminer-s19-88": MskSpec("mskminer-s19-88", "S19-88", boards=3, chips_per_board=88, fans=4)
}
