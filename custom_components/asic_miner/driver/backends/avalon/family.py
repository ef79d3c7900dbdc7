"""How a Canaan Avalon is recognised, and which backend and model it gets.

Its RPC ``version`` names it (PROD "Avalon Nano3s", "Avalon Q", "AvalonMiner 15-194"), as
its web page does ("Avalon Device"). The model is VERSION MODEL (or PROD); builds whose
``version`` names none stamp it in ``estats`` Ver[<model>-<firmware>], asked then.
"""

from __future__ import annotations

import logging

from ...credentials import Firmware
from ...errors import AsicMinerError
from ...family import Family, Identity, Marker
from ...miner import Miner
from ...probes import Probes
from . import replies
from .backend import AvalonASeries, AvalonMiner, AvalonSoftPower
from .models import AvalonModel, Kind, find

_LOGGER = logging.getLogger(__name__)

RANK = 40  # after the aftermarket firmware and the makes that name themselves first

_BACKENDS: dict[Kind, type[AvalonMiner]] = {
    Kind.HOME: AvalonMiner,
    Kind.HOME_SOFT: AvalonSoftPower,
    Kind.A_SERIES: AvalonASeries,
}


def backend_for(row: AvalonModel | None, product: str | None) -> type[Miner]:
    """The model's class; an unknown "AvalonMiner …" is an A-series, anything else gets
    only the controls every Avalon has."""
    if row is not None:
        return _BACKENDS[row.kind]
    if product and product.upper().replace(" ", "").startswith("AVALONMINER"):
        return AvalonASeries
    return AvalonMiner


async def resolve(probes: Probes) -> Identity:
    reply = await probes.version_reply()
    version = replies.version(reply)
    name = version.model
    if find(name) is None:
        name = await _model_from_estats(probes) or name
    row = find(name)
    product = str(reply.get("VERSION", [{}])[0].get("PROD", "")) if reply else None
    return Identity(backend_for(row, product), row.name if row else name)


async def _model_from_estats(probes: Probes) -> str | None:
    try:
        figures = replies.estats(await probes.rpc.query("estats"))
    except AsicMinerError as err:
        _LOGGER.debug("%s: estats for the model failed: %s", probes.rpc.host, err)
        return None
    return replies.model_from_tokens(figures) if figures else None


FAMILY = Family(
    Firmware.AVALON,
    rpc_markers=(Marker("AVALON", Firmware.AVALON),),
    web_markers=(Marker("AVALON", Firmware.AVALON),),
    resolve=resolve,
    rank=RANK,
)
