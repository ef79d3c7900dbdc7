"""How ePIC PowerPlay is recognised, and the model its resolver reads.

Its web dashboard on port 80 says "Miner Web Dashboard" (the marker pyasic's factory and
asic-rs's EPicFirmware look for). Its port 4028 speaks HTTP, not cgminer's RPC: the RPC
probes get no reply they can read there, so nothing takes the miner for a stock Antminer
whose RPC broke; the marker ranks with the aftermarket firmware all the same, before the
stock Antminer's. The model is ``Model`` of GET :4028/capabilities (as both peers ask).
"""

from __future__ import annotations

import logging

from ...credentials import Firmware
from ...errors import AsicMinerError
from ...family import AFTERMARKET, Family, Identity, Marker
from ...models import lookup
from ...probes import Probes
from ..antminer.models import MAKE
from . import replies
from .api import EpicApi
from .backend import Epic

_LOGGER = logging.getLogger(__name__)


async def resolve(probes: Probes) -> Identity:
    api = EpicApi(probes.web.host, probes.web.session, "", probes.web.timeout)
    try:
        capabilities = await api.get("/capabilities")
    except AsicMinerError as err:
        _LOGGER.debug("%s: ePIC /capabilities failed: %s", probes.web.host, err)
        return Identity(Epic, None)
    name = replies.model(capabilities if isinstance(capabilities, dict) else None)
    row = lookup(name, MAKE)
    if row is not None:
        return Identity(Epic, row.name)
    return Identity(Epic, name.removeprefix("AntMiner ").strip() or None if name else None)


FAMILY = Family(
    Firmware.EPIC,
    web_markers=(Marker("MINER WEB DASHBOARD", Firmware.EPIC),),
    resolve=resolve,
    rank=AFTERMARKET,
)
