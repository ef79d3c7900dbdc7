"""How VNish (AnthillOS) is recognised, and which model it runs on.

Markers: the web page names "AnthillOS" (pyasic miners/factory.py, asic-rs
firmwares/vnish firmware.rs); the cgminer answers carry "Vnish" in their Type ("Antminer
L7 (Vnish 1.2.0-rc4)"). Ranked before the stock Antminer markers (its Type says
"Antminer" too), so a reflashed Antminer is VNish. The model: ``GET /api/v1/info`` (no
login) ``miner`` ("Antminer S19"), else the RPC Type without its firmware part.
"""

from __future__ import annotations

import logging

from ...credentials import Firmware
from ...errors import AsicMinerError
from ...family import AFTERMARKET, Family, Identity, Marker
from ...models import lookup
from ...probes import Probes, succeeded
from ...transport.json_repair import parse_json
from ..antminer.models import MAKE
from ..values import first_item, text
from . import replies
from .api import BASE
from .backend import Vnish

_LOGGER = logging.getLogger(__name__)


async def _name_from_web(probes: Probes) -> str | None:
    try:
        page = await probes.web.send("GET", f"{BASE}/info")
        info = parse_json(page.text, allow_truncated=False) if page.status == 200 else None
    except AsicMinerError as err:
        _LOGGER.debug("%s: VNish /info failed: %s", probes.web.host, err)
        return None
    return text(info.get("miner")) if isinstance(info, dict) else None


def _name_from_rpc(probes: Probes) -> str | None:
    if not succeeded(probes.version):
        return None
    name, _ = replies.split_type(first_item(probes.version.result(), "VERSION").get("Type"))
    return name


async def resolve(probes: Probes) -> Identity:
    name = await _name_from_web(probes) or _name_from_rpc(probes)
    row = lookup(name, MAKE)
    if row is not None:
        return Identity(Vnish, row.name)
    return Identity(Vnish, name.removeprefix("Antminer ").strip() or None if name else None)


FAMILY = Family(
    Firmware.VNISH,
    rpc_markers=(Marker("VNISH", Firmware.VNISH),),
    web_markers=(Marker("ANTHILLOS", Firmware.VNISH), Marker("VNISH", Firmware.VNISH)),
    resolve=resolve,
    rank=AFTERMARKET,
)
