"""Controls over the Antminer-like CGI of the Scrypt makes (Elphapex, Hammer, VolcMiner).

Their webs take the stock Antminer's ``blink.cgi`` (answered B000 on, B100 off, as pyasic
checks), ``reboot.cgi`` and ``set_miner_conf.cgi`` (the whole configuration, as read from
``get_miner_conf.cgi``, sent back with one key changed; answered M000).
"""

from __future__ import annotations

import logging
from typing import Any, ClassVar

from ..errors import ConnectionDroppedError, MinerCommandError, MinerProtocolError
from ..miner import Capability
from ..transport.http import WebClient

_LOGGER = logging.getLogger(__name__)
CGI = "/cgi-bin/"
BLINK_ON, BLINK_OFF = "B000", "B100"
# What CgiControls gives a backend.
CAPABILITIES = frozenset(
    {Capability.REBOOT, Capability.FAULT_LIGHT, Capability.STOP_MINING, Capability.RESUME_MINING}
)


async def blink(web: WebClient, on: bool) -> None:
    answer = await web.post_json(CGI + "blink.cgi", {"blink": "true" if on else "false"})
    check_code(answer, BLINK_ON if on else BLINK_OFF, web.host, "blink.cgi")


async def reboot(web: WebClient) -> None:
    try:
        await web.request_text("GET", CGI + "reboot.cgi")
    except ConnectionDroppedError as err:
        # The miner may drop the connection as it goes down.
        _LOGGER.debug("%s: connection closed during reboot: %s", web.host, err)


async def set_conf_key(web: WebClient, key: str, value: Any) -> None:
    """``key`` changed, the rest of the configuration (pools, fan, frequency) as read."""
    conf = await web.get_json(CGI + "get_miner_conf.cgi")
    if not isinstance(conf, dict):
        raise MinerProtocolError(f"{web.host}: get_miner_conf.cgi is not an object")
    answer = await web.post_json(CGI + "set_miner_conf.cgi", conf | {key: value})
    check_code(answer, "M000", web.host, "set_miner_conf.cgi")


def check_code(answer: Any, expected: str, host: str, endpoint: str) -> None:
    code = answer.get("code") if isinstance(answer, dict) else None
    if code is not None and code != expected:
        raise MinerCommandError(f"{host}: {endpoint} answered {code}", code=code)


class CgiControls:
    """A backend's reboot, fault light and stop / resume (its work mode ``work_mode_key``:
    ``work_mode_sleep`` or ``work_mode_normal``) over these CGI; put before Miner."""

    web: WebClient
    work_mode_key: ClassVar[str]
    work_mode_sleep: ClassVar[Any]
    work_mode_normal: ClassVar[Any]

    async def _reboot(self) -> None:
        await reboot(self.web)

    async def _fault_light_on(self) -> None:
        await blink(self.web, True)

    async def _fault_light_off(self) -> None:
        await blink(self.web, False)

    async def _stop_mining(self) -> None:
        await set_conf_key(self.web, self.work_mode_key, self.work_mode_sleep)

    async def _resume_mining(self) -> None:
        await set_conf_key(self.web, self.work_mode_key, self.work_mode_normal)
