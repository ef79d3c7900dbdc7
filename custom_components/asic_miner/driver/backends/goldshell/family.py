"""How Goldshell's stock firmware is recognised, and which model it is.

Its web UI is titled "cloud-box" (pyasic miners/factory.py looks for it in the page;
crProductGuy/goldshell-box-tools-productguy docs/firmware-api.md names the title); its
RPC daemon names itself BFGMiner or KDAMiner (pyasic factory). The model is
``/mcb/status``'s, which answers without a token.
"""

from __future__ import annotations

import logging

from ...credentials import Firmware
from ...errors import AsicMinerError
from ...family import MAKE as MAKE_RANK
from ...family import Family, Identity, Marker
from ...models import lookup
from ...probes import Probes
from . import replies
from .backend import Goldshell
from .models import MAKE

_LOGGER = logging.getLogger(__name__)


async def resolve(probes: Probes) -> Identity:
    web = probes.web_for(Firmware.GOLDSHELL)
    try:
        status = await web.get_json("/mcb/status")
    except AsicMinerError as err:
        _LOGGER.debug("%s: no Goldshell status: %s", probes.web.host, err)
        return Identity(Goldshell, None)
    name = replies.model_name(status if isinstance(status, dict) else None)
    row = lookup(name, MAKE)
    return Identity(Goldshell, row.name if row else name)


FAMILY = Family(
    Firmware.GOLDSHELL,
    rpc_markers=(Marker("BFGMINER", Firmware.GOLDSHELL), Marker("KDAMINER", Firmware.GOLDSHELL)),
    web_markers=(Marker("CLOUD-BOX", Firmware.GOLDSHELL),),
    resolve=resolve,
    rank=MAKE_RANK,
)
