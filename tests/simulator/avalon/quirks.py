"""Oddities of real Avalon firmware, switchable per simulated miner (``quirks=``)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Final

QUIRKS: Final[dict[str, str]] = {
    # LW10583/AvalonMinerTools API documentation (Nano 3S 25021401): "Responses are
    # terminated with a null byte". On for every model.
    "trailing-nul": "a \\x00 byte after every reply (JSON and text)",
    # protocols.md §1 and pyasic's factory: Avalon daemons that close a JSON request at once
    # and answer only the text form. No public capture shows which model does it (the Nano
    # 3 is the likeliest: pyasic issue #198, its JSON version probe failing now and then):
    # off on every simulated model.
    "plain-text-only": "JSON requests closed at once; only the plain-text form is answered",
    # pyasic miners/factory.py "fix an error with Avalonminers returning inf and nan".
    "bare-nonfinite": "summary ratios (Device Hardware%, Device/Pool Rejected%) as bare nan",
    # pyasic miners/factory.py "fix whatever this garbage from avalonminers is ,"id":1}".
    "headless-reply": "JSON replies whose opening brace comes out as a comma",
    # asic-rs avalonminer/src/backends/avalon_q/mod.rs resume(): "softon closes the
    # connection without responding" (the Avalon Q; it still switches on).
    "softon-silent-close": "ascset softon carried out, the connection closed without a byte",
    # jinx-22/avalon_nano3s README (Nano 3S, firmware 25061101): "After changing any pool
    # entry, the miner will automatically reboot!"
    "setpool-reboots": "the miner reboots by itself once it has answered setpool, taking no "
    "new connection from then on",
}


def check_quirks(names: Iterable[str]) -> tuple[str, ...]:
    """Validate quirk names; keep their order, drop duplicates."""
    result: list[str] = []
    for name in names:
        if name not in QUIRKS:
            raise ValueError(f"unknown Avalon quirk {name!r}; known: {', '.join(QUIRKS)}")
        if name not in result:
            result.append(name)
    return tuple(result)
