"""The Braiins OS REST models the simulator can be: which captures each answers from.

A row names its capture set (captures.py) and what its captures do not show: the tuner's
bounds that configuration/constraints reports and the login's token lifetime (timeout_s;
the 3600 s aleixps/Braiins-OS-HA api.py falls back to).

The one constraints reply of a real miner published is an S19k Pro's (asic-rs pull request
#292, read from the miner: power_target default 2760 W, min 771 W, max 6435 W;
hashrate_target default 120, min 11.36, max 268.46 TH/s): both models take its minima and
maxima, which span the tuner's range rather than the model's, with their own defaults (the
captured power target, the nominal hashrate). The reply's shape is GetConstraintsResponse
of the published OpenAPI.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from . import captures


@dataclass(frozen=True, slots=True)
class BosRestSpec:
    name: str  # as miner/details names it
    prefix: str  # the captures.py names of its replies: "S21PRO_2604"
    power_min: int  # W, configuration/constraints tuner_constraints.power_target
    power_max: int
    power_default: int
    hashrate_min: float  # TH/s, tuner_constraints.hashrate_target
    hashrate_max: float
    hashrate_default: float
    token_seconds: int = 3600

    def capture(self, endpoint: str) -> Any:
        """The captured reply of an endpoint: "MINER_DETAILS" → S21PRO_2604_MINER_DETAILS."""
        return getattr(captures, f"{self.prefix}_{endpoint}")


MODELS: dict[str, BosRestSpec] = {
    # An S21 Pro on 26.04 (BOS 25.07 and later speak the same API; this is the newest
    # published capture of an S21). Power target default: its configuration/miner (3500 W).
    "braiins-s21-bos": BosRestSpec(
        name="Antminer S21 Pro",
        prefix="S21PRO_2604",
        power_min=771,
        power_max=6435,
        power_default=3500,
        hashrate_min=11.36,
        hashrate_max=268.46,
        hashrate_default=234.0,
    ),
    # An S19 XP on 25.07, the first release with the REST API (default 3031 W, captured).
    "braiins-s19xp-bos2507": BosRestSpec(
        name="Antminer S19 XP",
        prefix="S19XP_2507",
        power_min=771,
        power_max=6435,
        power_default=3031,
        hashrate_min=11.36,
        hashrate_max=268.46,
        hashrate_default=141.0,
    ),
}
