"""CGMiner's plain-text API form: ``summary`` / ``cmd|param`` in, ``KEY=value,…|`` sections out.

Every cgminer fork answers a request that does not start with ``{`` in text (api.c); some
daemons (Avalon builds) close a JSON request at once and take only this form. A reply is
sections ended by ``|`` (the C string's NUL after the last), fields split by ``,``, names
from values by ``=``; those three and ``\\`` are escaped with a backslash in values:

    STATUS=S,When=1525262182,Code=22,Msg=CGMiner versions,Description=cgminer 4.9.0|
    VERSION,CGMiner=4.9.0,API=3.1,Type=Antminer X3|

A section opens with its bare name (``SUMMARY,…``, ``VERSION,…``), or is one entry of a list
whose first field is the entry's number (``POOL=0,…``, ``STATS=0,…``); Bitmain writes its
STATS header without a number (``CGMiner=4.9.0,…,Type=Antminer X3|STATS=0,…``). Joined
commands come as ``CMD=summary|STATUS=…|…|CMD=pools|…``. ``parse_reply`` turns all this into
the shape of the JSON reply (``{"STATUS": [{…}], "SUMMARY": [{…}]}``; joined: one key per
command), numbers and true/false as JSON has them.
"""

from __future__ import annotations

import re
from typing import Any

from ..errors import MinerProtocolError
from .json_repair import excerpt

_SEPARATOR = "|"
_JOIN = "CMD"
# The entry-number field of list sections, and the list the JSON reply keeps them in.
_LIST_KEYS = {"POOL": "POOLS", "ASC": "DEVS", "PGA": "DEVS", "GPU": "DEVS"}
_INT = re.compile(r"-?\d+")
_FLOAT = re.compile(r"-?\d+\.\d+")

Reply = dict[str, Any]


def encode_request(command: str, parameter: str | int | None = None) -> bytes:
    """``command`` or ``command|parameter``."""
    return (command if parameter is None else f"{command}{_SEPARATOR}{parameter}").encode()


def looks_like_text_reply(raw: bytes) -> bool:
    return raw.lstrip(b"\x00 \r\n\t").startswith((b"STATUS=", b"CMD="))


def parse_reply(raw: bytes, host: str) -> Reply:
    """The JSON-shaped reply of a text one; MinerProtocolError when it has no STATUS."""
    text = raw.decode(errors="replace").replace("\x00", "").strip()
    sections = [s for s in _split(text, _SEPARATOR) if s.strip()]
    if sections and _fields(sections[0])[0][0] == _JOIN:
        return _joined(sections, text, host)
    return _single(sections, text, host)


def _joined(sections: list[str], text: str, host: str) -> Reply:
    replies: Reply = {}
    command: str | None = None
    part: list[str] = []
    for section in [*sections, f"{_JOIN}="]:
        name, value = _fields(section)[0]
        if name == _JOIN:
            if command is not None:
                replies[command] = [_single(part, text, host)]
            command, part = value if isinstance(value, str) else str(value), []
        else:
            part.append(section)
    return replies


def _single(sections: list[str], text: str, host: str) -> Reply:
    if not sections or _fields(sections[0])[0][0] != "STATUS":
        raise MinerProtocolError(f"{host}: answered {excerpt(text)!r}")
    reply: Reply = {"STATUS": [dict(_fields(sections[0]))]}
    pending: list[dict[str, Any]] = []  # entries without a number (Bitmain's STATS header)
    for section in sections[1:]:
        fields = _fields(section)
        first, value = fields[0]
        if value is None:  # "SUMMARY,Elapsed=…": a named section of one entry
            reply.setdefault(first, []).append(dict(fields[1:]))
        elif first.upper() == first and isinstance(value, int):  # "POOL=0,…": a list entry
            entries = reply.setdefault(_LIST_KEYS.get(first, first), [])
            entries.extend(pending)
            pending = []
            entries.append(dict(fields))
        else:
            pending.append(dict(fields))
    if pending:
        reply.setdefault("DATA", []).extend(pending)
    return reply


def _fields(section: str) -> list[tuple[str, Any]]:
    """The section's fields; a field without ``=`` is a bare name (value None)."""
    fields: list[tuple[str, Any]] = []
    for field in _split(section, ","):
        name, equals, value = _partition(field)
        fields.append((name.strip(), _value(value) if equals else None))
    return fields or [("", None)]


def _split(text: str, separator: str) -> list[str]:
    """Split at each ``separator`` not escaped by a backslash (escapes are kept)."""
    parts, current, escaped = [], [], False
    for char in text:
        if escaped:
            current.append("\\" + char)
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == separator:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
    if escaped:
        current.append("\\")
    parts.append("".join(current))
    return parts


def _partition(field: str) -> tuple[str, bool, str]:
    """Name and value at the first unescaped ``=``; both unescaped."""
    pieces = _split(field, "=")
    if len(pieces) == 1:
        return _unescape(pieces[0]), False, ""
    return _unescape(pieces[0]), True, _unescape("=".join(pieces[1:]))


def _unescape(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text)


def _value(text: str) -> Any:
    if _INT.fullmatch(text):
        return int(text)
    if _FLOAT.fullmatch(text):
        return float(text)
    if text in ("true", "false"):
        return text == "true"
    return text
