"""The ``MM ID0`` string of ``estats``/``stats``: ``Key[value]`` tokens in each firmware's order.

Token names, order and the values that do not change are the captures' (captures.py names
them); the live figures come from telemetry. Canaan's driver writes the per-chip lists with
``"%3d "`` (temperatures) or ``"%d "`` and turns the last space into ``]``
(Canaan-Creative/Avalon_Nano3s driver-avalon.c, avalon_api_stats).
"""

from __future__ import annotations

from collections.abc import Iterable

from .models import AvalonSpec
from .state import AvalonState
from .telemetry import Live

Tokens = list[tuple[str, object]]


def render(tokens: Tokens) -> str:
    return " ".join(f"{key}[{value}]" for key, value in tokens)


def _ints(values: Iterable[int], width: int = 0) -> str:
    text = "".join(f"{v:{width}d} " for v in values)
    return text[:-1] if text else ""


def _floats(values: Iterable[float]) -> str:
    return " ".join(f"{v:.2f}" for v in values)


def chip_temps(live: Live, board: int, chips: int) -> list[int]:
    base = live.chip_avg if live.hashing else live.inlet + 2
    return [base - 4 + (7 * i + 3 * board) % 9 for i in range(chips)]


def chip_volts(board: int, chips: int) -> list[int]:
    return [286 + (5 * i + board) % 9 for i in range(chips)]


def chip_works(live: Live, board: int, chips: int) -> list[int]:
    return [(18 + (11 * i + board) % 9) if live.hashing else 0 for i in range(chips)]


def power_supply(spec: AvalonSpec, live: Live) -> str:
    """PS[err Vctrl Vhash current Pout Vset Pwall] (A10 manual; index 6 the wall power)."""
    if spec.key == "avalon-nano3s":  # the capture: PS[0 0 27541 4 0 3756 133]
        return f"{live.psu_error} 0 27541 {4 if live.hashing else 0} 0 3756 {live.watts}"
    out = round(live.watts * 0.94) if live.hashing else 0
    amps = round(out / 22) if live.hashing else 0
    return f"{live.psu_error} 1209 {2083 if live.hashing else 4} {amps} {out} 2085 {live.watts}"


def _common_head(spec: AvalonSpec, live: Live, dna: str) -> Tokens:
    return [
        ("DNA", dna),
        ("MEMFREE", 63728),
        ("NETFAIL", "0 0 0 0 0 0 0 0"),
        ("SYSTEMSTATU", f"Work: {live.system_status}, Hash Board: {spec.boards}"),
        ("Elapsed", live.uptime),
        ("BOOTBY", "0x01.00000000"),
        ("LW", 7753951 + live.uptime * 11),
        ("MH", _ints([0] * spec.boards)),
        ("DHW", 0),
        ("HW", 0),
        ("DH", "2.374%"),
    ]


def nano3s(spec: AvalonSpec, state: AvalonState, live: Live, dna: str) -> str:
    light = state.light
    r, g, b = light.rgb
    chips = spec.chips_per_board
    return render(
        [
            ("Ver", f"{spec.ver_model}-{spec.firmware}"),
            ("LVer", spec.firmware),
            ("BVer", spec.firmware),
            ("FW", "Release"),
            ("LED", f"{state.led_mode}-{light.effect}"),
            ("LEDUser", f"{light.effect}-{light.bright}-{light.temper}-{r}-{g}-{b}"),
            ("LcdOnoff", 1),
            ("LcdSwitch", 2),
            ("DNA", dna),
            ("MEMFREE", 63728),
            ("PFCnt", 0),
            *_common_head(spec, live, dna)[2:],
            ("ITemp", live.inlet),
            ("OTemp", live.outlet),
            ("TMax", live.chip_max),
            ("TAvg", live.chip_avg),
            ("TarT", live.target_temp),
            ("Fan1", live.fan_rpm[0]),
            ("FanR", f"{live.fan_pct}%"),
            ("PS", power_supply(spec, live)),
            ("GHSspd", f"{live.ghs_spd:.2f}"),
            ("DHspd", "2.374%"),
            ("GHSmm", f"{live.ghs_mm:.2f}"),
            ("GHSavg", f"{live.ghs_avg:.2f}"),
            ("WU", f"{live.ghs_avg * 13.97:.2f}"),
            ("Freq", "464.89"),
            ("MGHS", _floats(live.board_ghs)),
            ("MTmax", live.chip_max),
            ("MTavg", live.chip_avg),
            ("TA", chips),
            ("Core", spec.chip_core),
            ("BIN", 60),
            ("PING", 78),
            ("SoftOFF", live.soft_off_reason),
            ("ECHU", 0),
            ("ECMM", 0),
            ("PLL0", "499 254 423 648"),
            ("SF0", "432 450 471 492"),
            ("PVT_T0", _ints(chip_temps(live, 0, chips), 3)),
            ("PVT_V0", _ints(chip_volts(0, chips))),
            ("MW0", _ints(chip_works(live, 0, chips))),
            ("CRC", 0),
            ("COMCRC", 0),
            (f"ATA{state.work_mode}", f"{live.max_power}-{live.target_temp}-3756-432-20"),
            ("WORKMODE", state.work_mode),
            ("WORKLEVEL", state.work_level),
            ("MPO", live.max_power),
            ("CALIALL", 7),
            ("ADJ", 1),
        ]
    )


