"""cgminer's plain-text reply form, the answer to a request that is not JSON.

Written as api.c writes it (kanoi/cgminer api.c: ``message()``, ``print_data()``,
``head_join()``, ``send_result()``): the STATUS section, then one section per entry, each
ended by ``|``; fields ``Name=value`` split by ``,``; ``,`` ``|`` ``=`` ``\\`` escaped with a
backslash; the sections that api.c opens with their name (``SUMMARY,…``, ``VERSION,…``) get
it, list entries start with their number field (``POOL=0,…``); joined commands are
``CMD=name|`` then that command's reply. Compared with real replies of an Antminer X3
(``STATUS=S,When=1525262182,Code=22,Msg=CGMiner versions,Description=cgminer 4.9.0|VERSION,
CGMiner=4.9.0,API=3.1,…|``; its ``stats`` writes the version block without a number before
``STATS=0,…``) and of an S5 in bitmaintech/Antminer_firmware
sources/meta-antminer/recipes-bitmianer/lighttpd/lighttpd-1.0/www/cgi-bin/get_miner_status.cgi.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from .rpc_replies import Reply

# api.c sections whose text form opens with the section's name.
NAMED_SECTIONS = frozenset({"SUMMARY", "VERSION", "CONFIG", "COIN", "ASCS", "PGAS", "CHECK"})


def encode(reply: Reply, quirks: Iterable[str]) -> bytes:
    text = _joined(reply) if "STATUS" not in reply else _single(reply)
    data = text.encode()
    if "trailing-nul" in set(quirks):  # send_result() sends the C string's NUL too
        data += b"\x00"
    return data


def _joined(reply: Reply) -> str:
    parts = []
    for name, value in reply.items():
        if name == "id" or not isinstance(value, list) or not value:
            continue
        parts.append(f"CMD={_escape(name)}|" + _single(value[0]))
    return "".join(parts)


def _single(reply: Reply) -> str:
    sections = [_fields(reply["STATUS"][0])]
    for name, entries in reply.items():
        if name in ("STATUS", "id") or not isinstance(entries, list):
            continue
        for entry in entries:
            body = _fields(entry)
            sections.append(f"{name},{body}" if name in NAMED_SECTIONS else body)
    return "|".join(sections) + "|"


def _fields(entry: dict[str, Any]) -> str:
    return ",".join(f"{_escape(key)}={_value(value)}" for key, value in entry.items())


def _value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return _escape(str(value))


def _escape(text: str) -> str:
    for char in ("\\", ",", "|", "="):
        text = text.replace(char, "\\" + char)
    return text
