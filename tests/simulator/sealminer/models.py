"""The simulated SealMiner models: the captured A2 (captures.py)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final


@dataclass(frozen=True, slots=True)
class SealSpec:
    key: str
    model: str  # stats Model, web miner_type, devdetails Model
    boards: int
    fans: int


MODELS: Final[dict[str, SealSpec]] = {
    "sealminer-a2": SealSpec("sealminer-a2", "A2", 3, 4),
}
