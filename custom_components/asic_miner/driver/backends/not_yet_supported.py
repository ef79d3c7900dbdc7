"""Firmware recognised by its markers but without a backend yet.

A miner running one of these is named ("Braiins OS firmware is not supported yet") rather
than taken for the stock firmware of its hardware. A family leaves this list when its
package arrives.
"""

from __future__ import annotations

from ..credentials import Firmware
from ..family import Family, Marker


def _family(firmware: Firmware, rpc: tuple[str, ...], web: tuple[str, ...], rank: int) -> Family:
    return Family(
        firmware,
        rpc_markers=tuple(Marker(text, firmware) for text in rpc),
        web_markers=tuple(Marker(text, firmware) for text in web),
        rank=rank,
    )


# Every family recognised so far has its backend (Innosilicon, the last, left with its
# package); a make found by its markers before its package arrives gets a row here.
FAMILIES: tuple[Family, ...] = ()
