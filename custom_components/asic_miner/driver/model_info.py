"""One row of the model table: what a known miner model should have."""

from __future__ import annotations

from dataclasses import dataclass

from .algorithm import Algorithm


@dataclass(frozen=True, slots=True)
class ModelInfo:
    make: str
    name: str  # as the vendor writes it, without the make: "S19j Pro"
    boards: int
    chips_per_board: int
    fans: int
    hashrate_ths: float  # nominal, 10^12 of the algorithm's work per second (TH/s)
    power_min_w: int
    power_max_w: int
    generation: str | None = None
    algorithm: Algorithm = Algorithm.SHA256

    @property
    def full_name(self) -> str:
        return f"{self.make} {self.name}"

    @property
    def expected_chips(self) -> int:
        return self.boards * self.chips_per_board
