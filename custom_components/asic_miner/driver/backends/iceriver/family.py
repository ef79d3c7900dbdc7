"""How IceRiver's firmware is recognised: its panel's page title "用户界面" ("user
interface"; pyasic miners/factory.py matches ``<TITLE>用户界面</TITLE>``). The model is in
the panel's ``softver1``, read on the first poll (it needs the login)."""

from __future__ import annotations

from ...credentials import Firmware
from ...family import MAKE, Family, Identity, Marker
from ...probes import Probes
from .backend import IceRiver


async def resolve(probes: Probes) -> Identity:
    return Identity(IceRiver, None)


FAMILY = Family(
    Firmware.ICERIVER,
    web_markers=(Marker("用户界面", Firmware.ICERIVER),),
    resolve=resolve,
    rank=MAKE,
)
