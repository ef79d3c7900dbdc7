"""The simulated ePIC models: which capture each is built from."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final


@dataclass(frozen=True, slots=True)
class EpicSpec:
    key: str
    # capabilities "PerpetualTune" gets a "Power" algorithm with these bounds (W); None:
    # only the captured hashrate algorithms.
    power_bounds: tuple[int, int] | None = None


MODELS: Final[dict[str, EpicSpec]] = {
    # The S19 XP of the capture as it is: three hashrate algorithms (60-300 TH/s).
    "epic-s19xp": EpicSpec("epic-s19xp"),
    # The same miner offering the schema's "Power" algorithm too (PerpetualTuneOption of
    # the 1.22.5 / 1.30.0 schema; no capture lists one). Its bounds are the lowest and
    # highest power of the capture's own "Tune Presets" (1700 and 4400 W).
    "epic-s19xp-power": EpicSpec("epic-s19xp-power", power_bounds=(1700, 4400)),
}
