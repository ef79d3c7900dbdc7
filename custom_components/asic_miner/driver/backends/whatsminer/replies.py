"""Where each MinerData field sits in Whatsminer replies (docs/protocols.md §3).

Pure functions from parsed replies to normalised values; no I/O. API V2 reports MH/s
(``MHS 1m``) and GH/s (``Factory GHS``); API V3 reports TH/s.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from ...config import MinerConfig, MiningMode, MiningModeConfig, PoolConfig, PowerMode
from ...data import Fan, HashBoard, MinerError, Pool
from ...models import ModelInfo
from ..values import board_slot, text, to_count, to_float, to_int, to_ths
from .error_codes import error_text

TRUE_WORDS = ("true", "1", "yes", "on", "enable", "enabled")
FALSE_WORDS = ("false", "0", "no", "off", "disable", "disabled")


def msg_of(reply: Mapping[str, Any] | None) -> dict[str, Any]:
    """``Msg`` of a Whatsminer daemon reply when it is an object, else {}."""
    msg = reply.get("Msg") if isinstance(reply, Mapping) else None
    return msg if isinstance(msg, dict) else {}


def as_bool(value: Any) -> bool | None:
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        return bool(value)
    if isinstance(value, str):
        word = value.strip().lower()
        if word in TRUE_WORDS:
            return True
        if word in FALSE_WORDS:
            return False
    return None


def clean_version(value: Any) -> str | None:
    """'whatsminer v2.0.5' → '2.0.5'; quotes and whitespace (newlines) stripped."""
    version = text(value)
    if version is None:
        return None
    version = version.strip("'\" \n\r\t")
    lowered = version.lower()
    for prefix in ("whatsminer v", "whatsminer ", "v"):
        if lowered.startswith(prefix):
            version = version[len(prefix) :]
            break
    return version or None


def power_mode(value: Any) -> PowerMode | None:
    word = text(value)
    if word is None:
        return None
    try:
        return PowerMode(word.lower())
    except ValueError:
        return None


def miner_errors(codes: Iterable[Any]) -> list[MinerError]:
    """MinerErrors from a code list: ints, numeric strings, or {"<code>": "<time>"} objects."""
    found: list[int] = []
    for item in codes:
        keys: Iterable[Any] = item.keys() if isinstance(item, Mapping) else (item,)
        for key in keys:
            code = to_int(key)
            if code is not None and code not in found:
                found.append(code)
    return [MinerError(code=code, message=error_text(code)) for code in found]


def error_list(value: Any) -> list[Any]:
    """The error code list in its shapes: a list, a {code: time} object, or one code."""
    if isinstance(value, list):
        return value
    if isinstance(value, Mapping):
        return [{key: item} for key, item in value.items()]
    if value in (None, ""):
        return []
    return [value]


def fans_from(model: ModelInfo | None, speeds: list[int | None]) -> list[Fan]:
    """The machine's own fans (none on hydro/immersion models), from in/out speeds."""
    speeds = [s if s is None or s >= 0 else None for s in speeds]
    if model is not None:
        return [Fan(speed=s) for s in speeds[: model.fans]]
    if all(not s for s in speeds):
        return []
    return [Fan(speed=s) for s in speeds]


def complete_boards(boards: dict[int, HashBoard], model: ModelInfo | None) -> list[HashBoard]:
    """The boards reported, plus the model's missing ones (marked missing), by slot."""
    if model is not None:
        for slot in range(model.boards):
            if slot not in boards:
                boards[slot] = HashBoard(
                    slot=slot, expected_chips=model.chips_per_board, missing=True
                )
    return [boards[slot] for slot in sorted(boards)]


def pool_config(pools: Iterable[Pool]) -> list[PoolConfig]:
    return [PoolConfig(url=p.url, user=p.user or "") for p in pools if p.url]


def mining_mode(
    mining: bool | None, mode: PowerMode | None, limit: float | None, model: ModelInfo | None
) -> MiningModeConfig:
    """The configured mode: sleep when stopped, a power target when a limit below the
    model's maximum is set, else the preset power mode."""
    if mining is False:
        return MiningModeConfig(MiningMode.SLEEP)
    if limit is not None and model is not None and 0 < limit < model.power_max_w:
        return MiningModeConfig(MiningMode.POWER_TARGET, power_target=int(limit))
    if mode is PowerMode.LOW:
        return MiningModeConfig(MiningMode.LOW)
    if mode is PowerMode.HIGH:
        return MiningModeConfig(MiningMode.HIGH)
    return MiningModeConfig(MiningMode.NORMAL)


def config_from(
    pools: Iterable[Pool],
    mining: bool | None,
    mode: PowerMode | None,
    limit: float | None,
    model: ModelInfo | None,
) -> MinerConfig:
    return MinerConfig(
        pools=pool_config(pools), mining_mode=mining_mode(mining, mode, limit, model)
    )


# -- API V2 --------------------------------------------------------------------------------


