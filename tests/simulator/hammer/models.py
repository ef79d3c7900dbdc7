"""The "blackMiner" models the simulator can be: the captured Hammer D10, and the VolcMiner
D1 (pyasic reads it with the same BlackMiner class; no reply of one is public), served as
the D10's replies with the D1's minertype, chips, fans, nominal rate and shipped password,
the way marathon-s19xp serves the KS5 Pro's."""

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
    rate_scale: float = 1.0  # the model's nominal rate over the captured D10's (5 GH/s)
    password: str = "root"  # the web login as shipped


MODELS: Final[dict[str, BlackMinerSpec]] = {
    "hammer-d10": BlackMinerSpec("hammer-d10", "Hammer D10", "D10", 3, 108, 4),
    "volcminer-d1": BlackMinerSpec(
        "volcminer-d1", "VolcMiner D1", "D1", 3, 105, 4, 15.15 / 5.0, password="ltc@dog"
    ),
}
