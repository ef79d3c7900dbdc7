"""How IceRiver's firmware is recognised: its panel's page title "用户界面" ("user
interface"; pyasic miners/factory.py matches ``<TITLE>用户界面</TITLE>``). The model is in
the panel's ``softver1``, behind the login: read here with the given (or default) login,
as pyasic's factory does; refused, the miner is still IceRiver and its first poll names
the model."""

from __future__ import annotations

import logging

from ...credentials import Firmware
from ...errors import AsicMinerError
from ...family import MAKE, Family, Identity, Marker
from ...probes import Probes
from . import replies
from .api import PANEL, IceRiverApi
from .backend import IceRiver

_LOGGER = logging.getLogger(__name__)


async def resolve(probes: Probes) -> Identity:
    web = probes.web
    credentials = probes.credentials.resolve(Firmware.ICERIVER)
    api = IceRiverApi(web.host, web.session, credentials, web.timeout)
    try:
        data = await api.post(PANEL, post="4")
    except AsicMinerError as err:
        _LOGGER.debug("%s: the IceRiver panel did not name its model: %s", web.host, err)
        return Identity(IceRiver, None)
    return Identity(IceRiver, replies.model_name(data))


FAMILY = Family(
    Firmware.ICERIVER,
    web_markers=(Marker("用户界面", Firmware.ICERIVER),),
    resolve=resolve,
    rank=MAKE,
)
