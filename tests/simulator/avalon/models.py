"""The simulated Canaan Avalon models: what each firmware reports and accepts, as data.

Names, tokens and messages come from the captures in ``captures.py`` (each named there);
the figures per work mode are the ones those captures show, and for the modes no capture
shows, figures within Canaan's spec sheet for the model (marked below).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Final

from . import captures


class Layout(StrEnum):
    """How ``estats``/``stats`` carry the figures."""

    FLAT = "flat"  # STATS[0]["MM ID0"] = "Ver[…] … WORKMODE[1]" (A-series, Nano 3S, Mini 3)
    SUMMARY = "summary"  # STATS[0]["MM ID0:Summary"] = "'STATS':{…}" plus "HBinfo" (Avalon Q)


@dataclass(frozen=True, slots=True)
class ModeFigures:
    """What the miner does in one work mode (GH/s, W, °C, fan)."""

    name: str  # as the firmware's app names it
    ghs: float  # GHSmm: the nominal rate the firmware computes
    watts: int  # PS[6] / WALLPOWER at the wall
    max_power: int  # MPO
    target_temp: int  # TarT the firmware starts the mode with
    fan_pct: int  # FanR in automatic control
    fan_rpm: int  # Fan1… at that duty


@dataclass(frozen=True, slots=True)
class Temps:
    """Temperatures while hashing (°C); -273 where the model has no such sensor."""

    inlet: int  # ITemp (A-series: Temp)
    outlet: int  # OTemp (Q: HBOTemp)
    board: int  # HBTemp (Mini 3), HBITemp (Q); -273 elsewhere
    chip_max: int  # TMax
    chip_avg: int  # TAvg


@dataclass(frozen=True, slots=True)
class AvalonSpec:
    key: str  # "avalon-nano3s"
    version: dict[str, str]  # VERSION[0] as captured (MAC and DNA replaced per address)
    stats_id: str  # STATS[0]["ID"]
    layout: Layout
    boards: int
    chips_per_board: int
    fans: int
    chip_core: str  # Core[…]
    firmware: str  # the "Ver[<model>-<firmware>]" tail
    ver_model: str  # the "Ver[<model>-" head
    modes: tuple[ModeFigures, ...]  # indexed by WORKMODE
    temps: Temps
    default_mode: int
    # WORKLEVEL values ``worklevel,set`` accepts (the firmware's min..max), and the share of
    # the mode's figures each level runs at.
    levels: dict[int, float] = field(default_factory=lambda: {0: 1.0})
    default_level: int = 0
    ascset_help: tuple[str, ...] = ()  # what ``ascset|0,help`` lists; the options it accepts
    target_temp_range: tuple[int, int] | None = None  # accepted by ``target-temp``
    web_user: str = "admin"
    web_password: str = "admin"
    # ``setpool|…`` (cgminer api.c of the home models) or ``ascset|0,setpool,…`` (A10 manual)
    setpool_by_ascset: bool = False
    answers_restart: bool = False  # cgminer's own ``restart`` command (A-series builds)
    softoff_reason: int = 4  # SoftOFF[…] while soft-off (Avalon Q idle capture)
    idle_watts: int = 0  # PS[6] while soft-off
    default_quirks: tuple[str, ...] = ("trailing-nul",)
    mac_colons: bool = False  # VERSION MAC written "AA:BB:…" (Q capture) or "aabb…"
    # What TarT holds with the fan in automatic control: "chips" (TAvg = TarT in the Nano 3S
    # and Q captures), "board" (HBTemp = TarT in the Mini 3's), "" (no target: A-series).
    holds: str = "chips"

    @property
    def name(self) -> str:
        return captures.model_name(self.version)

    @property
    def has(self) -> frozenset[str]:
        return frozenset(self.ascset_help)


# Every model's firmware ends its replies with the C string's NUL (LW10583/AvalonMinerTools
# AVALON_MINER_API_DOCUMENTATION.md: "Responses are terminated with a null byte").

NANO3S: Final = AvalonSpec(
    key="avalon-nano3s",
    version=captures.NANO3S_VERSION,
    stats_id="AVALON0",
    layout=Layout.FLAT,
    boards=1,
    chips_per_board=12,
    fans=1,
    chip_core="A3197S",
    firmware="25021401_56abae7",
    ver_model="Nano3s",
    # High: the capture (GHSmm 6783.65, PS[6] 133 W, MPO 133, TarT 90). Low/Mid: Canaan's
    # spec sheet ranges; target temperatures per mode from LW10583 (80/85/90 °C).
    modes=(
        ModeFigures("Low", 4100.0, 90, 90, 80, 25, 1180),
        ModeFigures("Mid", 5300.0, 112, 112, 85, 29, 1350),
        ModeFigures("High", 6783.65, 133, 133, 90, 33, 1520),
    ),
    temps=Temps(inlet=-273, outlet=65, board=-273, chip_max=95, chip_avg=90),
    default_mode=2,
    ascset_help=captures.NANO3S_ASCSET_HELP,
    target_temp_range=(50, 90),
    default_quirks=("trailing-nul", "setpool-reboots"),
)

MINI3: Final = AvalonSpec(
    key="avalon-mini3",
    version=captures.MINI3_VERSION,
    stats_id="AVALON0",
    layout=Layout.FLAT,
    boards=1,
    chips_per_board=66,  # pyasic AvalonMini3.expected_chips
    fans=1,
    chip_core="A3197S",
    firmware="25011701_3f53b19",
    ver_model="Mini3",
    # Heating: the capture (PS[6] 824 W, TarT 75, Fan1 3000 at 100 %). Mining/Night: the spec
    # sheet's 37.5 TH/s at 800 W, and the quieter night mode.
    modes=(
        ModeFigures("Heating", 40880.0, 824, 800, 75, 100, 3000),
        ModeFigures("Mining", 37500.0, 800, 800, 75, 70, 2200),
        ModeFigures("Night", 25000.0, 560, 560, 70, 40, 1300),
    ),
    temps=Temps(inlet=39, outlet=63, board=75, chip_max=86, chip_avg=82),
    default_mode=0,
    # WORKLEVEL -1 Eco, 0 Super (exergyheat const.py, ajberti/ha-avalon-mini select.py).
    levels={-1: 0.8, 0: 1.0},
    default_level=0,
    ascset_help=captures.MINI3_ASCSET_HELP,
    target_temp_range=(50, 90),
    holds="board",
)

AVALON_Q: Final = AvalonSpec(
    key="avalon-q",
    version=captures.Q_VERSION,
    stats_id="AVALON0",
    layout=Layout.SUMMARY,
    boards=1,
    chips_per_board=160,
    fans=4,
    chip_core="A3197S",
    firmware="25052801_14a19a2",
    ver_model="Q",
    # Eco: pyasic issue #350 (GHSmm 55445.83, PS[6] 834 W, TarT 65, FanR 44 %). Super:
    # asic-rs litestats_parsed.json (GHSmm 96785.71, MPO 1600, PS[6] 1670). Standard: between.
    # Target temperatures per mode from LW10583 (65/80/85 °C).
    modes=(
        ModeFigures("Eco", 55445.83, 834, 800, 65, 44, 1400),
        ModeFigures("Standard", 76000.0, 1250, 1200, 80, 60, 2000),
        ModeFigures("Super", 96785.71, 1670, 1600, 85, 80, 2670),
    ),
    temps=Temps(inlet=32, outlet=63, board=60, chip_max=72, chip_avg=65),
    default_mode=0,
    ascset_help=captures.Q_ASCSET_HELP,
    idle_watts=146,  # asic-rs stats.json, idle: PS[0 1222 4 0 0 2245 146]
    default_quirks=("trailing-nul", "softon-silent-close"),
    mac_colons=True,
)

A1566: Final = AvalonSpec(
    key="avalon-a1566",
    version=captures.A1566_VERSION,
    stats_id="AVA100",
    layout=Layout.FLAT,
    boards=3,
    chips_per_board=160,
    fans=2,
    chip_core="A3197S",
    firmware="24102401_25462b2_9ddf522",
    ver_model="15-194",
    # The capture (pyasic tests …/version_24102401_25462b2_9ddf522.py): GHSmm 201920.42,
    # WALLPOWER 3731 W, MPO 3515, FanR 49 % at 4275 RPM; the A-series has no target-temp.
    modes=(
        ModeFigures("Normal", 185000.0, 3400, 3300, 0, 45, 4000),
        ModeFigures("Performance", 201920.42, 3731, 3515, 0, 49, 4275),
    ),
    temps=Temps(inlet=31, outlet=-273, board=-273, chip_max=78, chip_avg=70),
    default_mode=1,
    ascset_help=captures.A_SERIES_ASCSET_HELP,
    web_user="root",
    web_password="root",
    setpool_by_ascset=True,
    answers_restart=True,
    holds="",
    idle_watts=120,
)

MODELS: Final[dict[str, AvalonSpec]] = {spec.key: spec for spec in (NANO3S, MINI3, AVALON_Q, A1566)}
