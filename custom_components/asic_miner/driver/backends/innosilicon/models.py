"""Innosilicon models read by this backend, one row each with its source beside it."""

from __future__ import annotations

from typing import Final

from ...algorithm import Algorithm
from ...model_info import ModelInfo

MAKE: Final = "Innosilicon"

# Innosilicon names its models by what they mine (its product lines; pyasic's table has
# A10X/A11 on Ethash and T3H on SHA-256): a model without a row is read in its line's
# algorithm, not in the A9's.
LINES: Final[tuple[tuple[str, Algorithm], ...]] = (
    ("A10", Algorithm.ETHASH),
    ("A11", Algorithm.ETHASH),
    ("A9", Algorithm.EQUIHASH),
    ("T", Algorithm.SHA256),
    ("D9", Algorithm.X11),
)


def algorithm_of(model: str | None) -> Algorithm | None:
    """The algorithm of the model's product line; None for a line not known here."""
    name = (model or "").upper()
    return next((algorithm for prefix, algorithm in LINES if name.startswith(prefix)), None)


MODELS: Final[tuple[ModelInfo, ...]] = (
    # A9 ZMaster (Equihash): three chains of 12 chips, as the captured innominer a9-1.1.0
    # stats reports them ("Chain ID" 0-2, "Num chips" 12; foreman-apps (delawr0190/
    # foreman-apps) InnosiliconStatsITest "A9 (new)"; pyasic has no A9). Rated figure
    # unsourced (50 kSol/s, 620 W; that capture's summary "MHS av" is 51274.60); fan count
    # unsourced (the stats give one "Fan duty", no fan list). 50 kSol/s is 5e4 of the
    # algorithm's work per second, in 10^12 units.
    ModelInfo(MAKE, "A9", 3, 12, 3, 5e-8, 620, 620, None, Algorithm.EQUIHASH),
)
