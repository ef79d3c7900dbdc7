"""Live readings of a simulated Whatsminer, derived from the model and the state."""

from __future__ import annotations

from dataclasses import dataclass

from .models import WhatsminerSpec
from .state import WhatsminerState

MODE_SCALE = {"low": 0.8, "normal": 1.0, "high": 1.1}
MODE_POWER = {"low": 0.75, "normal": 1.0, "high": 1.15}
AMBIENT = 25.0


@dataclass(frozen=True, slots=True)
class WmBoard:
    index: int
    rate_mh: float
    chips: int
    temp: float
    chip_temp_min: float
    chip_temp_max: float
    chip_temp_avg: float
    frequency: int
    serial: str


@dataclass(frozen=True, slots=True)
class WmSnapshot:
    boards: tuple[WmBoard, ...]
    hashing: bool
    fan_in: int
    fan_out: int
    power: int  # W at the wall (0 while stopped)
    power_limit: int
    ideal_mh: float  # nominal, for "Factory GHS"
    target_mh: float  # what the current mode / limit aims at
    elapsed: int  # seconds btminer has been running
    uptime: int  # seconds since boot
    env_temp: float
    psu_fan: int

    @property
    def total_mh(self) -> float:
        return round(sum(b.rate_mh for b in self.boards), 2)


def _scale(spec: WhatsminerSpec, state: WhatsminerState) -> tuple[float, float]:
    """(hashrate scale, power scale) of the current mode, percentage and power limit."""
    rate = MODE_SCALE.get(state.power_mode, 1.0) * state.power_pct / 100
    power = MODE_POWER.get(state.power_mode, 1.0) * state.power_pct / 100
    watts = spec.nominal_watts * power
    if state.power_limit < watts:  # the limit caps power; hashrate follows it
        rate *= state.power_limit / watts
        power *= state.power_limit / watts
    return rate, power


def take(spec: WhatsminerSpec, state: WhatsminerState, serial: str, now: float) -> WmSnapshot:
    hashing = state.mining
    rate_scale, power_scale = _scale(spec, state)
    ideal = spec.nominal_ths * 1_000_000 / spec.boards
    boards = []
    for i in range(spec.boards):
        # whole GH/s (0.001 TH/s): exact in both the V2 (MH/s) and V3 (TH/s) replies
        rate = round(ideal * spec.board_factors[i] * rate_scale / 1000) * 1000.0 if hashing else 0.0
        temp = spec.board_temp[i] if hashing else AMBIENT + 3
        chips_avg = temp + 8.5 if hashing else temp
        boards.append(
            WmBoard(
                index=i,
                rate_mh=rate,
                chips=spec.chips_per_board,
                temp=temp,
                chip_temp_min=round(chips_avg - 6.25, 2) if hashing else temp,
                chip_temp_max=round(chips_avg + 7.5, 2) if hashing else temp,
                chip_temp_avg=round(chips_avg, 2),
                frequency=spec.frequency if hashing else 0,
                serial=f"{serial[:6]}{spec.model_code[-4:]}B{i}{serial[-6:]}",
            )
        )
    fan_in, fan_out = spec.fan_rpm if (hashing and spec.fans) else (0, 0)
    if spec.fans and not hashing:
        fan_in, fan_out = 1200, 1200  # idle cooling after power_off
    return WmSnapshot(
        boards=tuple(boards),
        hashing=hashing,
        fan_in=fan_in,
        fan_out=fan_out,
        power=round(spec.nominal_watts * power_scale) if hashing else 12,
        power_limit=state.power_limit,
        ideal_mh=spec.nominal_ths * 1_000_000,
        target_mh=round(spec.nominal_ths * 1_000_000 * rate_scale, 2),
        elapsed=max(0, int(now - state.btminer_started_at)) if hashing else 0,
        uptime=max(0, int(now - state.booted_at)),
        env_temp=AMBIENT + 2.5,
        psu_fan=7024 if hashing else 3000,
    )
