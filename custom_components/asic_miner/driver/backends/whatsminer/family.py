"""How a Whatsminer is recognised, and which API generation and model it gets."""

from __future__ import annotations

from ...credentials import Firmware
from ...family import Family, Identity, Marker
from ...models import lookup
from ...probes import Probes, settled
from ..values import first_item, text
from .models import MAKE
from .replies import section
from .v2 import WhatsminerV2
from .v3 import WhatsminerV3

# Before the other makes: a Whatsminer's error replies name no other family, but its
# markers are checked early as they always were.
RANK = 20


async def resolve(probes: Probes) -> Identity:
    """API V3 when port 4433 answers V3 frames, else API V2 on 4028.

    The model comes from V3 ``miner.type`` or V2 ``devdetails`` Model. A miner whose 4433
    is closed gets V2 even with V3 firmware (its reduced V2 reads still answer); one whose
    4028 is closed but 4433 answers gets V3.
    """
    v3 = await settled(probes.v3)
    if v3 is not None:
        name = text(section(v3.msg, "miner").get("type"))
        return Identity(WhatsminerV3, _model(name))
    details = await settled(probes.devdetails)
    name = text(first_item(details, "DEVDETAILS").get("Model"))
    return Identity(WhatsminerV2, _model(name))


def _model(name: str | None) -> str | None:
    model = lookup(name, MAKE)
    return model.name if model else name


FAMILY = Family(
    Firmware.WHATSMINER,
    rpc_markers=(
        Marker("BTMINER", Firmware.WHATSMINER),
        Marker("BITMICRO", Firmware.WHATSMINER),
        Marker("WHATSMINER", Firmware.WHATSMINER),
    ),
    resolve=resolve,
    rank=RANK,
)
