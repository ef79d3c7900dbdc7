"""The ``Key[value]`` strings Avalon firmware packs its figures into, read tolerantly.

``estats``/``stats`` carry one long string per controller (STATS[0]["MM ID0"], or on the
Avalon Q STATS[0]["MM ID0:Summary"] = ``'STATS':{…}`` beside ``HBinfo`` = ``'HB0':{…}``):
``Ver[Q-25052801] … SYSTEMSTATU[Work: In Work, Hash Board: 1] … PVT_T0[ 58  59 …]``.
A value runs to the ``]`` that closes its ``[`` (brackets inside stay in the value); values
with spaces are lists; a token cut short at the end of a truncated reply is left out
rather than read half.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

_KEY_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_")
_BLOCK_HEAD = re.compile(r"'([^'{}]*)'\s*:\s*\{")
MM_KEYS = ("MM ID0", "MM ID0:Summary")


def parse_tokens(text: str) -> dict[str, str]:
    """Every complete ``Key[value]`` token of ``text``; the first of repeated keys wins."""
    tokens: dict[str, str] = {}
    position = 0
    while (opening := text.find("[", position)) != -1:
        start = opening
        while start > position and text[start - 1] in _KEY_CHARS:
            start -= 1
        closing = _closing(text, opening, "[", "]")
        if closing is None:
            break  # cut short: the rest is no token
        key = text[start:opening]
        if key:
            tokens.setdefault(key, text[opening + 1 : closing])
        position = closing + 1
    return tokens


def parse_blocks(text: str) -> dict[str, str]:
    """``'HB0':{…} 'HB1':{…}`` → {"HB0": "…", "HB1": "…"}; an unclosed block runs to the end."""
    blocks: dict[str, str] = {}
    position = 0
    while (head := _BLOCK_HEAD.search(text, position)) is not None:
        opening = head.end() - 1
        closing = _closing(text, opening, "{", "}")
        end = len(text) if closing is None else closing
        blocks.setdefault(head.group(1), text[opening + 1 : end])
        position = end + 1
    return blocks


def _closing(text: str, opening: int, open_char: str, close_char: str) -> int | None:
    depth = 0
    for index in range(opening, len(text)):
        char = text[index]
        if char == open_char:
            depth += 1
        elif char == close_char:
            depth -= 1
            if depth == 0:
                return index
    return None


def numbers(value: str | None) -> list[float]:
    """The numbers of a list value ("66  65 63", "59459.52 61407.83"); words are skipped."""
    if not value:
        return []
    found = [_number(part) for part in value.split()]
    return [n for n in found if n is not None]


def number(value: str | None) -> float | None:
    """A one-number value ("31", "-273", "49%", "6598.84"), else None."""
    if value is None:
        return None
    parts = value.split()
    return _number(parts[0]) if len(parts) == 1 else None


def _number(text: str) -> float | None:
    text = text.removesuffix("%")
    if not text or text.lower() in ("nan", "inf", "-inf", "infinity", "-infinity"):
        return None
    try:
        return float(text)
    except ValueError:
        return None


def mm_string(entry: Mapping[str, Any]) -> str | None:
    """The token string of one STATS entry, the ``'STATS':{…}`` wrapper taken off.

    In cgminer's text form the firmware leaves the commas inside the string unescaped, so
    the reply parser splits it at ``SYSTEMSTATU[Work: In Work, Hash Board: 1]``: the pieces
    after the MM key come back as names without a value, and are joined again here.
    """
    for key in MM_KEYS:
        if key in entry:
            joined = _rejoined(entry, key)
            if joined is None:
                return None
            blocks = parse_blocks(joined) if key.endswith(":Summary") else {}
            return blocks.get("STATS", joined)
    return None


def hbinfo(entry: Mapping[str, Any]) -> dict[str, dict[str, str]]:
    """The Q's per-board chip lists: {"HB0": {"PVT_T0": "…", "MW0": "…"}}."""
    raw = _rejoined(entry, "HBinfo")
    if raw is None:
        return {}
    return {name: parse_tokens(body) for name, body in parse_blocks(raw).items()}


def _rejoined(entry: Mapping[str, Any], key: str) -> str | None:
    value = entry.get(key)
    if not isinstance(value, str):
        return None
    pieces = [value]
    following = False
    for name, item in entry.items():
        if name == key:
            following = True
        elif following:
            if item is not None:
                break
            pieces.append(name)  # a split-off piece: its text came back as a bare name
    return ", ".join(pieces)
