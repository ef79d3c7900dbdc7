"""What the firmware answers to ``ascset|0,<option>,<setting>``, read.

Canaan's api.c turns the driver's answer into one of three messages: "ASC 0 set OK"
(STATUS S), "ASC 0 set info: <text>" (STATUS I) and "ASC 0 set failed: <text>" (STATUS E,
raised by the RPC client as MinerCommandError). An info is not always a success: ``ledset``
outside day mode answers "ASC 0 set info: not in (day)mode now" and changes nothing
(driver-avalon.c ``set_avalon_device_ledday``), so each control checks the text it expects.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any, Final

from ...errors import MinerCommandError
from ..values import first_item

_INFO = re.compile(r"^ASC\s*\d+\s+set info:\s?(?P<text>.*)$", re.DOTALL)
_OK = re.compile(r"^ASC\s*\d+\s+set OK", re.IGNORECASE)
_LED_STATE = re.compile(r"LED\[(?P<state>\d+)\]")

LED_SET_OK: Final = "led set ok"
SOFT_DONE: Final = "success"


def message(reply: Mapping[str, Any]) -> str:
    return str(first_item(reply, "STATUS").get("Msg") or "")


def info_text(reply: Mapping[str, Any]) -> str | None:
    """The text of an "ASC 0 set info: …" answer; "" for "ASC 0 set OK"; None otherwise."""
    msg = message(reply)
    if _OK.match(msg):
        return ""
    match = _INFO.match(msg)
    return match.group("text").strip() if match else None


def expect_ok(reply: Mapping[str, Any], host: str, what: str) -> None:
    """ "ASC 0 set OK", or MinerCommandError naming what the firmware said instead."""
    text = info_text(reply)
    if text != "":
        raise MinerCommandError(f"{host}: {what} was not taken: {message(reply) or 'no answer'}")


def expect_info(reply: Mapping[str, Any], host: str, what: str, starts: str) -> str:
    """The info text when it starts with ``starts`` (case-insensitive), else MinerCommandError."""
    text = info_text(reply)
    if text is None or not text.lower().startswith(starts.lower()):
        raise MinerCommandError(f"{host}: {what} was not taken: {message(reply) or 'no answer'}")
    return text


def led_state(reply: Mapping[str, Any], host: str) -> bool:
    """``led,1-255`` answers "ASC 0 set info: LED[1]" (A10 API manual)."""
    match = _LED_STATE.search(info_text(reply) or "")
    if match is None:
        raise MinerCommandError(f"{host}: the LED query answered {message(reply)!r}")
    return match.group("state") != "0"


def scrub(text: str, secrets: Iterable[str | None]) -> str:
    """``text`` with every secret in it replaced (firmware echoes pool passwords)."""
    for secret in secrets:
        if secret:
            text = text.replace(secret, "***")
    return text
