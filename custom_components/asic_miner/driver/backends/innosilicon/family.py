"""How Innosilicon's firmware is recognised: "innominer" in its RPC replies' STATUS
Description ("innominer a9-1.1.0", foreman-apps' A9 capture; pyasic's factory looks for
"INNOMINER"), or its web's "DragonMint" page (the marker table had it). The model is in
that Description."""

from __future__ import annotations

from ...credentials import Firmware
from ...family import MAKE, Family, Identity, Marker
from ...probes import Probes
from . import replies
from .backend import Innosilicon


async def resolve(probes: Probes) -> Identity:
    return Identity(Innosilicon, replies.model_name(await probes.version_reply()))


FAMILY = Family(
    Firmware.INNOSILICON,
    rpc_markers=(Marker("INNOMINER", Firmware.INNOSILICON),),
    web_markers=(Marker("DRAGONMINT", Firmware.INNOSILICON),),
    resolve=resolve,
    rank=MAKE,
)
