"""The Antminer models the simulator can be, with their nominal figures.

Figures are Bitmain's nominal ones; the per-board factors make each board hash slightly
below its ideal rate (as real boards do) while keeping every value deterministic.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Firmware(StrEnum):
    """Web/RPC generation of the stock firmware."""

    MODERN = "modern"  # X19 and later: JSON POST bodies, get_blink_status.cgi, new_api stats
    OLD = "old"  # S9 era: form-encoded POST bodies, blink.cgi actions, no sleep mode


@dataclass(frozen=True, slots=True)
class ModelSpec:
    """Static description of one model and the firmware it ships with."""

    key: str
    name: str  # as the firmware reports it ("Type", "minertype")
    firmware: Firmware
    nominal_ths: float
    boards: int
    chips_per_board: int
    fans: int
    nominal_watts: int
    board_factors: tuple[float, ...]  # hashrate of each board relative to its ideal share
    first_chain: int  # index of the first chain in the classic stats (chain_acn{n})
    fan_slots: tuple[int, ...]  # fan{n} keys that carry the real fans
    fan_slot_count: int  # fan{n} keys present in the classic stats
    fan_rpm: tuple[int, ...]
    board_temp: tuple[int, ...]  # PCB temperature of each board while hashing
    frequency: int  # MHz
    miner_version: str  # "Miner" in version/stats
    compile_time: str
    serial_prefix: str | None  # None: the firmware reports no serial number
    default_hostname: str
    default_quirks: tuple[str, ...]


_X19_COMPILE = "Mon Mar 27 16:46:36 CST 2023"
_S21_COMPILE = "Thu Jul 11 16:38:25 CST 2024"

MODELS: dict[str, ModelSpec] = {
    spec.key: spec
    for spec in (
        ModelSpec(
            key="antminer-s19pro",
            name="Antminer S19 Pro",
            firmware=Firmware.MODERN,
            nominal_ths=110.0,
            boards=3,
            chips_per_board=114,
            fans=4,
            nominal_watts=3250,
            board_factors=(0.9962, 0.9941, 0.9957),
            first_chain=1,
            fan_slots=(1, 2, 3, 4),
            fan_slot_count=4,
            fan_rpm=(5760, 5880, 5880, 5760),
            board_temp=(62, 64, 63),
            frequency=675,
            miner_version="uart_trans.1.3",
            compile_time=_X19_COMPILE,
            serial_prefix="SMTTYRHBDJAAI0",
            default_hostname="Antminer",
            default_quirks=("trailing-nul",),
        ),
        ModelSpec(
            key="antminer-s19jpro",
            name="Antminer S19j Pro",
            firmware=Firmware.MODERN,
            nominal_ths=104.0,
            boards=3,
            chips_per_board=126,
            fans=4,
            nominal_watts=3068,
            board_factors=(0.9958, 0.9947, 0.9963),
            first_chain=1,
            fan_slots=(1, 2, 3, 4),
            fan_slot_count=4,
            fan_rpm=(5760, 5880, 5880, 5880),
            board_temp=(60, 61, 62),
            frequency=525,
            miner_version="uart_trans.1.3",
            compile_time=_X19_COMPILE,
            serial_prefix="JYFZB2NBCJBBB0",
            default_hostname="Antminer",
            default_quirks=("trailing-nul",),
        ),
        ModelSpec(
            key="antminer-s21",
            name="Antminer S21",
            firmware=Firmware.MODERN,
            nominal_ths=200.0,
            boards=3,
            chips_per_board=108,
            fans=4,
            nominal_watts=3500,
            board_factors=(0.9966, 0.9952, 0.9959),
            first_chain=1,
            fan_slots=(1, 2, 3, 4),
            fan_slot_count=4,
            fan_rpm=(4320, 4380, 4260, 4440),
            board_temp=(58, 60, 59),
            frequency=490,
            miner_version="uart_trans.1.3",
            compile_time=_S21_COMPILE,
            serial_prefix="SMTTATUBDJAAI0",
            default_hostname="Antminer",
            default_quirks=("trailing-nul",),
        ),
        ModelSpec(
            key="antminer-s9",
            name="Antminer S9",
            firmware=Firmware.OLD,
            nominal_ths=13.5,
            boards=3,
            chips_per_board=63,
            fans=2,
            nominal_watts=1323,
            board_factors=(0.9961, 0.9938, 0.9954),
            # BMMiner on the S9 numbers its chains 6..8 and reports the two fans as fan5/fan6
            # out of fan1..fan8 (samples from S9 BMMiner builds in public client test suites).
            first_chain=6,
            fan_slots=(5, 6),
            fan_slot_count=8,
            fan_rpm=(5040, 5160),
            board_temp=(59, 54, 55),
            frequency=650,
            miner_version="16.8.1.3",
            compile_time="Fri Nov 17 17:37:49 CST 2017",
            serial_prefix=None,
            default_hostname="antMiner",
            # BMMiner 2.0.0 (S9): NUL after the JSON and no comma between STATS[0] and STATS[1].
            default_quirks=("trailing-nul", "missing-comma"),
        ),
    )
}

ANTMINER_MODELS: dict[str, ModelSpec] = dict(MODELS)

# The Whatsminer models live in whatsminer/models.py; MODELS names every model the simulator has.
from ..whatsminer.models import WHATSMINER_MODELS  # noqa: E402

MODELS.update(WHATSMINER_MODELS)  # type: ignore[arg-type]
