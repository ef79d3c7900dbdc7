"""The "blackMiner" models the simulator can be (the one captured: a Hammer D10)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final


@dataclass(frozen=True, slots=True)
class BlackMinerSpec:
    key: str
    minertype: str  # get_system_info minertype and the version Type
    name: str  # the model as the driver's table names it
    boards: int
    chips_per_board: int
    fans: int


MODELS: Final[dict[str, BlackMinerSpec]] = {
    "hammer-d10": BlackMinerSpec("hammer-d10", "Hammer D10", "D10", 3, 108, 2),
}
