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
    t9_chains: bool = False  # each board spread over three chains (captures.T9_CHAINS)


# The S9 on Hiveon: the stock S9 (chains 6..8, fans 5 and 6, the S9's BMMiner quirks) with
# the version block and figures of hiveos-asic's S9-Hiveon dump.
_S9 = replace(
    STOCK["antminer-s9"],
    key="hiveon-s9",
    name=captures.S9_TYPE,
    miner_version=captures.S9_PROGRAM["Miner"],
    compile_time=captures.S9_COMPILE_TIME,
)

# The T9: the stock S9's spec with the T9 dump's figures; its boards sit on chains 2-4, and
# rpc.py spreads each over the board's three chains as Hiveon's T9 reports them.
_T9 = replace(
    STOCK["antminer-s9"],
    key="hiveon-t9",
    name=captures.T9_TYPE,
    nominal_ths=captures.T9_RATE_IDEAL_GH / 1000,
    chips_per_board=54,  # 3 chains of 18
    first_chain=2,
    fan_rpm=captures.T9_FAN_RPM,
    board_temp=captures.T9_BOARD_TEMP,
    frequency=captures.T9_FREQUENCY,
    miner_version=captures.T9_PROGRAM["Miner"],
    compile_time=captures.T9_COMPILE_TIME,
)

MODELS: Final[dict[str, ModelSpec]] = {_S9.key: _S9, _T9.key: _T9}

EXTRAS: Final[dict[str, HiveonExtras]] = {
    _S9.key: HiveonExtras(
        bmminer=captures.S9_PROGRAM["BMMiner"],
        watts_per_ths=float(captures.S9_TOTAL_POWER.split()[0]) * 1000 / captures.S9_TOTAL_RATE_GH,
    ),
    _T9.key: HiveonExtras(
        bmminer=captures.T9_PROGRAM["BMMiner"],
        watts_per_ths=float(captures.T9_TOTAL_POWER.split()[0]) * 1000 / captures.T9_TOTAL_RATE_GH,
        t9_chains=True,
    ),
}
