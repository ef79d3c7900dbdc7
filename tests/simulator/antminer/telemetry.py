"""Live readings (hashrate, temperatures, fans) derived from the model and the state."""

from __future__ import annotations

import random
from dataclasses import dataclass

from .models import ModelSpec
from .state import WORK_LOW, WORK_SLEEP, MinerState

LOW_POWER_FACTOR = 0.7
AMBIENT = 25
JITTER = 0.005


@dataclass(frozen=True, slots=True)
class Board:
    index: int  # 0-based
    rate_gh: float
    ideal_gh: float
    chips: int
    frequency: int
    temp_pcb: tuple[int, int, int, int]
    temp_chip: tuple[int, int, int, int]
    temp_pic: tuple[int, int, int, int]
    serial: str

    @property
    def pcb_max(self) -> int:
        return max(self.temp_pcb)

    @property
    def chip_max(self) -> int:
        return max(self.temp_chip)


@dataclass(frozen=True, slots=True)
class Snapshot:
    boards: tuple[Board, ...]
    fans: tuple[int, ...]
    elapsed: int
    hashing: bool
    ideal_gh: float  # the model's nominal rate (in the current work mode)

    @property
    def total_gh(self) -> float:
        return round(sum(b.rate_gh for b in self.boards), 2)


def nominal_total_gh(spec: ModelSpec) -> float:
    """Total GH/s of the deterministic (jitter-free, normal mode) readings."""
    ideal = spec.nominal_ths * 1000 / spec.boards
    return round(sum(round(ideal * f, 2) for f in spec.board_factors), 2)


def board_serial(spec: ModelSpec, serial: str | None, index: int) -> str:
    base = serial or spec.key.upper().replace("-", "")
    return f"{base[:14]}B{index}"


def take(
    spec: ModelSpec, state: MinerState, serial: str | None, rng: random.Random | None
) -> Snapshot:
    """One reading; `rng` adds jitter, None keeps it deterministic."""
    hashing = state.work_mode != WORK_SLEEP
    scale = LOW_POWER_FACTOR if state.work_mode == WORK_LOW else 1.0
    ideal = spec.nominal_ths * 1000 / spec.boards
    boards = []
    for i in range(spec.boards):
        factor = spec.board_factors[i] * scale
        if rng is not None:
            factor *= 1 + rng.uniform(-JITTER, JITTER)
        rate = round(ideal * factor, 2) if hashing else 0.0
        pcb = spec.board_temp[i] if hashing else AMBIENT + 6
        temp_pcb = (pcb - 8, pcb - 9, pcb, pcb + 1) if hashing else (pcb,) * 4
        temp_chip = tuple(t + 5 for t in temp_pcb) if hashing else temp_pcb
        temp_pic = tuple(t - 10 for t in temp_pcb) if hashing else temp_pcb
        boards.append(
            Board(
                index=i,
                rate_gh=rate,
                ideal_gh=round(ideal * scale, 2),
                chips=spec.chips_per_board,
                frequency=spec.frequency if hashing else 0,
                temp_pcb=temp_pcb,
                temp_chip=temp_chip,  # type: ignore[arg-type]
                temp_pic=temp_pic,  # type: ignore[arg-type]
                serial=board_serial(spec, serial, i),
            )
        )
    fans = spec.fan_rpm if hashing else (0,) * spec.fans
    ideal_total = round(spec.nominal_ths * 1000 * scale, 2)
    return Snapshot(tuple(boards), tuple(fans), state.uptime, hashing, ideal_total)
