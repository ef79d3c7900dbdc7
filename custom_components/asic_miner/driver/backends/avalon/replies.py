"""Figures from Avalon replies: the ``estats`` tokens, ``summary``, ``pools``, ``version``.

Where each model keeps what (docs/protocols.md §5a; token names as the captures in the
simulator show them): the current rate GHSspd (GHSavg is since boot), the nominal GHSmm,
per-board MGHS/MTmax/MTavg and PVT_T<i> chip lists on the A-series, intake ITemp (Temp on
the A-series and the Nano 3; -273 means no sensor), outlet OTemp (HBOTemp on the Q), board
HBTemp (Mini 3) or HBITemp/HBOTemp (Q), power WALLPOWER or PS[6] (the wall; PS[4] is the
hashboards' share), MPO the power the work mode allows.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ...data import Fan, HashBoard, MinerError, Pool
from ...pool_url import url_without_credentials
from ..values import first_item, format_mac, text, to_count, to_float, to_ths
from . import tokens as tk
from .models import AvalonModel

NO_SENSOR = -273.0
# Avalon A10 API manual, appendix 1: the power supply's error bits in PS[0].
PSU_ERRORS: dict[int, str] = {
    1: "Power supply input voltage low",
    2: "Power supply over temperature (OT1)",
    4: "Power supply over temperature (OT2)",
    8: "Power supply over temperature (OT3)",
    16: "Power supply input over current",
    32: "Power supply output voltage low",
    64: "Power supply output over current",
    128: "Power supply error (CS_error)",
    256: "Power supply error (OC_IOSA)",
    512: "Power supply error (OC_IOSB)",
    1024: "Power supply error (OC_IOSC)",
    2048: "Power supply fan failed",
}
_AVERAGE_WINDOWS = {"1m": "MHS 1m", "5m": "MHS 5m", "15m": "MHS 15m"}


@dataclass(frozen=True, slots=True)
class Estats:
    """One controller's tokens, and the Q's per-board chip lists."""

    tokens: dict[str, str]
    boards_info: dict[str, dict[str, str]]
    elapsed: int | None  # STATS[0] Elapsed (cgminer's own uptime)

    def get(self, key: str) -> str | None:
        return self.tokens.get(key)

    def value(self, key: str) -> float | None:
        return tk.number(self.tokens.get(key))

    def values(self, key: str) -> list[float]:
        return tk.numbers(self.tokens.get(key))

    def whole(self, key: str) -> int | None:
        number = self.value(key)
        return None if number is None else int(number)


def estats(reply: Mapping[str, Any] | None) -> Estats | None:
    """The first STATS entry that carries an MM string (None when none does)."""
    items = reply.get("STATS") if isinstance(reply, Mapping) else None
    for entry in items if isinstance(items, list) else []:
        if not isinstance(entry, Mapping):
            continue
        raw = tk.mm_string(entry)
        if raw is not None:
            return Estats(tk.parse_tokens(raw), tk.hbinfo(entry), to_count(entry.get("Elapsed")))
    return None


def _sensor(value: float | None) -> float | None:
    return None if value is None or value <= NO_SENSOR else value


def hashrate(figures: Estats) -> float | None:
    return to_ths(figures.get("GHSspd"), "GH")


def expected_hashrate(figures: Estats) -> float | None:
    return to_ths(figures.get("GHSmm"), "GH")


def wattage(figures: Estats) -> float | None:
    """WALLPOWER (A-series), else the wall power in PS[6], else the boards' PS[4]."""
    wall = figures.value("WALLPOWER")
    if wall is not None and wall > 0:
        return wall
    supply = figures.values("PS")
    for index in (6, 4):
        if len(supply) > index and supply[index] > 0:
            return supply[index]
    return None


def env_temp(figures: Estats) -> float | None:
    return _sensor(figures.value("ITemp")) or _sensor(figures.value("Temp"))


def outlet_temp(figures: Estats) -> float | None:
    return _sensor(figures.value("OTemp")) or _sensor(figures.value("HBOTemp"))


def uptime(figures: Estats, summary: Mapping[str, Any]) -> int | None:
    own = figures.whole("Elapsed")
    if own is not None and own >= 0:
        return own
    return figures.elapsed if figures.elapsed is not None else to_count(summary.get("Elapsed"))


def _current_board_rates(figures: Estats) -> list[float]:
    """Each board's share of the current rate (GHSspd), GH/s.

    MGHS is the boards' average since boot (its sum is GHSavg in every capture: pyasic's
    A1566 fixture, a Nano 3S, an idle Avalon Q), so it stays high while the miner is soft
    off. Its split across the boards is kept, scaled to the current rate.
    """
    rates = figures.values("MGHS")
    total, current = sum(rates), figures.value("GHSspd")
    if current is None or total <= 0:
        return rates
    return [rate / total * current for rate in rates]


