"""Readers of the Braiins OS public REST API replies (25.07 on), field by field.

Shapes: the published OpenAPI (asic-rs meta/braiins/25.07/openapi.json, 26.04) and the
replies asic-rs captured from an S19 XP on 25.07 and 25.11 and an S21 Pro on 26.04
(asic-rs-firmwares/braiins/src/test/json/v25_07, v25_11, v26_04). Every reader takes
whatever came (a reply may lack any field or carry the wrong type) and gives None or an
empty list for what it cannot read; only a reply that is no JSON object fails the poll.
Enumerations are numbers as in braiins/bos-plus-api proto/bos/v1 (miner.proto MinerStatus,
performance.proto TunerState and TunerMode, cooling.proto CoolingMode).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any, Final

from ...data import Fan, HashBoard, MinerError, Pool
from ...model_info import ModelInfo
from ...models import lookup
from ..values import board_slot, format_mac, text, to_count, to_float, to_ths

MAKE: Final = "Antminer"
MINER_STATUS_NORMAL: Final = 2  # 1 not started, 3 paused, 4 suspended, 5 restricted
MINER_STATUS_PAUSED: Final = 3
MINER_STATUSES: Final = frozenset(range(1, 6))
TUNER_STATES: Final = {
    1: "disabled",
    2: "stable",
    3: "tuning",
    4: "error",
    5: "continuous",
    6: "preheat",
}
TUNER_MODE_POWER: Final = 1
TUNER_MODE_HASHRATE: Final = 2
# real_hashrate windows → MinerData.hashrate_averages keys.
AVERAGES: Final = {
    "last_1m": "1m",
    "last_5m": "5m",
    "last_15m": "15m",
    "last_1h": "1h",
    "last_24h": "1d",
}
CURRENT_WINDOW: Final = "last_5s"
MAX_ERRORS: Final = 10
_VERSION = re.compile(r"(\d+\.\d+(?:\.\d+)?(?:-[A-Za-z]+)?)$")


def obj(value: Any, *keys: str) -> dict[str, Any]:
    """``value[k1][k2]…`` when each step is an object, else an empty dict."""
    for key in keys:
        value = value.get(key) if isinstance(value, Mapping) else None
    return dict(value) if isinstance(value, Mapping) else {}


def items(value: Any, key: str | None = None) -> list[dict[str, Any]]:
    """The objects of a list (``value[key]`` when a key is given)."""
    if key is not None:
        value = value.get(key) if isinstance(value, Mapping) else None
    return (
        [dict(item) for item in value if isinstance(item, Mapping)]
        if isinstance(value, list)
        else []
    )


def hashrate(value: Any) -> float | None:
    """TH/s from a GigaHashrate / TeraHashrate / MegaHashrate object."""
    rate = obj(value)
    for key, unit in (
        ("terahash_per_second", "TH"),
        ("gigahash_per_second", "GH"),
        ("megahash_per_second", "MH"),
    ):
        if key in rate:
            return to_ths(rate[key], unit)
    return None


def celsius(value: Any) -> float | None:
    """°C from a Temperature object; None outside what a sensor can read."""
    degrees = to_float(obj(value).get("degree_c"))
    return round(degrees, 2) if degrees is not None and -60 < degrees < 250 else None


def watts(value: Any) -> int | None:
    watt = to_count(obj(value).get("watt"))
    return watt if watt is not None and watt < 1_000_000 else None


# -- miner/details --------------------------------------------------------------------


def model_row(details: Any) -> ModelInfo | None:
    identity = obj(details, "miner_identity")
    for key in ("miner_model", "name"):
        row = lookup(text(identity.get(key)), MAKE)
        if row is not None:
            return row
    return None


def model_name(details: Any) -> str | None:
    """The model as the stock table names it ("S21 Pro"), else as the miner writes it
    without the make."""
    row = model_row(details)
    if row is not None:
        return row.name
    identity = obj(details, "miner_identity")
    name = text(identity.get("miner_model")) or text(identity.get("name"))
    if name is None:
        return None
    return text(re.sub(r"^(antminer|bitmain)\s+", "", name, flags=re.IGNORECASE))


def firmware_version(details: Any) -> str | None:
    """'2025-08-06-0-3881c51d-25.07-plus' → '25.07-plus'; other spellings as they are."""
    current = text(obj(details, "bos_version").get("current"))
    if current is None:
        return None
    match = _VERSION.search(current)
    return match.group(1) if match else current


def is_mining(details: Any) -> bool | None:
    status = to_count(obj(details).get("status"))
    if status not in MINER_STATUSES:
        return None
    return status == MINER_STATUS_NORMAL


def is_paused(details: Any) -> bool:
    """Paused by a user (actions/pause), not stopped for another reason."""
    return to_count(obj(details).get("status")) == MINER_STATUS_PAUSED


def uptime(details: Any) -> int | None:
    """Seconds BOSminer has been mining (0 while it is not running)."""
    return to_count(obj(details).get("bosminer_uptime_s"))


def mac(details: Any) -> str | None:
    return format_mac(obj(details).get("mac_address"))


def hostname(details: Any) -> str | None:
    return text(obj(details).get("hostname"))


def serial(details: Any) -> str | None:
    return text(obj(details).get("serial_number"))


def sticker_hashrate(details: Any) -> float | None:
    return hashrate(obj(details).get("sticker_hashrate"))


# -- miner/stats ----------------------------------------------------------------------


def current_hashrate(stats: Any) -> float | None:
    return hashrate(obj(stats, "miner_stats", "real_hashrate").get(CURRENT_WINDOW))


def nominal_hashrate(stats: Any) -> float | None:
    return hashrate(obj(stats, "miner_stats").get("nominal_hashrate"))


def averages(stats: Any) -> dict[str, float]:
    real = obj(stats, "miner_stats", "real_hashrate")
    found = {name: hashrate(real.get(window)) for window, name in AVERAGES.items()}
    return {name: rate for name, rate in found.items() if rate is not None}


def power(stats: Any) -> int | None:
    return watts(obj(stats, "power_stats").get("approximated_consumption"))


def shares(stats: Any) -> tuple[int | None, int | None]:
    pool = obj(stats, "pool_stats")
    return to_count(pool.get("accepted_shares")), to_count(pool.get("rejected_shares"))


def found_blocks(stats: Any) -> int | None:
    return to_count(obj(stats, "miner_stats").get("found_blocks"))


# -- miner/hw/hashboards --------------------------------------------------------------


def hashboards(reply: Any, row: ModelInfo | None) -> list[HashBoard]:
    """Boards by slot (the firmware's ids count from 1); the model's boards that are not
    listed are missing."""
    boards: dict[int, HashBoard] = {}
    for position, board in enumerate(items(reply, "hashboards")):
        ident = to_count(board.get("id"))
        slot = board_slot([ident - 1 if ident else None], position)
        if slot is None or slot in boards:
            continue
        real = obj(board, "stats", "real_hashrate")
        boards[slot] = HashBoard(
            slot=slot,
            hashrate=hashrate(real.get(CURRENT_WINDOW)),
            temp=celsius(board.get("board_temp")),
            chip_temp=celsius(obj(board, "highest_chip_temp").get("temperature")),
            inlet_temp=celsius(board.get("lowest_inlet_temp")),
            outlet_temp=celsius(board.get("highest_outlet_temp")),
            chips=to_count(board.get("chips_count")),
            expected_chips=row.chips_per_board if row is not None else None,
            serial_number=text(board.get("serial_number")),
        )
    if row is not None:
        for slot in range(row.boards):
            boards.setdefault(
                slot, HashBoard(slot=slot, expected_chips=row.chips_per_board, missing=True)
            )
    return [boards[slot] for slot in sorted(boards)]


# -- cooling/state --------------------------------------------------------------------


def fans(cooling: Any) -> list[Fan]:
    listed = items(cooling, "fans")
    ordered = sorted(
        enumerate(listed), key=lambda pair: to_count(pair[1].get("position")) or pair[0]
    )
    return [Fan(speed=to_count(fan.get("rpm"))) for _, fan in ordered]


def fan_percent(cooling: Any) -> int | None:
    """The duty the fans are driven at (target_speed_ratio 0.0-1.0), the highest one."""
    ratios = [to_float(fan.get("target_speed_ratio")) for fan in items(cooling, "fans")]
    valid = [r for r in ratios if r is not None and 0 <= r <= 1]
    return round(max(valid) * 100) if valid else None


# -- performance/tuner-state ----------------------------------------------------------


def tuner_state(reply: Any) -> str | None:
    state = to_count(obj(reply).get("overall_tuner_state"))
    return TUNER_STATES.get(state) if state is not None else None


# -- pools ----------------------------------------------------------------------------


def pools(reply: Any) -> list[Pool]:
    """Every pool of every group, numbered in the order the miner lists them."""
    groups = [dict(g) for g in reply if isinstance(g, Mapping)] if isinstance(reply, list) else []
    found: list[Pool] = []
    for group in groups:
        for pool in items(group, "pools"):
            stats = obj(pool, "stats")
            found.append(
                Pool(
                    index=len(found),
                    url=text(pool.get("url")),
                    user=text(pool.get("user")),
                    active=pool.get("active") is True,
                    alive=pool.get("alive") is True,
                    accepted=to_count(stats.get("accepted_shares")),
                    rejected=to_count(stats.get("rejected_shares")),
                )
            )
    return found


def group_names(reply: Any) -> list[str]:
    if not isinstance(reply, list):
        return []
    return [name for g in reply if isinstance(g, Mapping) and (name := text(g.get("name")))]


# -- miner/errors ---------------------------------------------------------------------


def errors(reply: Any) -> list[MinerError]:
    """The latest distinct messages (the firmware keeps a history, oldest first)."""
    found: dict[str, MinerError] = {}
    for error in reversed(items(reply, "errors")):
        message = text(error.get("message"))
        if message is None or message in found:
            continue
        codes = items(error, "error_codes")
        code = text(codes[0].get("code")) if codes else None
        found[message] = MinerError(code=code, message=message)
        if len(found) == MAX_ERRORS:
            break
    return list(found.values())


def locate(reply: Any) -> bool | None:
    return reply if isinstance(reply, bool) else None


def api_version(reply: Any) -> str | None:
    parts = [to_count(obj(reply).get(k)) for k in ("major", "minor", "patch")]
    return ".".join(str(p) for p in parts) if all(p is not None for p in parts) else None
