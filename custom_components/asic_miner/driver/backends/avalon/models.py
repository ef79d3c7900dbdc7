"""Canaan Avalon rows of the model table, and what each model's firmware lets a user change.

Boards, chips and fans as pyasic (``pyasic/miners/device/models/avalonminer``) and asic-rs
(``asic-rs-makes/avalon/src/hardware.rs``) list them, where they disagree the captures'
(the Avalon Q reports Fan1-Fan4: 4 fans); nominal hashrate and power from Canaan's spec
sheets. Controls per model follow what its firmware accepts (``ascset|0,help`` of the Nano
3S and the Q, captured in AvalonPS7 MD/ASCSET.md and asic-rs test/json/ascset_help.json):
the Nano 3S has no ``softoff``/``softon`` and the Q no ``target-temp``; the A-series has
the white fault LED (A10 API manual ``led``) and cgminer's own ``restart``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Final

from ...credentials import Credentials
from ...model_info import ModelInfo
from ...settings import ChoiceKey

MAKE: Final = "Avalon"  # as the products are named: "Avalon Nano 3S", "Avalon Q"


class Kind(StrEnum):
    """Which Miner class (and so which common controls) a model gets."""

    HOME = "home"  # Nano 3 / Nano 3S: reboot and pools
    HOME_SOFT = "home_soft"  # Mini 3, Avalon Q: also soft-off / soft-on
    A_SERIES = "a_series"  # A10xx-A15xx: soft-off/on, fault LED, cgminer restart


HOME_LOGIN: Final = Credentials("admin", "admin")  # AvalonMinerTools, jinx-22/avalon_nano3s
A_SERIES_LOGIN: Final = Credentials("root", "root")  # Avalon A10 API manual's setpool example


@dataclass(frozen=True, slots=True)
class AvalonModel:
    """A model row with its firmware's settings."""

    info: ModelInfo
    kind: Kind
    aliases: tuple[str, ...] = ()  # VERSION MODEL/PROD spellings, as normalised by model_key
    # ``workmode,set,N``: option names by N (lower-case keys of the model's own names).
    work_modes: tuple[str, ...] = ()
    # ``worklevel,set,N``: option name -> N.
    work_levels: dict[str, int] = field(default_factory=dict)
    # The choice whose options run from the least power to the most (listed in that order).
    power_steps: ChoiceKey | None = None
    fan_control: bool = False  # ``fan-spd`` (-1 auto, 15-100 %)
    target_temperature: tuple[int, int] | None = None  # ``target-temp`` bounds, °C
    rgb_light: bool = False  # ``ledset`` (the Nano 3S's RGB light)
    filter_clean: bool = False  # ``filter-clean,1``
    login: Credentials = HOME_LOGIN  # the web login ``setpool`` checks, as shipped
    pool_slots: int = 3
    setpool_reboots: bool = False  # the firmware reboots by itself after ``setpool``

    @property
    def name(self) -> str:
        return self.info.name


# name, boards, chips per board, fans, nominal TH/s, power min W, power max W
type Row = tuple[str, int, int, int, float, int, int]


def _row(row: Row) -> ModelInfo:
    return ModelInfo(MAKE, *row)


def _a_series(row: Row) -> AvalonModel:
    # The A10 manual's setpool is an ascset option naming one pool; it takes effect at the
    # next reboot.
    return AvalonModel(_row(row), Kind.A_SERIES, login=A_SERIES_LOGIN, pool_slots=1)


FAN_PERCENT_RANGE: Final = (15, 100)  # driver-avalon.c set_avalon_device_fan_spd

