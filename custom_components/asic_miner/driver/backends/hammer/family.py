"""How a Hammer is recognised, and which model it is.

Its web's digest realm begins "blackMiner" (pyasic miners/factory.py), which VolcMiner's
firmware serves too: the model, ``get_system_info.cgi`` ``minertype`` ("Hammer D10"),
decides between them, as pyasic's factory does (a name with "HAMMER" is a Hammer, any
other a VolcMiner). The RPC's version Type says "Hammer D10" as well.
"""

from __future__ import annotations

import logging

from ...credentials import Firmware
from ...errors import AsicMinerError
from ...family import MAKE as MAKE_RANK
from ...family import Family, Identity, Marker
from ...probes import Probes
from ..values import first_item, text
from .backend import SYSTEM_INFO, HammerMiner, _model_name
from .models import MAKE

_LOGGER = logging.getLogger(__name__)


async def minertype(probes: Probes, family: Firmware) -> str | None:
    try:
        info = await probes.web_for(family).get_json(SYSTEM_INFO)
    except AsicMinerError as err:
        _LOGGER.debug("%s: get_system_info failed: %s", probes.web.host, err)
        return None
    return text(info.get("minertype")) if isinstance(info, dict) else None


async def resolve(probes: Probes) -> Identity:
    # Each make's shipped login in turn: Hammer's root / root, then VolcMiner's.
    name = await minertype(probes, Firmware.HAMMER) or await minertype(probes, Firmware.VOLCMINER)
    if name is None:
        name = text(first_item(await probes.version_reply(), "VERSION").get("Type"))
    if name is not None and "HAMMER" not in name.upper():
        from ..volcminer.family import identity  # the realm's other make

        return identity(name)
    return Identity(HammerMiner, _model_name(name, MAKE))


FAMILY = Family(
    Firmware.HAMMER,
    rpc_markers=(Marker("HAMMER D", Firmware.HAMMER),),
    web_markers=(Marker('REALM="BLACKMINER', Firmware.HAMMER),),
    resolve=resolve,
    rank=MAKE_RANK,
)
