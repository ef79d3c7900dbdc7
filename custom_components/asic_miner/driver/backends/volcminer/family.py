"""How a VolcMiner is recognised: behind the "blackMiner" digest realm it shares with
Hammer, by a ``minertype`` without "Hammer" ("VolcMiner D1"; pyasic's factory decides so).
The Hammer family's resolver, which that realm names, hands such a miner here: no marker
of its own is public."""

from __future__ import annotations

from ...credentials import Firmware
from ...family import MAKE as MAKE_RANK
from ...family import Family, Identity
from ...probes import Probes
from ..hammer.backend import _model_name
from ..hammer.family import minertype
from ..values import first_item, text
from .backend import VolcMiner
from .models import MAKE


def identity(name: str | None) -> Identity:
    return Identity(VolcMiner, _model_name(name, MAKE))


async def resolve(probes: Probes) -> Identity:
    name = await minertype(probes, Firmware.VOLCMINER)
    return identity(name or text(first_item(await probes.version_reply(), "VERSION").get("Type")))


FAMILY = Family(
    Firmware.VOLCMINER,
    resolve=resolve,
    rank=MAKE_RANK,
)