def _home_tail(spec: AvalonSpec, state: AvalonState, live: Live) -> Tokens:
    """From PCOMM_E on, as the Avalon Q writes it (asic-rs stats.json)."""
    return [
        ("PCOMM_E", 0),
        ("GHSspd", f"{live.ghs_spd:.2f}"),
        ("DHspd", "2.449%"),
        ("GHSmm", f"{live.ghs_mm:.2f}"),
        ("GHSavg", f"{live.ghs_avg:.2f}"),
        ("WU", f"{live.ghs_avg * 13.97:.2f}"),
        ("Freq", "282.86"),
        ("MGHS", _floats(live.board_ghs)),
        ("TA", spec.chips_per_board),
        ("Core", spec.chip_core),
        ("BIN", 36),
        ("PING", 17),
        ("SoftOFF", live.soft_off_reason),
        ("ECHU", 0),
        ("ECMM", 0),
        ("PLL0", "8843 5769 5098 4610"),
        ("SF0", "258 276 297 318"),
        ("CRC", 0),
        ("COMCRC", 0),
        (f"ATA{state.work_mode}", f"{live.max_power}-{live.target_temp}-2264-258-20"),
        ("LcdOnoff", 1),
        ("Activation", 0),
        ("WORKMODE", state.work_mode),
        ("WORKLEVEL", state.work_level),
        ("MPO", live.max_power),
        ("CALIALL", 7),
        ("ADJ", 1),
        ("Nonce Mask", 25),
    ]


def mini3(spec: AvalonSpec, state: AvalonState, live: Live, dna: str) -> str:
    head: Tokens = [
        ("HashStatus", 0),
        ("Ver", f"{spec.ver_model}-{spec.firmware}"),
        ("LVer", spec.firmware),
        ("BVer", spec.firmware),
        ("Mcu0Ver", "Mini3_hb_v1.0"),
        ("FW", "Release"),
        *_common_head(spec, live, dna),
        ("ITemp", live.inlet),
        ("OTemp", live.outlet),
        ("HBTemp", live.board_temp),
        ("TMax", live.chip_max),
        ("TAvg", live.chip_avg),
        ("TarT", live.target_temp),
        ("Fan1", live.fan_rpm[0]),
        ("FanR", f"{live.fan_pct}%"),
        ("PS", power_supply(spec, live)),
    ]
    return render(head + _home_tail(spec, state, live))


def avalon_q(spec: AvalonSpec, state: AvalonState, live: Live, dna: str) -> str:
    """The ``'STATS':{…}`` body of ``MM ID0:Summary``."""
    fans = [(f"Fan{i + 1}", rpm) for i, rpm in enumerate(live.fan_rpm)]
    tokens: Tokens = [
        ("Ver", f"{spec.ver_model}-{spec.firmware}"),
        ("LVer", spec.firmware),
        ("BVer", spec.firmware),
        ("HashMcu0Ver", "Q_hb_v1.1"),
        ("FanMcuVer", "Q_fb_v1.2"),
        ("CPU", "K230"),
        ("FW", "Release"),
        ("DNA", dna),
        ("STATE", 1 if live.hashing else 2),
        ("MEMFREE", 67896),
        ("NETFAIL", "0 0 0 0 0 0 0 0"),
        ("SSID", ""),
        ("RSSI", 0),
        ("NetDevType", 0),
        *_common_head(spec, live, dna)[3:],
        ("ITemp", live.inlet),
        ("HBITemp", live.board_temp),
        ("HBOTemp", live.outlet),
        ("TMax", live.chip_max),
        ("TAvg", live.chip_avg),
        ("TarT", live.target_temp),
        *fans,
        ("FanR", f"{live.fan_pct}%"),
        ("SoftOffTime", int(state.soft_off_at or 0)),
        ("SoftOnTime", int(state.soft_on_at or 0)),
        ("Filter", state.filter_minutes),
        ("FanErr", 0),
        ("SoloAllowed", 1),
        ("PS", power_supply(spec, live)),
    ]
    return "'STATS':{" + render(tokens + _home_tail(spec, state, live)) + "}"


