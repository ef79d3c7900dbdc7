"""How an ESP-Miner is recognised, and which backend and model it gets.

The index page names the firmware: "AxeOS" (bitaxeorg/ESP-Miner and NerdOS up to v1.0.25),
"Nerd*axe Dashboard" (NerdOS v1.0.30/31), "Nerd* Dashboard" (NerdOS v1.0.35 on; each
main/http_server/axe-os/src/index.html), "Lucky miner" (Lucky Miner builds, as pyasic's
miners/factory.py tells them). One ``GET /api/system/info`` then names the build and the
board (boardVersion, NerdOS deviceModel).
"""

from __future__ import annotations

import logging
from typing import Any

from ...credentials import Firmware
from ...errors import AsicMinerError
from ...family import MAKE, Family, Identity, Marker
from ...probes import Probes
from ...transport.json_repair import parse_json
from . import replies
from .backend import INFO, backend_for

_LOGGER = logging.getLogger(__name__)


async def _info(probes: Probes) -> dict[str, Any] | None:
    try:
        page = await probes.web.send("GET", INFO)
        reply = parse_json(page.text, allow_truncated=False) if page.status == 200 else None
    except AsicMinerError as err:
        _LOGGER.debug("%s: %s failed: %s", probes.web.host, INFO, err)
        return None
    return reply if isinstance(reply, dict) else None


async def resolve(probes: Probes) -> Identity:
    """The build's class (pause/resume where miningPaused is reported, NerdOS by its
    fields) and the board's name; without an info reply the plain AxeOS backend, which
    learns the model on its first poll."""
    info = await _info(probes)
    if info is None:
        return Identity(backend_for(None), None)
    board = replies.model_board(info, None)
    return Identity(backend_for(info), replies.model_name(info, None, board))


FAMILY = Family(
    Firmware.BITAXE,
    web_markers=(
        Marker("<TITLE>AXEOS</TITLE>", Firmware.BITAXE),
        Marker("NERD* DASHBOARD", Firmware.BITAXE),
        Marker("NERD*AXE DASHBOARD", Firmware.BITAXE),
        Marker("LUCKY MINER", Firmware.BITAXE),
    ),
    resolve=resolve,
    rank=MAKE,
)
