"""How LuxOS is recognised, and which model it runs on.

Markers: LUXminer names itself in every RPC STATUS Description ("LUXminer 2025.4.8…") and
in the version reply (the LUXminer field; docs api/cgminer/version), the web page says
"Luxor Firmware" (pyasic miners/factory.py). Ranked before the stock Antminer markers:
LUXminer spoofs Bitmain's fields ("Type": "Antminer S19k Pro") so that tools without
LuxOS support read it as stock; a reflashed Antminer is LuxOS. The model: the version
reply's Type.
"""

from __future__ import annotations

from ...credentials import Firmware
from ...family import AFTERMARKET, Family, Identity, Marker
from ...models import lookup
from ...probes import Probes
from ..antminer.models import MAKE
from . import replies
from .backend import Luxos


async def resolve(probes: Probes) -> Identity:
    name = replies.version_type(await probes.version_reply())
    row = lookup(name, MAKE)
    if row is not None:
        return Identity(Luxos, row.name)
    return Identity(Luxos, name.removeprefix("Antminer ").strip() or None if name else None)


FAMILY = Family(
    Firmware.LUXOS,
    rpc_markers=(Marker("LUXMINER", Firmware.LUXOS),),
    web_markers=(Marker("LUXOR FIRMWARE", Firmware.LUXOS),),
    resolve=resolve,
    rank=AFTERMARKET,
)
