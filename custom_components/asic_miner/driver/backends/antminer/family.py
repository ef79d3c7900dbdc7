"""How a stock Antminer is recognised, and which backend and model it gets."""

from __future__ import annotations

import logging

from ...credentials import Firmware
from ...errors import AsicMinerError, MinerAuthenticationError
from ...family import STOCK_ANTMINER, Family, Identity, Marker
from ...models import lookup
from ...probes import Probes, first_answer, succeeded
from ..hiveon import family as hiveon_family
from ..hiveon import replies as hiveon_replies
from ..values import first_item, text
from .backend import AntminerModern, AntminerOld
from .models import MAKE, OLD

_LOGGER = logging.getLogger(__name__)


async def _type_from_rpc(probes: Probes) -> str | None:
    return text(first_item(await probes.version_reply(), "VERSION").get("Type"))


async def _type_from_web(probes: Probes) -> str | None:
    try:
        info = await probes.web_for(Firmware.ANTMINER).get_json("/cgi-bin/get_system_info.cgi")
    except MinerAuthenticationError:
        return None  # the model is learnt on the first poll once the credentials are right
    except AsicMinerError as err:
        _LOGGER.debug("%s: get_system_info failed: %s", probes.rpc.host, err)
        return None
    return text(info.get("minertype")) if isinstance(info, dict) else None


async def resolve(probes: Probes) -> Identity:
    # The RPC version Type when its answer is in (it usually is: it named the family); the
    # web's minertype, a digest login and two requests, only when that names no model.
    # With the RPC answer still out, whichever of the two names the model first.
    if probes.version.done():
        name = await _type_from_rpc(probes) or await _type_from_web(probes)
    else:
        name = await first_answer(_type_from_rpc(probes), _type_from_web(probes))
    if hiveon_replies.is_hiveon(name):
        # Hiveon with its RPC off: only the web's minertype ("Antminer S9 Hiveon") names it.
        return hiveon_family.identity(name, None)
    model = lookup(name, MAKE)
    if model is not None:
        backend = AntminerOld if model.generation == OLD else AntminerModern
        return Identity(backend, model.name)
    # Unknown model: BMMiner 2.x in VERSION[0] is the S9-era firmware.
    version = first_item(probes.version.result(), "VERSION") if succeeded(probes.version) else {}
    old = str(version.get("BMMiner", "")).startswith("2.")
    model_name = name.split(" (", 1)[0].removeprefix("Antminer ") if name else None
    return Identity(AntminerOld if old else AntminerModern, model_name)


FAMILY = Family(
    Firmware.ANTMINER,
    rpc_markers=(Marker("ANTMINER", Firmware.ANTMINER),),
    # The "antMiner" digest realm is also served by Hiveon and MaraFW builds: weak.
    web_markers=(Marker('REALM="ANTMINER', Firmware.ANTMINER, strong=False),),
    resolve=resolve,
    rank=STOCK_ANTMINER,
)
