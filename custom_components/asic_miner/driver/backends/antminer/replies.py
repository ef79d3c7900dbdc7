"""Where each MinerData field sits in stock Antminer replies (docs/protocols.md §1, §2).

Pure functions from parsed replies to normalised values; no I/O.
"""

from __future__ import annotations

from typing import Any

from ...data import Fan, HashBoard, MinerError
from ...models import ModelInfo
from ..values import (
    board_slot,
    first_item,
    mean_of_readings,
    text,
    to_count,
    to_float,
    to_int,
    to_ths,
)

# fan{n} keys start at 1 or 5 depending on the control board (S9: fan5/fan6 of fan1..fan8).
FAN_GROUPS = (1, 5)
# chain_acn{n} keys start at 1, 6 or 11 depending on the control board (S9: 6..8).
BOARD_GROUPS = (1, 6, 11)
_GROUP_WIDTH = 5


def expected_hashrate(
    figures: dict[str, Any], new_api: dict[str, Any], model: ModelInfo | None
) -> float | None:
    """Nominal TH/s: classic ``total_rateideal`` (unit ``rate_unit``), new_api, then the table."""
    for source, key in ((figures, "total_rateideal"), (new_api, "rate_ideal")):
        ideal = to_ths(source.get(key), source.get("rate_unit") or "GH")
        if ideal:
            return ideal
    return model.hashrate_ths if model else None


def fans(figures: dict[str, Any], model: ModelInfo | None) -> list[Fan]:
    """Fans from classic STATS[1] ``fan{n}``; the group holding a non-zero speed is the real one."""
    start = next(
        (g for g in FAN_GROUPS if any(to_int(figures.get(f"fan{g + i}")) for i in range(4))),
        FAN_GROUPS[0],
    )
    if model is not None:
        count = model.fans
    else:
        count = sum(1 for i in range(4) if to_int(figures.get(f"fan{start + i}")))
    return [Fan(speed=to_count(figures.get(f"fan{start + i}"))) for i in range(count)]


def new_api_boards(new_api: dict[str, Any], model: ModelInfo | None) -> list[HashBoard]:
    """Boards from ``stats`` new_api STATS[0].chain[] (X19 and later)."""
    chains = new_api.get("chain")
    if not isinstance(chains, list) or not chains:
        return []
    unit = str(new_api.get("rate_unit") or "GH")
    expected = model.chips_per_board if model else None
    boards: dict[int, HashBoard] = {}
    for position, chain in enumerate(chains):
        if not isinstance(chain, dict):
            continue
        slot = board_slot([chain.get("index")], position)
        if slot is None:
            continue
        chips = to_count(chain.get("asic_num"))
        boards[slot] = HashBoard(
            slot=slot,
            hashrate=to_ths(chain.get("rate_real"), unit),
            temp=mean_of_readings(as_list(chain.get("temp_pcb"))),
            chip_temp=mean_of_readings(as_list(chain.get("temp_chip"))),
            chips=chips,
            expected_chips=expected,
            serial_number=text(chain.get("sn")),
            missing=not chips,
        )
    return _with_missing(boards, model)


def classic_boards(figures: dict[str, Any], model: ModelInfo | None) -> list[HashBoard]:
    """Boards from classic STATS[1]: ``chain_acn{i}``, ``chain_rate{i}`` (GH), temperatures."""
    if not any(key.startswith("chain_acn") for key in figures):
        return []
    start = next(
        (
            g
            for g in BOARD_GROUPS
            if any(to_int(figures.get(f"chain_acn{g + i}")) for i in range(_GROUP_WIDTH))
        ),
        BOARD_GROUPS[0],
    )
    if model is not None:
        count = model.boards
    else:
        count = sum(1 for i in range(_GROUP_WIDTH) if to_int(figures.get(f"chain_acn{start + i}")))
    boards = []
    for slot in range(count):
        index = start + slot
        chips = to_count(figures.get(f"chain_acn{index}"))
        boards.append(
            HashBoard(
                slot=slot,
                hashrate=to_ths(figures.get(f"chain_rate{index}"), "GH"),
                temp=_reading(figures.get(f"temp{index}"))
                or _dashed_max(figures.get(f"temp_pcb{index}")),
                chip_temp=_reading(figures.get(f"temp2_{index}"))
                or _dashed_max(figures.get(f"temp_chip{index}")),
                chips=chips,
                expected_chips=model.chips_per_board if model else None,
                missing=not chips,
            )
        )
    return boards


def _with_missing(boards: dict[int, HashBoard], model: ModelInfo | None) -> list[HashBoard]:
    """The boards in slot order, with the model's absent boards marked missing."""
    expected = model.chips_per_board if model else None
    count = max(model.boards if model else 0, max(boards, default=-1) + 1)
    return [
        boards.get(slot) or HashBoard(slot=slot, expected_chips=expected, missing=True)
        for slot in range(count)
    ]


def web_errors(summary: dict[str, Any] | None) -> list[MinerError]:
    """summary.cgi SUMMARY[0].status[]: entries whose ``status`` is not "s" are errors."""
    errors = []
    for item in as_list(first_item(summary, "SUMMARY").get("status")):
        if isinstance(item, dict) and item.get("status") not in ("s", None):
            errors.append(
                MinerError(code=text(item.get("type")), message=str(item.get("msg") or ""))
            )
    return errors


def as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _reading(value: Any) -> float | None:
    number = to_float(value)
    return number if number else None


def _dashed_max(value: Any) -> float | None:
    """Hottest of "46-44-62-60" style sensor strings (X19 classic stats)."""
    if not isinstance(value, str):
        return None
    readings = [n for n in (to_float(part) for part in value.split("-")) if n]
    return max(readings) if readings else None
