"""The ``/kaonsu/v1/`` readings of a simulated MARA model, made from the captured replies.

Every reply keeps the captured keys, types and quirks (rates in the brief's "GH/s", a
board not present listed with zeros and ``[0]`` temperatures). The capture left the boards'
serials out, as it did the MAC: pyasic (miners/backends/marathon.py ``_get_hashboards``)
and asic-rs (firmwares/marathon backends/v1/mod.rs) read ``hashboards[].serial_number``,
so each board gets the simulator's own, and a board not present an empty one (what MaraFW
shows there is not public). What follows the model (models.MaraSpec), not the KS5 Pro:

- boards (``hashboard_num_ideal``; ``hashboard_num`` the ones present), chips per board
  (``asic_num``/``asic_num_ideal``) and the number of fans;
- every rate scaled by the model's rated rate per board against the KS5 Pro's
  (``hashrate_sales`` 21000 GH/s over three boards), and by the boards present against
  the capture's two; ``hashrate_sales`` is the model's rating and ``hashrate_stock`` keeps
  the capture's ratio to it;
- the estimated power scaled by the rated watts per board against the KS5 Pro's 3150 W;
- the indicator: the mining capture's "Degraded" while a board is missing, else the
  "Fully functional" of the stopped capture;
- ``model`` and ``model_extended`` (the capture's "<model> (<rate>TH)" form).

Kept as captured for every model: temperatures, frequencies, fan speeds and their power,
uptime's start, the sleeping figures (25 W estimate, fans at 0). For the KS5 Pro every
factor is 1: its replies are the captures themselves (and the serials).
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from typing import Any, Final

from . import captures
from .models import MODELS, MaraSpec

CAPTURED: Final = MODELS["marathon-ks5pro"]  # the hardware of the captures
_PRESENT_IN_CAPTURE: Final = captures.MINING_HASHBOARDS["hashboard_num"]
_RATES: Final = (
    "hashrate_average",
    "hashrate_ideal",
    "hashrate_realtime",
    "hashrate_realtime_10m",
    "hashrate_realtime_1d",
    "hashrate_realtime_1h",
)
_POWER: Final = "power_consumption_estimated"


def _board_rate_factor(spec: MaraSpec) -> float:
    return (spec.sales_ghs / spec.boards) / (CAPTURED.sales_ghs / CAPTURED.boards)


def _board_power_factor(spec: MaraSpec) -> float:
    return (spec.rated_watts / spec.boards) / (CAPTURED.rated_watts / CAPTURED.boards)


def _present(spec: MaraSpec) -> int:
    return spec.boards - len(spec.missing)


def _scaled(value: Any, factor: float) -> Any:
    """The captured figure times factor, of the captured type (whole numbers stay whole)."""
    if isinstance(value, int):
        return round(value * factor)
    return round(value * factor, 4)


def _scale(reply: dict[str, Any], rate: float, power: float) -> dict[str, Any]:
    for key in _RATES:
        if key in reply:
            reply[key] = _scaled(reply[key], rate)
    if _POWER in reply:
        reply[_POWER] = _scaled(reply[_POWER], power)
    return reply


def brief(spec: MaraSpec, asleep: bool) -> dict[str, Any]:
    reply = copy.deepcopy(captures.SLEEP_BRIEF if asleep else captures.MINING_BRIEF)
    boards = _present(spec) / _PRESENT_IN_CAPTURE
    # Asleep, the estimate (25 W) is the control board's alone: kept as captured.
    power = 1.0 if asleep else _board_power_factor(spec) * boards
    _scale(reply, _board_rate_factor(spec) * boards, power)
    reply["hashrate_sales"] = spec.sales_ghs
    stock = captures.MINING_BRIEF["hashrate_stock"] / CAPTURED.sales_ghs
    reply["hashrate_stock"] = round(spec.sales_ghs * stock)
    if not asleep and not spec.missing:
        for key in ("indicator", "indicator_long"):
            reply[key] = captures.SLEEP_BRIEF[key]
    return reply


def _mining_board(spec: MaraSpec, index: int) -> dict[str, Any]:
    captured = captures.MINING_HASHBOARDS["hashboards"]
    if index in spec.missing:
        board = copy.deepcopy(captured[0])  # the capture's board not present
        board["asic_num"] = 0
        board["serial_number"] = ""
    else:
        same = index < len(captured) and captured[index]["present"]
        board = copy.deepcopy(captured[index] if same else captured[1 + index % 2])
        board["asic_num"] = spec.chips_per_board
        _scale(board, _board_rate_factor(spec), _board_power_factor(spec))
    board["asic_num_ideal"] = spec.chips_per_board
    board["index"] = index
    return board


def _sleeping_board(spec: MaraSpec, index: int) -> dict[str, Any]:
    captured = captures.SLEEP_HASHBOARDS["hashboards"]
    board = copy.deepcopy(captured[index % len(captured)])
    board["asic_num"] = board["asic_num_ideal"] = spec.chips_per_board
    board["index"] = index
    return _scale(board, _board_rate_factor(spec), _board_power_factor(spec))


def hashboards(spec: MaraSpec, asleep: bool, serials: Sequence[str]) -> dict[str, Any]:
    capture = captures.SLEEP_HASHBOARDS if asleep else captures.MINING_HASHBOARDS
    make = _sleeping_board if asleep else _mining_board
    boards = [make(spec, index) for index in range(spec.boards)]
    for board, serial in zip(boards, serials, strict=True):
        board.setdefault("serial_number", serial)
    return {
        "frequency_average": capture["frequency_average"],
        "hashboard_num": spec.boards if asleep else _present(spec),
        "hashboard_num_ideal": spec.boards,
        "hashboards": boards,
    }


def fans(spec: MaraSpec, asleep: bool) -> dict[str, Any]:
    reply = copy.deepcopy(captures.SLEEP_FANS if asleep else captures.MINING_FANS)
    captured = reply["fans"]
    listed = [{**captured[n % len(captured)], "index": n} for n in range(spec.fans)]
    reply["fans"] = listed
    reply["total_power_consumption"] = round(sum(f["power_consumption"] for f in listed), 5)
    return reply


def overview(spec: MaraSpec, mac: str) -> dict[str, Any]:
    rate = f"{spec.sales_ghs / 1000:.1f}TH"  # "Antminer KS5 Pro (21.0TH)" in the capture
    extended = f"{spec.name} ({rate})"
    return {**captures.OVERVIEW, "model": spec.name, "model_extended": extended, "mac": mac}
