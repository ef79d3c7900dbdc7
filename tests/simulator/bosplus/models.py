"""The simulated Braiins OS+ models: the hardware (the stock table's figures) and the
firmware release whose captured answers it gives (captures.py)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final


@dataclass(frozen=True, slots=True)
class BosPlusSpec:
    model_name: str  # bosminer.info.modelName
    boards: int
    chips_per_board: int
    fans: int
    nominal_ths: float
    default_power_w: int  # the tuner's default power target
    power_bounds_w: tuple[int, int]  # metadata.autotuning.powerTarget min / max
    hashrate_bounds_ths: tuple[float, float]  # metadata.autotuning.hashrateTarget
    version: str  # bos.info.version.full


MODELS: Final[dict[str, BosPlusSpec]] = {
    # An Antminer S19 (stock row: 3 x 76 chips, 4 fans, 95 TH/s, 3250 W) on BOS+ 24.09.
    "braiins-s19-bosplus": BosPlusSpec(
        model_name="Antminer S19",
        boards=3,
        chips_per_board=76,
        fans=4,
        nominal_ths=95.0,
        default_power_w=3250,
        power_bounds_w=(1700, 6500),
        hashrate_bounds_ths=(47.5, 142.5),  # not captured: half to one and a half nominal
        version="2024-10-17-0-75912fc7-24.09-plus",
    ),
}
