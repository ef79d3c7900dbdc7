"""How Braiins OS is recognised, and which of its generations answers.

Every reply of BOSminer's RPC names the daemon in its STATUS Description ("BOSminer+
0.2.0-ea64aec8e", "BOSer boser-openwrt 0.1.0-…" on 22.08+); its LuCI pages are titled
"Braiins OS" / "Braiins OS+" (braiins/luci bos-release themes/luci-theme-bosminer*/
header.htm). GET / itself is OpenWrt's redirect page to /cgi-bin/luci, which names no
firmware: the RPC markers are what finds a BOSminer.

The web generations (GraphQL 22.08 to 25.05, REST 25.07+) each say whether they answer; the
newest that does is used, else BOSminer with the model from ``devdetails``.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable

from ...credentials import Firmware
from ...errors import AsicMinerError
from ...family import AFTERMARKET, Family, Identity, Marker
from ...models import lookup
from ...probes import Probes, settled
from . import graphql, rest, rpc_replies
from .base import MAKE
from .bosminer import BraiinsBosminer

_LOGGER = logging.getLogger(__name__)

# Each web generation's identify, ordered oldest to newest.
_NEWER_GENERATIONS: tuple[Callable[[Probes], Awaitable[Identity | None]], ...] = (
    graphql.identify,
    rest.identify,
)


async def _ask(
    identify: Callable[[Probes], Awaitable[Identity | None]], probes: Probes
) -> Identity | None:
    try:
        return await identify(probes)
    except AsicMinerError as err:
        _LOGGER.debug("%s: %s: %s", probes.rpc.host, getattr(identify, "__module__", identify), err)
        return None


async def resolve(probes: Probes) -> Identity:
    answers = await asyncio.gather(*(_ask(identify, probes) for identify in _NEWER_GENERATIONS))
    newest = next((answer for answer in reversed(answers) if answer is not None), None)
    if newest is not None:
        return newest
    name = rpc_replies.model(await settled(probes.devdetails))
    row = lookup(name, MAKE)
    return Identity(BraiinsBosminer, row.name if row else name)


FAMILY = Family(
    Firmware.BRAIINS,
    rpc_markers=(Marker("BOSMINER", Firmware.BRAIINS), Marker("BOSER", Firmware.BRAIINS)),
    web_markers=(Marker("BRAIINS OS", Firmware.BRAIINS),),
    resolve=resolve,
    rank=AFTERMARKET,
)
