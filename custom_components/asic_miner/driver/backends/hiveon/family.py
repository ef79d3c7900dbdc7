"""How Hiveon is recognised, and which backend and model it gets.

Marker: the RPC ``version`` Type ends in "Hiveon" ("Antminer S9 Hiveon", hiveos-asic
hive/share/_examples/bitmain/S9-Hiveon/model; "Antminer S19JPRO Hiveon", pyasic issue #243).
Its web serves the stock "antMiner" digest realm, so only the RPC tells it apart; ranked
before the stock markers (the Type says "Antminer" too).
"""

from __future__ import annotations

from ...credentials import Firmware
from ...family import AFTERMARKET, Family, Identity, Marker
from ...models import lookup
from ...probes import Probes
from ..antminer.models import MAKE, OLD
from ..values import first_item, text
from . import replies
from .backend import HiveonModern, HiveonOld


def identity(type_: str | None, bmminer: str | None) -> Identity:
    """The backend and model for a Hiveon ``Type`` (or web ``minertype``)."""
    name = replies.model_name(type_)
    model = lookup(name, MAKE)
    if model is not None:
        return Identity(HiveonOld if model.generation == OLD else HiveonModern, model.name)
    # Unknown model: BMMiner 2.x is the S9-era firmware ("2.0.0 rwglr" on the Hiveon S9).
    old = str(bmminer or "").startswith("2.")
    model_name = name.removeprefix("Antminer ").strip() or None if name else None
    return Identity(HiveonOld if old else HiveonModern, model_name)


async def resolve(probes: Probes) -> Identity:
    version = first_item(await probes.version_reply(), "VERSION")
    return identity(text(version.get("Type")), text(version.get("BMMiner")))


FAMILY = Family(
    Firmware.HIVEON,
    rpc_markers=(Marker("HIVEON", Firmware.HIVEON),),
    resolve=resolve,
    rank=AFTERMARKET,
)
