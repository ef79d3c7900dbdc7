"""How a SealMiner is recognised, and which model it is.

BDMiner names itself in its RPC answers ("bdminer 4.11.1" in each STATUS Description;
asic-rs firmwares/sealminer firmware.rs looks for "BDMINER"); its web page is built on
Amaze UI ("amazeui", asic-rs again; a weak marker: other web UIs use that toolkit too).
The model is ``devdetails`` DEVDETAILS[0].Model where the probe read it (asic-rs takes it
there); otherwise the first poll reads it from stats.
"""

from __future__ import annotations

from ...credentials import Firmware
from ...family import MAKE, Family, Identity, Marker
from ...models import lookup
from ...probes import Probes, settled
from . import replies
from .backend import SealMiner
from .models import MAKE as MAKE_NAME


async def resolve(probes: Probes) -> Identity:
    name = replies.devdetails_model(await settled(probes.devdetails))
    row = lookup(name, MAKE_NAME)
    return Identity(SealMiner, row.name if row else name)


FAMILY = Family(
    Firmware.SEALMINER,
    rpc_markers=(Marker("BDMINER", Firmware.SEALMINER),),
    web_markers=(Marker("AMAZEUI", Firmware.SEALMINER, strong=False),),
    resolve=resolve,
    rank=MAKE,
)
