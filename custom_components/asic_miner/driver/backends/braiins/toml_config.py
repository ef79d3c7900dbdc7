"""``/etc/bosminer.toml``: read with tomllib, changed in place, written back.

The file's layout (braiins-os package/mining/bosminer/files/bosminer-template.toml and
bosminer.init; Braiins OS+ docs Configuration): ``[format]``, ``[hash_chain_global]``,
``[hash_chain.<n>]``, ``[temp_control]``, ``[fan_control]``, ``[[group]]`` with
``[[group.pool]]`` (url, user, password), ``[autotuning]``, ``[power_scaling]``.
The power target is ``autotuning.psu_power_limit`` in format 1.x (Braiins OS+ 20.x) and
``autotuning.power_target`` with ``mode = 'power_target'`` in later formats (pyasic's
MiningModeConfig.from_bosminer reads both); a change keeps the form the file uses.

Everything this module does not change is written back as it was read (its values, not
its comments: tomllib keeps none). ``dumps`` is a serializer for what TOML parsing gives:
tables, arrays of tables, strings, integers, floats, booleans and arrays of those.
"""

from __future__ import annotations

import math
import re
import tomllib
from collections.abc import Mapping
from datetime import date, datetime, time
from typing import Any, Final

from ...config import FanConfig, FanMode, MinerConfig, MiningMode, MiningModeConfig, PoolConfig
from ...errors import MinerProtocolError

PATH: Final = "/etc/bosminer.toml"
_BARE_KEY: Final = re.compile(r"[A-Za-z0-9_-]+")
_PLAIN_LITERAL: Final = re.compile(r"[^'\x00-\x08\x0a-\x1f\x7f]*")

Document = dict[str, Any]


def loads(text: str) -> Document:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        raise MinerProtocolError(f"{PATH} is not valid TOML ({err})") from err


# -- reading ------------------------------------------------------------------------------


def power_target(doc: Mapping[str, Any]) -> int | None:
    tuning = _table(doc, "autotuning")
    for key in ("power_target", "psu_power_limit"):
        value = tuning.get(key)
        if isinstance(value, int) and not isinstance(value, bool):
            return value
    return None


def to_config(doc: Mapping[str, Any]) -> MinerConfig:
    """Pools of every group in order, the fan control, the tuner's power target."""
    pools = [
        PoolConfig(
            url=str(pool["url"]), user=str(pool["user"]), password=str(pool.get("password", ""))
        )
        for group in _tables(doc, "group")
        for pool in _tables(group, "pool")
        if "url" in pool and "user" in pool
    ]
    return MinerConfig(pools=pools, fan=_fan(doc), mining_mode=_mining_mode(doc))


def _fan(doc: Mapping[str, Any]) -> FanConfig:
    mode = _table(doc, "temp_control").get("mode", "auto")
    fan = _table(doc, "fan_control")
    if mode == "manual":
        speed = fan.get("speed")
        return FanConfig(FanMode.MANUAL, speed if isinstance(speed, int) else None)
    if mode == "disabled" or fan.get("min_fans") == 0:
        return FanConfig(FanMode.IMMERSION)
    return FanConfig(FanMode.NORMAL)


def _mining_mode(doc: Mapping[str, Any]) -> MiningModeConfig:
    tuning = _table(doc, "autotuning")
    target = power_target(doc)
    mode = tuning.get("mode", "power_target")
    if tuning.get("enabled") is True and target is not None and mode == "power_target":
        return MiningModeConfig(MiningMode.POWER_TARGET, target)
    return MiningModeConfig()


# -- changing -----------------------------------------------------------------------------


def set_power_target(doc: Document, watts: int) -> None:
    """Autotuning on, holding ``watts``, in the form the file already uses."""
    tuning = doc.setdefault("autotuning", {})
    tuning["enabled"] = True
    if "psu_power_limit" in tuning and "power_target" not in tuning:
        tuning["psu_power_limit"] = watts  # format 1.x
        return
    tuning["mode"] = "power_target"
    tuning["power_target"] = watts


