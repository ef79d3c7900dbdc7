"""The Hiveon models the simulator can be: a stock Antminer spec with Hiveon's names, and
what Hiveon adds (its BMMiner build tag, the watts it reports)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Final

from ..antminer.models import MODELS as STOCK
from ..antminer.models import ModelSpec
from . import captures


@dataclass(frozen=True, slots=True)
class HiveonExtras:
    bmminer: str  # "BMMiner" in version and STATS[0]
    watts_per_ths: float  # what chain_power{n} reports per TH/s the chain hashes


# The S9 on Hiveon: the stock S9 (chains 6..8, fans 5 and 6, the S9's BMMiner quirks) with
# the version block and figures of hiveos-asic's S9-Hiveon dump.
_S9 = replace(
    STOCK["antminer-s9"],
    key="hiveon-s9",
    name=captures.S9_TYPE,
    miner_version=captures.S9_PROGRAM["Miner"],
    compile_time=captures.S9_COMPILE_TIME,
)

MODELS: Final[dict[str, ModelSpec]] = {_S9.key: _S9}

EXTRAS: Final[dict[str, HiveonExtras]] = {
    _S9.key: HiveonExtras(
        bmminer=captures.S9_PROGRAM["BMMiner"],
        watts_per_ths=float(captures.S9_TOTAL_POWER.split()[0]) * 1000 / captures.S9_TOTAL_RATE_GH,
    ),
}
