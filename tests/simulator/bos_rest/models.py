"""The Braiins OS REST models the simulator can be: which captures each answers from.

A row names its capture set (captures.py) and what no capture shows: the tuner's bounds
that configuration/constraints reports (the schema is GetConstraintsResponse of the published
OpenAPI; the bounds are the simulator's own, around the captured power target, as no
constraints reply of a real miner is published) and the login's token lifetime (timeout_s;
the 3600 s aleixps/Braiins-OS-HA api.py falls back to).
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
        power_min=1200,
        power_max=4500,
        power_default=3500,
        hashrate_min=100.0,
        hashrate_max=280.0,
        hashrate_default=234.0,
    ),
    # An S19 XP on 25.07, the first release with the REST API (default 3031 W, captured).
    "braiins-s19xp-bos2507": BosRestSpec(
        name="Antminer S19 XP",
        prefix="S19XP_2507",
        power_min=1000,
        power_max=3600,
        power_default=3031,
        hashrate_min=60.0,
        hashrate_max=160.0,
        hashrate_default=141.0,
    ),
}
