"""How an Elphapex miner is recognised, and which model it is.

Marker: its web's digest realm begins "Daoge" (pyasic miners/factory.py ``_parse_web_type``;
Hammer's is "blackMiner", the stock Antminer's "antMiner"). The model is
``get_system_info.cgi`` ``minertype`` ("DG1+"), read with the Elphapex login (root / root
as pyasic's ElphapexWebAPI); a refused login leaves it for the first poll.
"""

from __future__ import annotations

import logging

from ...credentials import Firmware
from ...errors import AsicMinerError
from ...family import MAKE as MAKE_RANK
from ...family import Family, Identity, Marker
from ...models import lookup
from ...probes import Probes
from ..values import text
from .backend import SYSTEM_INFO, ElphapexMiner
from .models import MAKE

_LOGGER = logging.getLogger(__name__)


async def resolve(probes: Probes) -> Identity:
    try:
        info = await probes.web_for(Firmware.ELPHAPEX).get_json(SYSTEM_INFO)
    except AsicMinerError as err:
        _LOGGER.debug("%s: get_system_info failed: %s", probes.web.host, err)
        info = None
    name = text(info.get("minertype")) if isinstance(info, dict) else None
    model = lookup(name, MAKE)
    return Identity(ElphapexMiner, model.name if model else name)


FAMILY = Family(
    Firmware.ELPHAPEX,
    web_markers=(Marker('REALM="DAOGE', Firmware.ELPHAPEX),),
    resolve=resolve,
    rank=MAKE_RANK,
)
