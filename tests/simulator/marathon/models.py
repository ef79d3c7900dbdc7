"""The simulated MARA models: the hardware the captures come from."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final


@dataclass(frozen=True, slots=True)
class MaraSpec:
    name: str  # overview.model
    rated_watts: int  # the power target it starts with (Bitmain's rating)


# KS5 Pro: the two captured miners (captures.py).
MODELS: Final[dict[str, MaraSpec]] = {"marathon-ks5pro": MaraSpec("Antminer KS5 Pro", 3150)}
