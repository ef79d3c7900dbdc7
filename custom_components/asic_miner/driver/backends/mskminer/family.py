"""How MSKMiner is recognised, and which model it runs on.

Marker: "rwglr" in its BMMiner build ("4.11.1 rwglr", pyasic's capture; pyasic's factory
tests "RWGLR"). Hiveon's BMMiner builds carry the same tag ("2.0.0 rwglr" on the Hiveon S9,
"4.11.1 rwglr" on its S19j Pro), so MSKMiner ranks after Hiveon, whose "Hiveon" Type
decides first. Its Type names no "Antminer" ("S19-88 v.2.6.0.39 "); the model is its first
word.
"""

from __future__ import annotations

from ...credentials import Firmware
from ...family import AFTERMARKET, Family, Identity, Marker
from ...models import lookup
from ...probes import Probes
from ..antminer.models import MAKE
from . import replies
from .backend import MskMiner

RANK = AFTERMARKET + 1  # after Hiveon (see above)


async def resolve(probes: Probes) -> Identity:
    name = replies.model_name(replies.type_of(replies.version_block(await probes.version_reply())))
    model = lookup(name, MAKE)
    return Identity(MskMiner, model.name if model else name)


FAMILY = Family(
    Firmware.MSKMINER,
    rpc_markers=(Marker("RWGLR", Firmware.MSKMINER),),
    resolve=resolve,
    rank=RANK,
)
