"""Parsers for the IceRiver panel's answers (``/user/userpanel``, ``/user/machineconfig``).

Every answer is ``{"error": 0, "data": {…}, "message": ""}``: ``error`` 0 for done, else
the miner program's code (the panel's own pages log in again on 1004). In the
``userpanel?post=4`` reply rates are strings with a unit letter ("6226G", per board
"2151.38G"), the unit the firmware counts in is ``data.unit``. None of these raises:
what cannot be read is None or empty.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any, Final

from ...config import PoolConfig
from ...data import Fan, HashBoard, Pool
from ..values import text, to_count, to_float, to_ths

_RATE: Final = re.compile(r"\s*([0-9]*\.?[0-9]+)\s*([kKMGTPE]?)\s*(?:H/s|H)?\s*")


# The code of the firmware's "not logged in": its pages (web/js/base.js login()) go back
# to the login page on it.
NOT_LOGGED_IN: Final = 1004
# softver1 of the AL3 names no model but its product number ("…_10306_miner"); pyasic's
# miners/factory.py maps "10306" to the AL3.
_PRODUCT_NUMBERS: Final = {"10306": "AL3"}


def panel(reply: Any) -> dict[str, Any] | None:
    """``data`` of an answer the firmware gave without error, else None."""
    if not isinstance(reply, Mapping) or to_float(reply.get("error")) != 0:
        return None
    data = reply.get("data")
    return data if isinstance(data, dict) else None


def error_code(reply: Mapping[str, Any]) -> int | None:
    """The answer's ``error`` (0: done), None when it has no whole number there."""
    code = to_float(reply.get("error"))
    return int(code) if code is not None and code.is_integer() else None


def fan_settings(data: Mapping[str, Any]) -> dict[str, str]:
    """The fan fields of the panel's machine page (``fanratio``, ``fanmode``) as the
    ``machineconfig?post=1`` answer's ``ratio`` and ``mode`` fill them (web/js/machine.js:
    mode 1 is "normal", another "sleep"); empty when the answer lacks them."""
    ratio, mode = to_count(data.get("ratio")), to_float(data.get("mode"))
    if ratio is None or mode is None:
        return {}
    return {"fanratio": str(ratio), "fanmode": "normal" if mode == 1 else "sleep"}


def rate(value: Any, unit: Any = "G") -> float | None:
    """ "6226G" (or a bare number in ``unit``) in the driver's 10^12 units."""
    if isinstance(value, str):
        match = _RATE.fullmatch(value)
        if match is None:
            return None
        number, letter = match.groups()
        return to_ths(number, letter or unit)
    return to_ths(value, unit if isinstance(unit, str) else "G")


def uptime(value: Any) -> int | None:
    """ "dd:hh:mm:ss" in seconds."""
    parts = str(value).strip().split(":") if isinstance(value, str) else []
    numbers = [to_count(part) for part in parts]
    if len(numbers) != 4 or any(n is None for n in numbers):
        return None
    days, hours, minutes, seconds = (n or 0 for n in numbers)
    return ((days * 24 + hours) * 60 + minutes) * 60 + seconds


def model_name(data: Mapping[str, Any]) -> str | None:
    """The model in softver1: "5977449_ks3m_miner" -> "KS3M" (as pyasic's factory reads it)."""
    version = text(data.get("softver1"))
    if version is None:
        return None
    parts = version.split("_")
    name = parts[-2] if parts[-1] == "miner" and len(parts) > 1 else parts[-1].replace("miner", "")
    return _PRODUCT_NUMBERS.get(name, name.upper()) or None


def temperature(value: Any) -> float | None:
    reading = to_float(value)
    return reading if reading is not None and 0 < reading < 200 else None


def hashboards(data: Mapping[str, Any], boards: int, chips: int | None) -> list[HashBoard]:
    """Each board by its ``no`` (1-based); a board the model has and the reply lacks is
    missing. ``intmp`` is the board's inlet sensor, ``outtmp`` the hotter outlet side."""
    unit = data.get("unit")
    found: dict[int, HashBoard] = {}
    items = data.get("boards")
    for item in items if isinstance(items, list) else []:
        if not isinstance(item, Mapping):
            continue
        number = to_count(item.get("no"))
        if not number or number > 64 or number - 1 in found:
            continue
        found[number - 1] = HashBoard(
            slot=number - 1,
            hashrate=rate(item.get("rtpow"), unit),
            temp=temperature(item.get("intmp")),
            chip_temp=temperature(item.get("outtmp")),
            inlet_temp=temperature(item.get("intmp")),
            outlet_temp=temperature(item.get("outtmp")),
            chips=to_count(item.get("chipnum")),
            expected_chips=chips,
        )
    for slot in range(boards):
        found.setdefault(slot, HashBoard(slot=slot, expected_chips=chips, missing=True))
    return [found[slot] for slot in sorted(found)]


def fans(data: Mapping[str, Any]) -> list[Fan]:
    speeds = data.get("fans")
    return [Fan(speed=to_count(s)) for s in speeds] if isinstance(speeds, list) else []


def pools(data: Mapping[str, Any]) -> list[Pool]:
    """The configured pools (an empty ``addr`` is an unused slot); ``connect`` is the one
    in use, ``state`` 1 one that answers."""
    items = data.get("pools")
    result = []
    for position, item in enumerate(items if isinstance(items, list) else []):
        if not isinstance(item, Mapping) or text(item.get("addr")) is None:
            continue
        number = to_count(item.get("no"))
        result.append(
            Pool(
                index=number - 1 if number else position,
                url=text(item.get("addr")),
                user=text(item.get("user")),
                active=item.get("connect") is True,
                alive=to_float(item.get("state")) == 1,
                accepted=to_count(item.get("accepted")),
                rejected=to_count(item.get("rejected")),
            )
        )
    return result


def config_pools(data: Mapping[str, Any]) -> list[PoolConfig]:
    """The configured pools as settings, with the password each slot holds (``pass``), so
    that pools written back keep theirs."""
    items = data.get("pools")
    return [
        PoolConfig(text(item.get("addr")) or "", text(item.get("user")) or "", _password(item))
        for item in (items if isinstance(items, list) else [])
        if isinstance(item, Mapping) and text(item.get("addr")) is not None
    ]


def _password(item: Mapping[str, Any]) -> str:
    password = item.get("pass")
    return password if isinstance(password, str) else ""


def flag(value: Any) -> bool | None:
    return value if isinstance(value, bool) else None