def v2_boards(devs: Mapping[str, Any] | None, model: ModelInfo | None) -> list[HashBoard]:
    """Boards from ``edevs``/``devs`` DEVS[] (MH/s)."""
    items = (devs or {}).get("DEVS")
    if not isinstance(items, list):
        return []
    expected = model.chips_per_board if model else None
    boards: dict[int, HashBoard] = {}
    for position, item in enumerate(items):
        if not isinstance(item, dict):
            continue
        slot = board_slot([item.get("ASC"), item.get("Slot")], position)
        if slot is None:
            continue
        chips = to_count(item.get("Effective Chips"))
        boards[slot] = HashBoard(
            slot=slot,
            hashrate=to_ths(item.get("MHS 1m", item.get("MHS av")), "MH"),
            temp=to_float(item.get("Temperature")),
            chip_temp=to_float(item.get("Chip Temp Avg")),
            chips=chips,
            expected_chips=expected,
            serial_number=text(item.get("PCB SN")),
            missing=chips == 0,
        )
    return complete_boards(boards, model)


def v2_pools(reply: Mapping[str, Any] | None) -> list[Pool]:
    items = (reply or {}).get("POOLS")
    if not isinstance(items, list):
        return []
    pools: list[Pool] = []
    for position, item in enumerate(items):
        if not isinstance(item, dict) or not text(item.get("URL")):
            continue
        index = to_int(item.get("POOL"))
        pools.append(
            Pool(
                index=position if index is None else index,
                url=text(item.get("URL")),
                user=text(item.get("User")),
                active=as_bool(item.get("Stratum Active")) is True,
                alive=str(item.get("Status", "")).lower() == "alive",
                accepted=to_count(item.get("Accepted")),
                rejected=to_count(item.get("Rejected")),
            )
        )
    return pools


def v2_summary_errors(summary: Mapping[str, Any]) -> list[MinerError]:
    """API < 2.0.4: ``Error Code Count`` and ``Error Code <i>`` in the summary."""
    # No more codes than the summary has keys, whatever the count claims (10**9).
    count = min(to_int(summary.get("Error Code Count")) or 0, len(summary))
    return miner_errors(summary.get(f"Error Code {i}") for i in range(count))


def v2_is_mining(status: Mapping[str, Any]) -> bool | None:
    """From ``status`` Msg: ``btmineroff`` (btminer stopped) or older ``mineroff``."""
    for key in ("btmineroff", "mineroff"):
        off = as_bool(status.get(key))
        if off is not None:
            return not off
    return None


def watts(value: Any) -> float | None:
    """Power in W; the firmware writes -1 (or 0) for "no reading"."""
    number = to_float(value)
    return number if number is not None and number > 0 else None


# -- API V3 --------------------------------------------------------------------------------


def section(msg: Any, name: str) -> dict[str, Any]:
    """``msg[name]`` when both are objects, else {} (a V3 ``msg`` may be any JSON)."""
    value = msg.get(name) if isinstance(msg, Mapping) else None
    return value if isinstance(value, dict) else {}


def v3_boards(edevs: Any, model: ModelInfo | None) -> list[HashBoard]:
    """Boards from ``get.miner.status`` edevs[] (TH/s)."""
    if not isinstance(edevs, list):
        return []
    expected = model.chips_per_board if model else None
    boards: dict[int, HashBoard] = {}
    for position, item in enumerate(edevs):
        if not isinstance(item, dict):
            continue
        slot = board_slot([item.get(key) for key in ("id", "slot", "index")], position)
        if slot is None:
            continue
        chips = to_count(item.get("effective-chips"))
        chip_temp = to_float(item.get("chip-temp-avg"))
        if chip_temp is None:
            low, high = to_float(item.get("chip-temp-min")), to_float(item.get("chip-temp-max"))
            if low is not None and high is not None:
                chip_temp = round(low / 2 + high / 2, 1)  # halves first: no overflow
            else:
                chip_temp = high
        boards[slot] = HashBoard(
            slot=slot,
            hashrate=to_ths(item.get("hash-average", item.get("hash-realtime")), "TH"),
            temp=to_float(item.get("temperature", item.get("board-temperature"))),
            chip_temp=chip_temp,
            chips=chips,
            expected_chips=expected,
            serial_number=text(item.get("pcb-sn", item.get("serial"))),
            missing=chips == 0,
        )
    return complete_boards(boards, model)


def v3_pools(items: Any) -> list[Pool]:
    if not isinstance(items, list):
        return []
    pools: list[Pool] = []
    for position, item in enumerate(items):
        if not isinstance(item, dict) or not text(item.get("url")):
            continue
        index = to_int(item.get("id"))
        pools.append(
            Pool(
                index=position if index is None else index,
                url=text(item.get("url")),
                user=text(item.get("account", item.get("user"))),
                active=as_bool(item.get("stratum-active")) is True,
                alive=str(item.get("status", "")).lower() == "alive",
                accepted=to_count(item.get("accepted")),
                rejected=to_count(item.get("rejected")),
            )
        )
    return pools
