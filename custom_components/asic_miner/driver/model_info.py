"""One row of the model table: what a known miner model should have."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class ModelInfo:
    make: str
    name: str  # as the vendor writes it, without the make: "S19j Pro"
    boards: int
    chips_per_board: int
    fans: int
    hashrate_ths: float  # nominal
    power_min_w: int
    power_max_w: int
    generation: str | None = None

    @property
    def full_name(self) -> str:
        return f"{self.make} {self.name}"

    @property
    def expected_chips(self) -> int:
        return self.boards * self.chips_per_board