def hashboards(figures: Estats, model: AvalonModel | None) -> list[HashBoard]:
    """One board per MGHS entry (A-series: three), else one per the model's row."""
    rates = _current_board_rates(figures)
    count = len(rates) or (model.info.boards if model else 1)
    chip_max, chip_avg = figures.values("MTmax"), figures.values("MTavg")
    expected = model.info.chips_per_board if model else None
    boards = []
    for slot in range(count):
        chips = _chip_temps(figures, slot)
        board_max = _at(chip_max, slot) if len(chip_max) == count else figures.value("TMax")
        board_avg = _at(chip_avg, slot) if len(chip_avg) == count else figures.value("TAvg")
        board_temp = _sensor(figures.value("HBTemp")) if count == 1 else None
        boards.append(
            HashBoard(
                slot=slot,
                hashrate=to_ths(_at(rates, slot), "GH"),
                temp=board_temp if board_temp is not None else _sensor(board_avg) or None,
                chip_temp=_sensor(board_max) or None,
                inlet_temp=_sensor(figures.value("HBITemp")) if count == 1 else None,
                outlet_temp=_sensor(figures.value("HBOTemp")) if count == 1 else None,
                chips=sum(1 for t in chips if t > 0) if chips else None,
                expected_chips=expected,
            )
        )
    return boards


def _chip_temps(figures: Estats, slot: int) -> list[float]:
    own = figures.values(f"PVT_T{slot}")
    if own:
        return own
    return tk.numbers(figures.boards_info.get(f"HB{slot}", {}).get(f"PVT_T{slot}"))


def _at(values: list[float], index: int) -> float | None:
    return values[index] if 0 <= index < len(values) else None


def fans(figures: Estats, model: AvalonModel | None) -> list[Fan]:
    count = model.info.fans if model else 4
    speeds = [figures.whole(f"Fan{i + 1}") for i in range(count)]
    return [Fan(speed=s if s is not None and s >= 0 else None) for s in speeds if s is not None]


def fan_percent(figures: Estats) -> int | None:
    value = figures.value("FanR")
    return int(value) if value is not None and 0 <= value <= 100 else None


def soft_off(figures: Estats) -> bool | None:
    """Soft-off (SoftOFF names a reason, or the system idles), None when unsaid."""
    reason = figures.whole("SoftOFF")
    status = figures.get("SYSTEMSTATU") or ""
    if reason is None and not status:
        return None
    return bool(reason) or "In Idle" in status


def errors(figures: Estats) -> list[MinerError]:
    found: list[MinerError] = []
    status = text(figures.get("SYSTEMSTATU"))
    if status and "In Fault" in status:
        found.append(MinerError("fault", f"The miner reports a fault ({status})"))
    supply = figures.values("PS")
    code = int(supply[0]) if supply else 0
    found += [MinerError(f"PS{bit}", msg) for bit, msg in PSU_ERRORS.items() if code & bit]
    controller = figures.whole("ECMM")
    if controller:
        found.append(MinerError(controller, f"Controller error code {controller}"))
    for slot, board_code in enumerate(figures.values("ECHU")):
        if board_code:
            found.append(
                MinerError(int(board_code), f"Hash board {slot} error code {board_code:g}")
            )
    if figures.whole("FanErr"):
        found.append(MinerError("fan", "A fan has failed (FanErr)"))
    return found


def hashrate_averages(summary: Mapping[str, Any]) -> dict[str, float]:
    averages = {}
    for window, key in _AVERAGE_WINDOWS.items():
        value = to_ths(summary.get(key), "MH")
        if value is not None:
            averages[window] = value
    return averages


def pools(reply: Mapping[str, Any] | None) -> list[Pool]:
    """Every configured pool. The Q lists each pool's password too: it is never read."""
    items = reply.get("POOLS") if isinstance(reply, Mapping) else None
    found = []
    for position, entry in enumerate(items if isinstance(items, list) else []):
        if not isinstance(entry, Mapping):
            continue
        index = to_count(entry.get("POOL"))
        url = text(entry.get("URL"))
        found.append(
            Pool(
                index=position if index is None else index,
                url=url_without_credentials(url) if url else None,
                user=text(entry.get("User")),
                active=entry.get("Stratum Active") is True,
                alive=entry.get("Status") == "Alive",
                accepted=to_count(entry.get("Accepted")),
                rejected=to_count(entry.get("Rejected")),
            )
        )
    return found


@dataclass(frozen=True, slots=True)
class Version:
    model: str | None  # MODEL, else PROD
    mac: str | None
    firmware: str | None  # LVERSION on the home models, VERSION on the A-series
    api: str | None
    dna: str | None


def version(reply: Mapping[str, Any] | None) -> Version:
    entry = first_item(reply, "VERSION")
    return Version(
        model=text(entry.get("MODEL")) or text(entry.get("PROD")),
        mac=format_mac(entry.get("MAC")),
        firmware=text(entry.get("LVERSION")) or text(entry.get("VERSION")),
        api=text(entry.get("API")),
        dna=text(entry.get("DNA")),
    )


def model_from_tokens(figures: Estats) -> str | None:
    """ "Ver[Nano3s-25021401_56abae7]" → "Nano3s"; the A-series' "Ver[15-194-…]" → "15-194"."""
    ver = figures.get("Ver")
    if not ver:
        return None
    head, _, rest = ver.partition("-")
    second = rest.partition("-")[0]
    return f"{head}-{second}" if head.isdigit() and second.isdigit() else head or None


def when(reply: Mapping[str, Any] | None) -> float | None:
    """STATUS[0] When: the miner's clock (unix seconds)."""
    return to_float(first_item(reply, "STATUS").get("When"))