TABLE: Final[tuple[AvalonModel, ...]] = (
    # Home models
    AvalonModel(
        _row(("Nano 3", 1, 10, 1, 4.0, 60, 140)),
        Kind.HOME,
        aliases=("NANO3", "AVALONNANO"),
    ),
    AvalonModel(
        _row(("Nano 3S", 1, 12, 1, 6.0, 90, 140)),
        Kind.HOME,
        aliases=("NANO3S",),
        work_modes=("low", "mid", "high"),
        power_steps=ChoiceKey.WORK_MODE,
        fan_control=True,
        target_temperature=(50, 90),
        rgb_light=True,
        setpool_reboots=True,
    ),
    AvalonModel(
        _row(("Mini 3", 1, 66, 1, 37.5, 560, 850)),
        Kind.HOME_SOFT,
        aliases=("MINI3",),
        work_modes=("heating", "mining", "night"),
        work_levels={"eco": -1, "super": 0},
        power_steps=ChoiceKey.WORK_LEVEL,
        fan_control=True,
        target_temperature=(50, 90),
        filter_clean=True,
    ),
    AvalonModel(
        _row(("Q", 1, 160, 4, 90.0, 800, 1674)),
        Kind.HOME_SOFT,
        aliases=("Q", "AVALONQ"),
        work_modes=("eco", "standard", "super"),
        power_steps=ChoiceKey.WORK_MODE,
        fan_control=True,
        filter_clean=True,
    ),
    # A-series (A10xx-A15xx)
    _a_series(("A1026", 3, 80, 2, 30.0, 2500, 2700)),
    _a_series(("A1047", 3, 80, 2, 37.0, 2200, 2380)),
    _a_series(("A1066", 3, 114, 4, 50.0, 3000, 3250)),
    _a_series(("A1126 Pro", 3, 120, 4, 68.0, 3200, 3420)),
    _a_series(("A1166 Pro", 3, 120, 4, 81.0, 3200, 3400)),
    _a_series(("A1246", 3, 120, 4, 90.0, 3200, 3420)),
    _a_series(("A1466", 3, 176, 2, 150.0, 3000, 3230)),
    _a_series(("A15 Pro", 3, 160, 2, 215.0, 3400, 3612)),
    _a_series(("A1566", 3, 160, 2, 185.0, 3200, 3420)),
    _a_series(("A1566HA", 4, 160, 0, 480.0, 8000, 8700)),
    _a_series(("A1566HU", 3, 160, 0, 350.0, 6000, 6500)),
)

MODELS: Final[tuple[ModelInfo, ...]] = tuple(row.info for row in TABLE)

_SEPARATORS = re.compile(r"[\s_.]+")
# A-series MODEL strings: "1246-83", "1566HA", "1166PRO"; "15-194" is pyasic's A1566.
_A_SERIES_ALIASES: Final = {"15-194": "1566", "15": "15PRO"}
_A_SERIES_NAME: Final = re.compile(r"A?\d{4}[A-Z]*(-\d+)?")
_BY_KEY: Final[dict[str, AvalonModel]] = {
    key: row
    for row in TABLE
    for key in (row.aliases or (row.name.upper().replace(" ", "").removeprefix("A"),))
}


def model_key(name: str) -> str:
    """A comparison key: "Avalon Nano3s" → "NANO3S", "AvalonMiner 1246-83" → "1246",
    "A1566" → "1566", "15-194" → "1566"."""
    key = _SEPARATORS.sub("", name.strip().upper()).removeprefix("CANAAN")
    if key.startswith("AVALONMINER"):
        key = key.removeprefix("AVALONMINER")
    elif key.startswith("AVALON") and key not in _BY_KEY:
        key = key.removeprefix("AVALON")
    key = _A_SERIES_ALIASES.get(key, key)
    if _A_SERIES_NAME.fullmatch(key):  # "A1566", "1246-83": the digits and their suffix
        key = key.removeprefix("A").partition("-")[0]
    elif key.startswith("A") and key[1:] in _BY_KEY:  # "A15PRO"
        key = key[1:]
    return key


def find(name: str | None) -> AvalonModel | None:
    """The row for a model name in any of the firmware's spellings, else None."""
    if not name:
        return None
    return _BY_KEY.get(model_key(name))
