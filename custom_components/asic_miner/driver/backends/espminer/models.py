"""ESP-Miner boards as data: what each board version (AxeOS) or device model (NerdOS) is.

AxeOS rows: bitaxeorg/ESP-Miner main/device_config.h (v2.15.0): board versions, family
name, ASIC, ASIC count, maximum power (max_power) and the self-test's expected draw
(power_consumption_target, the lowest of the family's boards) as the power range.
NerdOS rows: shufps/ESP-Miner-NerdQAxePlus main/boards/*.cpp (m_deviceModel, m_asicCount,
m_defaultAsicFrequency, m_minPin / m_maxPin). Nominal hashrate is what the firmware
computes as expected: default frequency x small cores x ASICs (power_management_task.c).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from ...model_info import ModelInfo

BITAXE: Final = "Bitaxe"
NERDAXE: Final = "NerdAxe"

# Small cores per ASIC (device_config.h AsicConfig.small_core_count).
SMALL_CORES: Final[dict[str, int]] = {"BM1397": 672, "BM1366": 894, "BM1368": 1276, "BM1370": 2040}

# The choices the AxeOS web UI offered before the firmware served /api/system/asic (v2.7):
# main/http_server/axe-os/src/app/components/edit/edit.component.ts at v2.4.5, MHz and mV.
UI_FREQUENCIES: Final[dict[str, tuple[int, ...]]] = {
    "BM1397": (400, 425, 450, 475, 485, 500, 525, 550, 575, 590, 600, 610, 620, 630, 640, 650),
    "BM1366": (400, 425, 450, 475, 485, 500, 525, 550, 575),
    "BM1368": (400, 425, 450, 475, 490, 500, 525, 550, 575),
    "BM1370": (400, 490, 525, 550, 575, 600, 625),
}
UI_VOLTAGES: Final[dict[str, tuple[int, ...]]] = {
    "BM1397": (1100, 1150, 1200, 1250, 1300, 1350, 1400, 1450, 1500),
    "BM1366": (1100, 1150, 1200, 1250, 1300),
    "BM1368": (1100, 1150, 1166, 1200, 1250, 1300),
    "BM1370": (1000, 1060, 1100, 1150, 1200, 1250),
}


@dataclass(frozen=True, slots=True)
class Board:
    make: str
    name: str  # as the firmware names it ("Gamma", "NerdQAxe++")
    keys: tuple[str, ...]  # AxeOS boardVersion values, or the NerdOS deviceModel
    asic: str
    asics: int
    default_mhz: int
    power_min_w: int
    power_max_w: int
    fans: int = 1

    @property
    def nominal_ths(self) -> float:
        return round(self.default_mhz * SMALL_CORES.get(self.asic, 0) * self.asics / 1e6, 4)

    def info(self) -> ModelInfo:
        return ModelInfo(
            self.make,
            self.name,
            boards=1,
            chips_per_board=self.asics,
            fans=self.fans,
            hashrate_ths=self.nominal_ths,
            power_min_w=self.power_min_w,
            power_max_w=self.power_max_w,
        )


_ULTRA_BOARDS = ("201", "202", "203", "204", "205", "207")

BOARDS: Final[tuple[Board, ...]] = (
    Board(BITAXE, "Max", ("2.2", "102"), "BM1397", 1, 425, 12, 25),
    Board(BITAXE, "Ultra", ("0.11", *_ULTRA_BOARDS), "BM1366", 1, 485, 12, 25),
    Board(BITAXE, "Hex", ("302", "303"), "BM1366", 6, 485, 40, 90),
    Board(BITAXE, "Supra", ("400", "401", "402", "403"), "BM1368", 1, 490, 8, 40),
    Board(BITAXE, "Gamma", ("600", "601", "602", "603"), "BM1370", 1, 525, 19, 40),
    # ASIC_BM1370XP: the BM1370 run at 400 MHz by default.
    Board(BITAXE, "GammaDuo", ("650",), "BM1370", 2, 400, 35, 40),
    Board(BITAXE, "SupraHex", ("701", "702"), "BM1368", 6, 490, 90, 120),
    Board(BITAXE, "GammaTurbo", ("801",), "BM1370", 2, 525, 36, 60),
    Board(NERDAXE, "NerdAxe", ("NerdAxe",), "BM1366", 1, 485, 5, 15),
    Board(NERDAXE, "NerdAxeGamma", ("NerdAxeGamma",), "BM1370", 1, 515, 5, 25),
    Board(NERDAXE, "NerdQAxe+", ("NerdQAxe+",), "BM1368", 4, 490, 30, 70, fans=2),
    Board(NERDAXE, "NerdQAxe++", ("NerdQAxe++",), "BM1370", 4, 600, 52, 100, fans=2),
)  # fmt: skip

_BY_KEY: Final[dict[str, Board]] = {key: board for board in BOARDS for key in board.keys}

MODELS: Final[tuple[ModelInfo, ...]] = tuple(board.info() for board in BOARDS)


def board_for(key: str | None) -> Board | None:
    """The row of a boardVersion ("601") or NerdOS deviceModel ("NerdQAxe++")."""
    return _BY_KEY.get(key.strip()) if key else None