def set_pools(doc: Document, pools: list[PoolConfig]) -> None:
    """One group holding ``pools`` (the first group's name, quota and other keys kept)."""
    groups = _tables(doc, "group")
    group: dict[str, Any] = dict(groups[0]) if groups else {"name": "Default"}
    group["pool"] = [
        {"enabled": True, "url": p.url.strip(), "user": p.user.strip(), "password": p.password}
        for p in pools
    ]
    doc["group"] = [group]


def set_fan(doc: Document, fan: FanConfig) -> None:
    """MANUAL and IMMERSION are written; NORMAL leaves the file's fan control alone."""
    if fan.mode is FanMode.MANUAL:
        doc.setdefault("temp_control", {})["mode"] = "manual"
        if fan.speed is not None:
            doc.setdefault("fan_control", {})["speed"] = fan.speed
    elif fan.mode is FanMode.IMMERSION:
        doc.setdefault("temp_control", {})["mode"] = "disabled"
        doc.setdefault("fan_control", {})["min_fans"] = 0


def _table(doc: Mapping[str, Any], key: str) -> Mapping[str, Any]:
    value = doc.get(key)
    return value if isinstance(value, Mapping) else {}


def _tables(doc: Mapping[str, Any], key: str) -> list[Mapping[str, Any]]:
    value = doc.get(key)
    return [t for t in value if isinstance(t, Mapping)] if isinstance(value, list) else []


# -- writing ------------------------------------------------------------------------------


def dumps(doc: Mapping[str, Any]) -> str:
    """TOML text that ``tomllib.loads`` reads back as ``doc``."""
    lines: list[str] = []
    _write_table(lines, (), doc)
    return "\n".join(lines).lstrip("\n") + "\n"


def _is_table(value: Any) -> bool:
    return isinstance(value, Mapping)


def _is_table_array(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and all(_is_table(v) for v in value)


def _write_table(lines: list[str], path: tuple[str, ...], table: Mapping[str, Any]) -> None:
    for key, value in table.items():
        if not _is_table(value) and not _is_table_array(value):
            lines.append(f"{_key(key)} = {_value(value)}")
    for key, value in table.items():
        if _is_table(value):
            lines.append("")
            lines.append(f"[{_dotted((*path, key))}]")
            _write_table(lines, (*path, key), value)
        elif _is_table_array(value):
            for item in value:
                lines.append("")
                lines.append(f"[[{_dotted((*path, key))}]]")
                _write_table(lines, (*path, key), item)


def _dotted(path: tuple[str, ...]) -> str:
    return ".".join(_key(part) for part in path)


def _key(key: str) -> str:
    return key if _BARE_KEY.fullmatch(key) else _basic_string(key)


def _value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value):
            return "nan"
        if math.isinf(value):
            return "inf" if value > 0 else "-inf"
        return repr(value)
    if isinstance(value, str):
        return f"'{value}'" if _PLAIN_LITERAL.fullmatch(value) else _basic_string(value)
    if isinstance(value, (datetime, date, time)):
        return value.isoformat()
    if isinstance(value, list):
        return "[" + ", ".join(_value(v) if not _is_table(v) else _inline(v) for v in value) + "]"
    if isinstance(value, Mapping):
        return _inline(value)
    raise ValueError(f"cannot write {type(value).__name__} to TOML")


def _inline(table: Mapping[str, Any]) -> str:
    return "{" + ", ".join(f"{_key(k)} = {_value(v)}" for k, v in table.items()) + "}"


_ESCAPES: Final = {
    '"': '\\"',
    "\\": "\\\\",
    "\b": "\\b",
    "\t": "\\t",
    "\n": "\\n",
    "\f": "\\f",
    "\r": "\\r",
}


def _basic_string(value: str) -> str:
    out = []
    for char in value:
        if char in _ESCAPES:
            out.append(_ESCAPES[char])
        elif ord(char) < 0x20 or ord(char) == 0x7F:
            out.append(f"\\u{ord(char):04x}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'
