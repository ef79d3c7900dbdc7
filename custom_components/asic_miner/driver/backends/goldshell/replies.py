"""Where MinerData's fields sit in Goldshell's ``/mcb/`` replies (pure functions; no I/O).

Sources (crProductGuy/goldshell-box-tools-productguy tests/fixtures, real SC Lite and
SC-BOX captures; pyasic web/goldshell.py and backends/goldshell.py):
- ``status``: ``{"hardware", "model": "Goldshell-SCLITE", "mcbversion", "firmware"}``;
- ``setting``: ``name`` (the MAC), ``powerplans`` ``[{"level", "info"}]``, ``select`` (the
  index of the plan in use); level 0 is the normal plan, 3 sleeps (no clock, no volts);
- ``cgminer?cgminercmd=devs``: ``{"status", "data": [one row per board]}``, ``hashrate`` and
  ``av_hashrate`` in MH/s, ``temp`` text ("67.1 °C", or "83.0 °C / 73.8 °C" on a CK5 as
  delawr0190/foreman-apps captures it), ``fanspeed`` text ("1500 rpm / 1500 rpm"),
  ``accepted`` / ``rejected``;
- ``pools``: a list of ``{"url", "user", "pass", "active", "dragid", "pool-priority"}``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any, Final

from ...data import Fan, HashBoard, Pool
from ..values import format_mac, text, to_count, to_float, to_ths

SLEEP_LEVEL: Final = 3
NORMAL_LEVEL: Final = 0
_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")
_PREFIX = re.compile(r"^goldshell[\s\-_]*", re.IGNORECASE)


def model_name(status: Mapping[str, Any] | None) -> str | None:
    """ "Goldshell-SCLITE" → "SCLITE" (the table finds "SC Lite" by it); the SC5 Pro II's
    Roman numeral (U+2161, as its status writes it) as "II"."""
    name = text((status or {}).get("model"))
    if name is None:
        return None
    name = _PREFIX.sub("", name.strip()).replace("Ⅱ", " II").strip()
    return name or None


def firmware_version(status: Mapping[str, Any] | None) -> str | None:
    return text((status or {}).get("firmware"))


def mac(setting: Mapping[str, Any] | None) -> str | None:
    return format_mac((setting or {}).get("name"))


def plans(setting: Mapping[str, Any] | None) -> list[tuple[int | None, str]]:
    """(level, info) of each power plan, in the miner's order (``select`` indexes it)."""
    found = (setting or {}).get("powerplans")
    if not isinstance(found, list):
        return []
    listed = []
    for plan in found:
        if isinstance(plan, dict) and isinstance(plan.get("info"), str):
            listed.append((to_count(plan.get("level")), plan["info"]))
    return listed


def selected(setting: Mapping[str, Any] | None) -> int | None:
    index = (setting or {}).get("select")
    if isinstance(index, bool) or not isinstance(index, int):
        return None
    return index if 0 <= index < len(plans(setting)) else None


def selected_level(setting: Mapping[str, Any] | None) -> int | None:
    index = selected(setting)
    return None if index is None else plans(setting)[index][0]


def index_of_level(setting: Mapping[str, Any] | None, level: int) -> int | None:
    return next((i for i, (lvl, _) in enumerate(plans(setting)) if lvl == level), None)


def rows(devs: Any) -> list[dict[str, Any]]:
    """The boards' rows of the web's devs reply (``data``)."""
    data = devs.get("data") if isinstance(devs, dict) else None
    return [row for row in data if isinstance(row, dict)] if isinstance(data, list) else []


def temperatures(value: Any) -> list[float]:
    """ "83.0 °C / 73.8 °C" → [83.0, 73.8]; a bare number as itself."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        number = to_float(value)
        return [] if number is None else [number]
    if not isinstance(value, str):
        return []
    return [float(m) for m in _NUMBER.findall(value)][:4]


def hashboards(devs: Any, chips: int | None) -> list[HashBoard]:
    boards = []
    for position, row in enumerate(rows(devs)):
        slot = to_count(row.get("id"))
        readings = [t for t in temperatures(row.get("temp")) if -50 < t < 200]
        boards.append(
            HashBoard(
                slot=position if slot is None else slot,
                hashrate=to_ths(row.get("hashrate"), "MH"),
                temp=readings[0] if readings else None,
                expected_chips=chips,
            )
        )
    return boards


def hashrate(devs: Any) -> float | None:
    rates = [to_ths(row.get("hashrate"), "MH") for row in rows(devs)]
    found = [r for r in rates if r is not None]
    return round(sum(found), 12) if found else None


def fans(devs: Any) -> list[Fan]:
    """The first board's ``fanspeed`` (every board repeats the box's fans)."""
    first = next(iter(rows(devs)), {})
    value = first.get("fanspeed")
    if not isinstance(value, str):
        return []
    speeds = [to_count(m) for m in re.findall(r"(\d+)\s*rpm", value, re.IGNORECASE)]
    return [Fan(speed=s) for s in speeds if s is not None]


def shares(devs: Any, key: str) -> int | None:
    counts = [to_count(row.get(key)) for row in rows(devs)]
    found = [c for c in counts if c is not None]
    return sum(found) if found else None


def pools(reply: Any) -> list[Pool]:
    if not isinstance(reply, list):
        return []
    found = []
    for index, item in enumerate(i for i in reply if isinstance(i, dict)):
        priority = to_count(item.get("pool-priority"))
        active = item.get("active") is True
        found.append(
            Pool(
                index=index if priority is None else priority,
                url=text(item.get("url")),
                user=text(item.get("user")),
                active=active,
                alive=active,
            )
        )
    return found


def config_pools(reply: Any) -> list[dict[str, Any]]:
    """The pools as the firmware lists them (what ``delpool`` needs back)."""
    return [i for i in reply if isinstance(i, dict)] if isinstance(reply, list) else []
