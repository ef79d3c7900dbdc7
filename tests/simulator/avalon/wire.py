"""Replies as bytes: cgminer's JSON, or its plain-text form, with the Avalon quirks.

The text form as Canaan's api.c writes it (Canaan-Creative/Avalon_Nano3s cg_miner/api/api.c,
print_data and message): ``STATUS=…|`` then one section per entry; VERSION, SUMMARY and LCD
open with their name, list entries with their number field (``POOL=0``, ``ASC=0``,
``STATS=0``); joined commands come as ``CMD=<name>|…``. Only the fields api.c adds with
escaping (``Msg``, ``Description``, pool URL and user) get ``\\`` before ``, | = \\``: the
``MM ID0`` string goes out as it is, commas and all (pyasic issue #312's Mini 3 capture:
``SYSTEMSTATU[Work: In Work, Hash Board: 1]`` inside ``MM ID0=…``).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from .replies import NAN, Reply

_NAMED = frozenset({"VERSION", "SUMMARY", "LCD", "CONFIG", "CHECK", "COIN"})
_ESCAPED = frozenset({"Msg", "Description", "URL", "User", "Current Pool"})


def encode_json(reply: Reply, quirks: Iterable[str]) -> bytes:
    active = set(quirks)
    text = json.dumps(reply, separators=(",", ":"))
    text = text.replace(json.dumps(NAN), "nan")  # bare, as printf writes it
    if "headless-reply" in active:  # the opening brace comes out as a comma (pyasic factory)
        text = "," + text[1:]
    data = text.encode()
    return data + b"\x00" if "trailing-nul" in active else data


def encode_text(reply: Reply, quirks: Iterable[str]) -> bytes:
    if "STATUS" in reply:
        text = _single(reply)
    else:  # joined: {"summary": [reply], "pools": [reply], "id": 1}
        text = "".join(
            f"CMD={name}|" + _single(parts[0])
            for name, parts in reply.items()
            if isinstance(parts, list) and parts
        )
    data = text.encode()
    return data + b"\x00" if "trailing-nul" in set(quirks) else data


def restart_text() -> bytes:
    return b"RESTART"


def _single(reply: Reply) -> str:
    sections = [_fields(reply["STATUS"][0])]
    for name, entries in reply.items():
        if name in ("STATUS", "id") or not isinstance(entries, list):
            continue
        for entry in entries:
            body = _fields(entry)
            # List entries carry their number field first already (POOL=0, STATS=0).
            sections.append(f"{name},{body}" if name in _NAMED else body)
    return "|".join(sections) + "|"


def _fields(entry: dict[str, Any]) -> str:
    return ",".join(f"{key}={_value(key, value)}" for key, value in entry.items())


def _value(key: str, value: Any) -> str:
    if value == NAN:
        return "nan"
    if isinstance(value, bool):
        return "true" if value else "false"
    text = str(value)
    if key not in _ESCAPED:
        return text
    for char in ("\\", ",", "|", "="):
        text = text.replace(char, "\\" + char)
    return text