def hbinfo(spec: AvalonSpec, live: Live) -> str:
    """The Q's ``HBinfo``: ``'HB0':{PVT_T0[…] PVT_V0[…] MW0[…]}`` (asic-rs stats.json)."""
    chips = spec.chips_per_board
    body = render(
        [
            ("PVT_T0", _ints(chip_temps(live, 0, chips), 3)),
            ("PVT_V0", _ints(chip_volts(0, chips))),
            ("MW0", _ints(chip_works(live, 0, chips))),
        ]
    )
    return "'HB0':{" + body + "}"


def a_series(spec: AvalonSpec, state: AvalonState, live: Live, dna: str) -> str:
    boards, chips = spec.boards, spec.chips_per_board
    per_board = range(boards)
    fans = [(f"Fan{i + 1}", rpm) for i, rpm in enumerate(live.fan_rpm)]
    tokens: Tokens = [
        ("Ver", f"{spec.ver_model}-{spec.firmware}"),
        ("DNA", dna),
        ("MEMFREE", "1392832.1381104"),
        ("NETFAIL", "0 0 0 0 0 0 0 0"),
        ("SYSTEMSTATU", f"Work: {live.system_status}, Hash Board: {boards} "),
        *_common_head(spec, live, dna)[4:],
        ("Temp", live.inlet),
        ("TMax", live.chip_max),
        ("TAvg", live.chip_avg),
        *fans,
        ("FanR", f"{live.fan_pct}%"),
        ("Vo", 296),
        ("PS", power_supply(spec, live)),
        ("WALLPOWER", live.watts),
        *[(f"PLL{b}", "3346 2549 4722 13703") for b in per_board],
        ("GHSspd", f"{live.ghs_spd:.2f}"),
        ("DHspd", "1.299%"),
        ("GHSmm", f"{live.ghs_mm:.2f}"),
        ("GHSavg", f"{live.ghs_avg:.2f}"),
        ("WU", f"{live.ghs_avg * 13.97:.2f}"),
        ("Freq", "345.94"),
        ("Led", 1 if state.fault_light else 0),
        ("MGHS", _floats(live.board_ghs)),
        ("MTmax", _ints([live.chip_max - (b % 2) for b in per_board])),
        ("MTavg", _ints([live.chip_avg - 1 + b for b in per_board])),
        ("MVavg", " ".join(f"{285.7 + 0.3 * b:.1f}" for b in per_board)),
        ("TA", boards * chips),
        ("Core", spec.chip_core),
        ("PING", 131),
        ("POWS", 0),
        ("EEPROM", _ints([chips] * boards)),
        ("HASHS", _ints([0] * boards)),
        ("POOLS", 0),
        ("SoftOFF", live.soft_off_reason),
        ("ECHU", _ints([0] * boards)),
        ("ECMM", 0),
        *[(f"SF{b}", "300 318 339 360") for b in per_board],
        *[(f"PVT_T{b}", _ints(chip_temps(live, b, chips), 3)) for b in per_board],
        *[(f"PVT_V{b}", _ints(chip_volts(b, chips))) for b in per_board],
        ("MW", _ints([238147 + b for b in per_board])),
        *[(f"MW{b}", _ints(chip_works(live, b, chips))) for b in per_board],
        ("CRC", _ints([0] * boards)),
        ("COMCRC", _ints([0] * boards)),
        *[(f"FACOPTS{b}", "") for b in per_board],
        *[
            (
                f"ATAOPTS{b}",
                "--avalon10-freq 300:318:339:360 --avalon10-voltage-level 1188 "
                f"--hash-asic {chips}",
            )
            for b in per_board
        ],
        ("ADJ", 1),
        ("COP", _ints([0] * boards)),
        ("MPO", live.max_power),
        ("MVL", 87),
        *[(f"ATABD{b}", "300 318 339 360") for b in per_board],
        ("WORKMODE", state.work_mode),
    ]
    return render(tokens)
