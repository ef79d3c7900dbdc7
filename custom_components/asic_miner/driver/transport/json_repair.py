"""Tolerant JSON parsing for miner replies.

A strict parse runs first; only when it fails are the known firmware defects repaired
(docs/protocols.md §1), one by one, each kept only if the text contains its pattern.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

from ..errors import MinerProtocolError

EXCERPT_LENGTH = 80
# The user:password@ after a URL's scheme, or what is left of it at the end of a cut reply.
_URL_LOGIN = re.compile(r"(?<=://)(?:[^\s\"'/@]*@|[^\s\"'/@]*:[^\s\"'/@]*$)")

# Bare non-JSON numbers after ":" "[" or "," (Avalon writes inf / nan unquoted).
_BARE_NONFINITE = re.compile(r"(?<=[:\[,])(\s*)-?(?:inf|nan)\b", re.IGNORECASE)
_TRAILING_COMMA = re.compile(r",(\s*[}\]])")
# Whatsminer API 2.0.4: "error_code":["110":"2023-…","111":"…"], a dict written with brackets.
# Each pair ends where its optional comma does: no two quantifiers compete for the same
# spaces, so a near miss fails in linear time (nested \s* took seconds on 20 kB).
_DICT_SHAPED_LIST = re.compile(
    r'("error_code"\s*:\s*)\[\s*((?:"[^"]*"\s*:\s*"[^"]*"\s*(?:,\s*)?)+)\]'
)
_PAIR = re.compile(r'"([^"]*)"\s*:\s*"([^"]*)"')


def excerpt(text: str, limit: int = EXCERPT_LENGTH, *, tail: bool = False) -> str:
    """A short, single-line piece of a reply (its end with ``tail``) for error messages.

    A login written into a URL (a pool's ``user:password@``) is left out first, also
    one the reply was cut short in."""
    flat = _URL_LOGIN.sub("", text).replace("\n", "\\n").replace("\r", "\\r")
    if len(flat) <= limit:
        return flat
    return "…" + flat[-limit:] if tail else flat[:limit] + "…"


def _strip_nul(text: str) -> str:
    return text.replace("\x00", "")


def _drop_trailing_commas(text: str) -> str:
    return _TRAILING_COMMA.sub(r"\1", text)


def _join_adjacent_objects(text: str) -> str:
    # BMMiner: "}{" between list elements.
    return text.replace("}{", "},{")


def _drop_leading_list_comma(text: str) -> str:
    # BMMiner: "[,{".
    return text.replace("[,{", "[{")


def _insert_comma_before_temp0(text: str) -> str:
    # Whatsminer build 2023-01-06: '"…""temp0"' lacks a comma.
    return text.replace('""temp0', '","temp0')


def _null_nonfinite(text: str) -> str:
    return _BARE_NONFINITE.sub(r"\1null", text)


def _open_headless_object(text: str) -> str:
    # Avalon garbage such as ',"id":1}': the opening brace came out as a comma.
    stripped = text.lstrip()
    return "{" + stripped[1:] if stripped.startswith(",") else text


def _error_code_dict_to_list(text: str) -> str:
    def fix(match: re.Match[str]) -> str:
        pairs = _PAIR.findall(match.group(2))
        items = ",".join(json.dumps({key: value}) for key, value in pairs)
        return f"{match.group(1)}[{items}]"

    return _DICT_SHAPED_LIST.sub(fix, text)


_REPAIRS: tuple[Callable[[str], str], ...] = (
    _strip_nul,
    _open_headless_object,
    _drop_trailing_commas,
    _join_adjacent_objects,
    _drop_leading_list_comma,
    _insert_comma_before_temp0,
    _null_nonfinite,
    _error_code_dict_to_list,
)


def close_truncated(text: str) -> str | None:
    """Cut a truncated reply back to its last complete object or list and close what is open.

    Returns None when nothing complete can be recovered.
    """
    stack: list[str] = []
    in_string = escaped = False
    best: tuple[int, list[str]] | None = None
    for index, char in enumerate(text):
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
            continue
        if char == '"':
            in_string = True
        elif char in "{[":
            stack.append("}" if char == "{" else "]")
        elif char in "}]":
            if not stack or stack.pop() != char:
                return None
            best = (index + 1, list(stack))
    if best is None:
        return None
    end, still_open = best
    head = text[:end].rstrip().rstrip(",")
    return head + "".join(reversed(still_open))


def _loads(text: str) -> Any:
    # strict=False accepts literal newlines and tabs inside strings (Whatsminer).
    return json.loads(text, strict=False)


class TruncatedReplyError(MinerProtocolError):
    """The reply was cut short and the caller asked not to accept a shortened one."""


def parse_json(raw: bytes | str, *, allow_truncated: bool = True) -> Any:
    """Parse a miner's reply, repairing known firmware defects; MinerProtocolError if hopeless.

    A truncated reply is cut back to its last complete element; with ``allow_truncated``
    False it raises TruncatedReplyError instead (the caller can ask for less at a time).
    """
    text = raw.decode("utf-8", errors="replace") if isinstance(raw, bytes) else raw
    try:
        return _parse(text, allow_truncated)
    except RecursionError:  # "[[[[…": deeper than the decoder's stack
        raise MinerProtocolError(f"reply nested too deeply: {excerpt(text)!r}") from None


def _parse(text: str, allow_truncated: bool) -> Any:
    try:
        return json.loads(text)
    except ValueError:
        pass
    repaired = text
    for repair in _REPAIRS:
        repaired = repair(repaired)
    try:
        return _loads(repaired)
    except ValueError:
        pass
    closed = close_truncated(repaired.strip())
    if closed is not None and not allow_truncated:
        raise TruncatedReplyError(
            f"reply cut short (truncated or dropped): {excerpt(text, tail=True)!r}"
        )
    if closed is not None:
        try:
            return _loads(closed)
        except ValueError:
            pass
    if not text.strip():
        raise MinerProtocolError("empty reply")
    raise MinerProtocolError(f"unreadable reply: {excerpt(text)!r}")


def parse_web_reply(text: str, host: str, name: str, *, secret: bool) -> Any:
    """A web API's answer to ``name``, read whole (one cut short is an error, not a part).

    An empty body is None: a change the firmware takes without an answer. A ``secret``
    reply (one holding pool passwords or a token) that cannot be read fails naming the
    host and the reply only: the parser's own error would quote the reply.
    """
    if not text.strip():
        return None
    if not secret:
        return parse_json(text, allow_truncated=False)
    try:
        return parse_json(text, allow_truncated=False)
    except MinerProtocolError:
        pass
    # Raised outside the handler: no __context__ keeps the quoting error alive.
    raise MinerProtocolError(f"{host}: {name} answered unreadable JSON")
