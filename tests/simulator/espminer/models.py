"""The ESP-Miner models the simulator can be: the board, and the firmware build it runs.

A model is a row: the board's figures (from the firmware's own board tables) and a firmware
generation, whose rows say what that build serves (endpoints, field shapes, checks). Every
fact below is named with the file it comes from; the replies themselves are in captures.py.

Board tables: bitaxeorg/ESP-Miner main/device_config.h (v2.12.2, v2.15.0) and
shufps/ESP-Miner-NerdQAxePlus main/boards/nerdqaxeplus2.cpp.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from . import captures


class OriginRule(StrEnum):
    """Which clients and Origin headers a build answers (is_network_allowed; anything else
    gets 401 "Unauthorized"). The simulator counts loopback as the private network."""

    NONE = "none"  # before v2.6.0: no check
    IP_ONLY = "ip-only"  # v2.6-v2.14: client and Origin IP both in 10/8, 172.16/12, 192.168/16
    LOCAL_NAMES = "local-names"  # v2.15.0: also Origin hosts "*.local", bare names, its hostname
    NERDOS = "nerdos"  # NerdOS http_cors.cpp: its hostname, localhost, "*.local", private IPs


class BestDiff(StrEnum):
    """How a build writes bestDiff / bestSessionDiff (ESP-Miner main/system.c _suffix_string)."""

    G3 = "%.3g%s"  # v2.0-v2.7: "483k", "5.56G", "1e+03k"
    F2 = "%.2f%s"  # v2.8-v2.9: "2.03G"
    F2_SPACE = "%.2f %s"  # v2.10-v2.11: "2.03 G", and "0 " below 1000
    NUMBER = "number"  # v2.12 on, and NerdOS: a plain number


@dataclass(frozen=True, slots=True)
class FirmwareBuild:
    """What one firmware build serves. Version boundaries are read from the ESP-Miner tags
    (main/http_server/http_server.c: the URIs each tag registers)."""

    name: str  # "AxeOS" (bitaxeorg/ESP-Miner) or "NerdOS" (shufps/ESP-Miner-NerdQAxePlus)
    version: str
    index_title: str  # <title> of the index.html it serves gzip-compressed on GET /
    asic_endpoint: bool  # GET /api/system/asic (ESP-Miner from v2.7.0)
    statistics: bool  # GET /api/system/statistics (ESP-Miner from v2.8.0)
    identify: bool  # POST /api/system/identify (ESP-Miner from v2.12.0)
    pause: bool  # POST /api/system/pause and /resume (ESP-Miner from v2.14.0)
    pool_slots: bool  # "pools" list and PATCH {"pools": [...]} (ESP-Miner from v2.15.0)
    best_diff: BestDiff
    origin_rule: OriginRule
    validates_patch: bool  # PATCH checked against the NVS table, 400 "Wrong API input"
    api_not_found_json: bool  # "/api/*" catch-all: 404 {"error": "unknown route"} (v2.9.0)
    restart_json: bool  # restart answered {"message": ...} (v2.12) or plain text
    mdns: bool  # _http._tcp with the _axeos subtype (v2.15.0, components/connect/connect.c)
    fan_key: str  # PATCH key of the manual fan duty ("fanspeed" before v2.11.0)
    temp_target: bool  # "temptarget" (auto fan target, ESP-Miner from v2.7.0)
    pools_live: bool  # pool changes used at once (NerdOS) or after a restart (ESP-Miner)
    connection_close: bool  # every answer "Connection: close" (NerdOS http_utils.h ConGuard)
    formatted_json: bool  # cJSON_Print with tabs (v2.4.5, v2.12.2) or unformatted


AXEOS_2_4_5 = FirmwareBuild(
    "AxeOS",
    "v2.4.5-3-gb5d1e36-dirty",
    "AxeOS",
    asic_endpoint=False,
    statistics=False,
    identify=False,
    pause=False,
    pool_slots=False,
    best_diff=BestDiff.G3,
    origin_rule=OriginRule.NONE,
    validates_patch=False,
    api_not_found_json=False,
    restart_json=False,
    mdns=False,
    fan_key="fanspeed",
    temp_target=False,
    pools_live=False,
    connection_close=False,
    formatted_json=True,
)
AXEOS_2_12_2 = FirmwareBuild(
    "AxeOS",
    "v2.12.2",
    "AxeOS",
    asic_endpoint=True,
    statistics=True,
    identify=True,
    pause=False,
    pool_slots=False,
    best_diff=BestDiff.NUMBER,
    origin_rule=OriginRule.IP_ONLY,
    validates_patch=True,
    api_not_found_json=True,
    restart_json=True,
    mdns=False,
    fan_key="manualFanSpeed",
    temp_target=True,
    pools_live=False,
    connection_close=False,
    formatted_json=True,
)
AXEOS_2_15_0 = FirmwareBuild(
    "AxeOS",
    "v2.15.0",
    "AxeOS",
    asic_endpoint=True,
    statistics=True,
    identify=True,
    pause=True,
    pool_slots=True,
    best_diff=BestDiff.NUMBER,
    origin_rule=OriginRule.LOCAL_NAMES,
    validates_patch=True,
    api_not_found_json=True,
    restart_json=True,
    mdns=True,
    fan_key="manualFanSpeed",
    temp_target=True,
    pools_live=False,
    connection_close=False,
    formatted_json=False,
)
NERDOS_1_1_0 = FirmwareBuild(
    "NerdOS",
    "v1.1.0-beta1",
    "Nerd* Dashboard",
    asic_endpoint=True,
    statistics=False,
    identify=False,
    pause=False,
    pool_slots=False,
    best_diff=BestDiff.NUMBER,
    origin_rule=OriginRule.NERDOS,
    validates_patch=False,
    api_not_found_json=False,
    restart_json=False,
    mdns=False,
    fan_key="manualFanSpeed",
    temp_target=True,
    pools_live=True,
    connection_close=True,
    formatted_json=False,
)


@dataclass(frozen=True, slots=True)
class EspSpec:
    """One simulated model: a board running one firmware build."""

    key: str
    family: str  # the firmware's family / device model name ("Gamma", "NerdQAxe++")
    board_version: str  # "601"; NerdOS reports none
    asic: str
    asic_count: int
    small_cores: int  # per ASIC
    default_frequency: int  # MHz
    default_voltage: int  # mV
    frequency_options: tuple[int, ...]
    voltage_options: tuple[int, ...]
    max_power: int  # W
    fans: int
    swarm_color: str
    hostname: str  # as the capture has it
    firmware: FirmwareBuild
    info: dict[str, Any]  # the captured (or source-shaped) /api/system/info reply
    asic_reply: dict[str, Any] | None  # the captured /api/system/asic reply, if any
    # The operating point the live figures scale from: watts and hashrate / expectedHashrate
    # at the capture's frequency and core voltage.
    reference_power: float
    hash_ratio: float
    default_quirks: tuple[str, ...] = ()

    @property
    def nominal_ghs(self) -> float:
        """What the firmware reports as expectedHashrate at the default clock."""
        return self.default_frequency * self.small_cores * self.asic_count / 1000


MODELS: dict[str, EspSpec] = {
    spec.key: spec
    for spec in (
        # device_config.h v2.15.0: board 601 = FAMILY_GAMMA, ASIC_BM1370, 1 ASIC, 40 W.
        EspSpec(
            key="espminer-bitaxe-gamma",
            family="Gamma",
            board_version="601",
            asic="BM1370",
            asic_count=1,
            small_cores=2040,
            default_frequency=525,
            default_voltage=1150,
            frequency_options=(400, 490, 525, 550, 600, 625),
            voltage_options=(1000, 1060, 1100, 1150, 1200, 1250),
            max_power=40,
            fans=1,
            swarm_color="green",
            hostname="bitaxe",
            firmware=AXEOS_2_15_0,
            info=captures.GAMMA_V2_15_0_INFO,
            asic_reply=None,  # v2.15.0 asic_settings.c, written from the board row
            reference_power=18.75,  # the v2.12.2 capture: 18.75 W, 1072.24 of 1071 GH/s
            hash_ratio=1.001,
        ),
        # The same board on v2.12.2, as captured: identify, no pause, pools as two fields.
        EspSpec(
            key="espminer-bitaxe-gamma-2.12",
            family="Gamma",
            board_version="601",
            asic="BM1370",
            asic_count=1,
            small_cores=2040,
            default_frequency=525,
            default_voltage=1150,
            frequency_options=(400, 490, 525, 550, 600, 625),
            voltage_options=(1000, 1060, 1100, 1150, 1200, 1250),
            max_power=40,
            fans=1,
            swarm_color="green",
            hostname="bitaxe",
            firmware=AXEOS_2_12_2,
            info=captures.GAMMA_V2_12_2_INFO,
            asic_reply=None,
            reference_power=18.75,
            hash_ratio=1.001,
        ),
        # device_config.h: board 401 = FAMILY_SUPRA, ASIC_BM1368, 1 ASIC, 40 W. v2.4.5
        # has no /api/system/asic; the options are the ones its web UI lists
        # (main/http_server/axe-os/src/app/components/edit/edit.component.ts at v2.4.5).
        EspSpec(
            key="espminer-bitaxe-supra-2.4",
            family="Supra",
            board_version="401",
            asic="BM1368",
            asic_count=1,
            small_cores=1276,
            default_frequency=490,
            default_voltage=1166,
            frequency_options=(400, 425, 450, 475, 490, 500, 525, 550, 575),
            voltage_options=(1100, 1150, 1166, 1200, 1250, 1300),
            max_power=40,
            fans=1,
            swarm_color="blue",
            hostname="bitaxe",
            firmware=AXEOS_2_4_5,
            info=captures.SUPRA_V2_4_5_INFO,
            asic_reply=None,
            # The capture is from 4 s after boot (2.65 W, 1000 GH/s while warming up): the
            # board row's self-test target of 12 W (power_consumption_target) instead.
            reference_power=12.0,
            hash_ratio=0.98,
        ),
        # main/boards/nerdqaxeplus2.cpp: "NerdQAxe++", 4 x BM1370, 52-100 W input, two fans.
        EspSpec(
            key="espminer-nerdqaxe-pp",
            family="NerdQAxe++",
            board_version="",
            asic="BM1370",
            asic_count=4,
            small_cores=2040,
            default_frequency=600,
            default_voltage=1150,
            frequency_options=(500, 515, 525, 550, 575, 590, 600),
            voltage_options=(1120, 1130, 1140, 1150, 1160, 1170, 1180, 1190, 1200),
            max_power=100,
            fans=2,
            swarm_color="#e700d8",
            hostname="qaxe6",
            firmware=NERDOS_1_1_0,
            info=captures.NERDQAXE_PP_V1_1_0_INFO,
            asic_reply=captures.NERDQAXE_PP_V1_1_0_ASIC,
            reference_power=103.0,  # the capture: 103 W, 5455.6 GH/s at 680 MHz, 1150 mV
            hash_ratio=0.983,
            default_quirks=("asic-temps-zero",),
        ),
    )
}

ESPMINER_MODELS = MODELS
