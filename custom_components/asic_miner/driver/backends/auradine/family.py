"""How an Auradine miner is recognised, and which model it is.

GCMiner's RPC answers name it ("GCMiner-…", FluxOS's "FluxOS-…" in the Description of
each STATUS; pyasic miners/factory.py looks for both), its web page on 80 says "Miner UI"
(pyasic again). The model is ``devdetails`` DEVDETAILS[0].Model where the RPC probe read
it (pyasic and asic-rs take it there); otherwise the first poll reads it from ipreport.
"""

from __future__ import annotations

from ...credentials import Firmware
from ...family import MAKE, Family, Identity, Marker
from ...models import lookup
from ...probes import Probes, settled
from . import replies
from .backend import Auradine
from .models import MAKE as MAKE_NAME


async def resolve(probes: Probes) -> Identity:
    name = replies.devdetails_model(await settled(probes.devdetails))
    row = lookup(name, MAKE_NAME)
    return Identity(Auradine, row.name if row else name)


FAMILY = Family(
    Firmware.AURADINE,
    rpc_markers=(Marker("GCMINER", Firmware.AURADINE), Marker("FLUXOS", Firmware.AURADINE)),
    web_markers=(Marker("MINER UI", Firmware.AURADINE),),
    resolve=resolve,
    rank=MAKE,
)
