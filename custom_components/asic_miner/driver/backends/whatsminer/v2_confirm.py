"""Whether a Whatsminer API V2 control took, when the miner did not say so.

Stock firmware carries out some writes without answering them (transport/
btminer_v2_exchange.py), and some answer a write they applied with an empty encrypted reply.
Silence is no proof either way, so the control asks the miner: it reads the state back
until it shows the change, for a bounded time (btminer may be restarting and answer nothing
for a while). The state still as it was, or no answer within the bound, is an error.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import Final

from ...errors import (
    ConnectionDroppedError,
    MinerCommandError,
    MinerConnectionError,
    MinerProtocolError,
)
from ...transport.btminer_v2_exchange import UnansweredWrite
from ...transport.rpc import Reply

_LOGGER = logging.getLogger(__name__)

READ_BACK_SECONDS: Final = 30.0  # how long a silent write's read-back may take
READ_BACK_INTERVAL: Final = 0.5  # s between read-backs

# A read-back: None once the miner shows the change, else what it shows instead.
ReadBack = Callable[[], Awaitable[str | None]]


class ControlNotConfirmed(MinerCommandError):
    """The miner did not answer a control, and reading it back shows it did not take."""


class ControlUnanswered(ConnectionDroppedError):
    """The miner did not answer a control, nor the read-backs in the time that followed."""


async def confirmed(
    host: str,
    control: str,
    write: Awaitable[Reply],
    read_back: ReadBack,
    *,
    bound: float = READ_BACK_SECONDS,
    interval: float = READ_BACK_INTERVAL,
) -> None:
    """Send ``write``; if the miner leaves it unanswered, wait until ``read_back`` shows it.

    Read-backs that fail (btminer restarting, the daemon busy) are tried again until
    ``bound`` seconds have passed; then ControlNotConfirmed says what the miner showed, or
    ControlUnanswered that it did not answer.
    """
    try:
        await write
        return
    except UnansweredWrite as err:
        silence = err.silence
    _LOGGER.debug("%s: %s: the miner %s; reading it back", host, control, silence.value)
    loop = asyncio.get_running_loop()
    deadline = loop.time() + bound
    shown: str | None = None
    while True:
        try:
            async with asyncio.timeout_at(deadline):
                shown = await read_back()
        except (TimeoutError, MinerConnectionError, MinerProtocolError) as err:
            _LOGGER.debug("%s: %s: read-back failed: %s", host, control, err)
            failed = True
        else:
            if shown is None:
                _LOGGER.debug("%s: %s: confirmed by reading it back", host, control)
                return
            failed = False
        if loop.time() + interval >= deadline:
            break
        await asyncio.sleep(interval)
    if failed:
        raise ControlUnanswered(
            f"{host}: the miner {silence.value} {control} and did not answer in the "
            f"{bound:g} s that followed: whether it took is unknown"
        )
    raise ControlNotConfirmed(
        f"{host}: {control} did not take: the miner {silence.value} it and still shows {shown}"
    )
