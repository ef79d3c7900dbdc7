"""The Whatsminer (MicroBT) models the simulator can be, with their nominal figures.

Nominal hashrate and power are MicroBT's published figures for one bin of each model;
boards, chips per board and fans follow pyasic's model table (the class the reported
`devdetails` Model string maps to), so an independent client expects what we report.
"""

from __future__ import annotations

from dataclasses import dataclass

V3_FIRMWARE_FROM = "20241101"  # firmware dated on or after this speaks API V3 on 4433


@dataclass(frozen=True, slots=True)
class WhatsminerSpec:
    """Static description of one Whatsminer model and the firmware it ships with."""

    key: str
    name: str  # "Whatsminer M50S" (what sim.model_name returns)
    model_code: str  # devdetails Model / get.device.info miner.type, e.g. "M50S_VH30"
    api_version: int  # 2: V2 only on 4028; 3: V3 on 4433 plus a reduced V2 read API
    api_ver: str  # get_version Msg.api_ver / get.device.info system.api
    fw_ver: str
    platform: str
    chip: str
    nominal_ths: float
    boards: int
    chips_per_board: int
    fans: int  # 0: hydro / immersion, no fans of its own
    nominal_watts: int
    power_limit_range: tuple[int, int]  # W accepted by adjust_power_limit / set.miner.power_limit
    board_factors: tuple[float, ...]
    board_temp: tuple[float, ...]  # board (PCB) temperature while hashing, °C
    fan_rpm: tuple[int, int]  # in, out (ignored when fans == 0)
    frequency: int  # MHz
    psu_model: str
    serial_prefix: str
    default_quirks: tuple[str, ...] = ()

    @property
    def make(self) -> str:
        return "Whatsminer"

    @property
    def hydro(self) -> bool:
        return self.fans == 0


WHATSMINER_MODELS: dict[str, WhatsminerSpec] = {
    spec.key: spec
    for spec in (
        # M30S+ (2020): 100 TH/s at 34 J/TH; API 2.0.4 firmware writes error_code as a list
        # shaped like a dict (pyasic's repair names API v2.0.4).
        WhatsminerSpec(
            key="whatsminer-m30s+",
            name="Whatsminer M30S+",
            model_code="M30S+_VE40",
            api_version=2,
            api_ver="2.0.4",
            fw_ver="20220929.21.Rel",
            platform="H6OS",
            chip="K48S",
            nominal_ths=100.0,
            boards=3,
            chips_per_board=156,
            fans=2,
            nominal_watts=3400,
            power_limit_range=(2400, 3600),
            board_factors=(0.9953, 0.9968, 0.9941),
            board_temp=(71.5, 72.25, 70.75),
            fan_rpm=(5280, 5310),
            frequency=595,
            psu_model="P221B",
            serial_prefix="HEM30SPVE40",
            default_quirks=("error-code-dict",),
        ),
        # M50S (2022): 126 TH/s at 26 J/TH.
        WhatsminerSpec(
            key="whatsminer-m50s",
            name="Whatsminer M50S",
            model_code="M50S_VH30",
            api_version=2,
            api_ver="2.0.5",
            fw_ver="20230911.12.Rel",
            platform="H616",
            chip="K88Z",
            nominal_ths=126.0,
            boards=3,
            chips_per_board=156,
            fans=2,
            nominal_watts=3276,
            power_limit_range=(2000, 3600),
            board_factors=(0.9961, 0.9947, 0.9958),
            board_temp=(66.5, 67.25, 65.75),
            fan_rpm=(4650, 4710),
            frequency=570,
            psu_model="P222B",
            serial_prefix="HEM50SVH30",
        ),
        # M56S (2022, hydro): 212 TH/s at 26 J/TH, four hash boards, no fans.
        WhatsminerSpec(
            key="whatsminer-m56s",
            name="Whatsminer M56S",
            model_code="M56S_VH30",
            api_version=2,
            api_ver="2.0.5",
            fw_ver="20231016.15.Rel",
            platform="H616",
            chip="K88Z",
            nominal_ths=212.0,
            boards=4,
            chips_per_board=152,
            fans=0,
            nominal_watts=5512,
            power_limit_range=(3500, 6000),
            board_factors=(0.9957, 0.9964, 0.9949, 0.9961),
            board_temp=(48.5, 49.25, 48.75, 49.5),
            fan_rpm=(0, 0),
            frequency=560,
            psu_model="P262B",
            serial_prefix="HEM56SVH30",
        ),
        # M60S (2023): 186 TH/s at 18.5 J/TH; firmware after 2024-11 speaks API V3.
        WhatsminerSpec(
            key="whatsminer-m60s",
            name="Whatsminer M60S",
            model_code="M60S_VK30",
            api_version=3,
            api_ver="3.0.1",
            fw_ver="20250321.14.Rel",
            platform="H616",
            chip="BM1629",
            nominal_ths=186.0,
            boards=3,
            chips_per_board=245,
            fans=2,
            nominal_watts=3441,
            power_limit_range=(2200, 3800),
            board_factors=(0.9962, 0.9951, 0.9966),
            board_temp=(63.5, 64.25, 62.75),
            fan_rpm=(4980, 5040),
            frequency=530,
            psu_model="P611B",
            serial_prefix="HEM60SVK30",
        ),
        # M66S (2023, immersion): 298 TH/s at 18.5 J/TH, no fans; API V3 firmware.
        WhatsminerSpec(
            key="whatsminer-m66s",
            name="Whatsminer M66S",
            model_code="M66S_VK30",
            api_version=3,
            api_ver="3.0.1",
            fw_ver="20250422.11.Rel",
            platform="H616",
            chip="BM1629",
            nominal_ths=298.0,
            boards=3,
            chips_per_board=384,
            fans=0,
            nominal_watts=5513,
            power_limit_range=(3500, 6200),
            board_factors=(0.9958, 0.9965, 0.9952),
            board_temp=(51.5, 52.25, 50.75),
            fan_rpm=(0, 0),
            frequency=520,
            psu_model="P621B",
            serial_prefix="HEM66SVK30",
        ),
    )
}
