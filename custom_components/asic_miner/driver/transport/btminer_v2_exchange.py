"""One encrypted Whatsminer API V2 write on TCP 4028, and the ways a miner stays silent.

Stock firmware carries out some writes without answering them (issue 11):
- ``power_off``, ``set_low_power`` / ``set_normal_power`` / ``set_high_power`` and
  ``restart_btminer`` are applied, then the connection is closed without a byte (btminer
  restarts or the daemon drops the client). asic-rs handles these as "fire-and-forget"
  (256foundation/asic-rs, asic-rs-firmwares/whatsminer/src/backends/v2/mod.rs: ``pause``
  and ``set_tuning_config``, which also count a read timeout as applied);
- ``reboot`` is taken and the connection left open without a byte while the miner goes
  down (asic-rs ``restart``: "Miners often reboot before responding"; pyasic's
  ``BTMinerRPCAPI.reboot`` returns ``{}`` on a timeout, pyasic/rpc/btminer.py).

For those commands the answer is awaited ``ANSWER_WAIT`` seconds after the request went out
(a miner answers a write at once, or not at all; pyasic once waited 1 s for the first
byte, commit 9343308f); silence is then reported as such (:class:`UnansweredWrite`), not as
a timeout, and the backend reads the miner's state back to learn whether it was applied.
"""

from __future__ import annotations

import asyncio
import contextlib
from enum import StrEnum
from typing import Final

from ..errors import ConnectionDroppedError, MinerTimeoutError, socket_error

ANSWER_WAIT: Final = 3.0  # s after the request: no byte by then is silence
# Writes the firmware may carry out without answering them.
SILENT_WRITES: Final = frozenset(
    {
        "power_off",
        "set_low_power",
        "set_normal_power",
        "set_high_power",
        "restart_btminer",
        "reboot",
        "factory_reset",
    }
)


class Silence(StrEnum):
    """How a miner left a write unanswered."""

    CLOSED = "closed the connection without answering"
    OPEN = "kept the connection open without answering"
    EMPTY = "answered with an empty encrypted reply"


class UnansweredWrite(ConnectionDroppedError):
    """The miner took a write and did not answer it: it may well have been carried out."""

    def __init__(self, host: str, command: str, silence: Silence) -> None:
        super().__init__(f"{host}: the miner {silence.value} {command}")
        self.command = command
        self.silence = silence


async def exchange(
    host: str, port: int, request: bytes, *, within: float, silent_ok: bool
) -> bytes | Silence:
    """Send one request; the reply's bytes (until the miner closes), or how it stayed silent.

    ``silent_ok``: a write the firmware may leave unanswered. Its answer is awaited
    ``ANSWER_WAIT`` s at most (within ``within``), and a reset before the first byte counts
    as a closed connection. Otherwise silence for ``within`` s is a MinerTimeoutError.
    Nothing sent (refused, unreachable) raises as for any request.
    """
    loop = asyncio.get_running_loop()
    deadline = loop.time() + within
    sent = False
    chunks: list[bytes] = []
    try:
        async with asyncio.timeout_at(deadline) as scope:
            reader, writer = await asyncio.open_connection(host, port)
            try:
                writer.write(request)
                await writer.drain()
                sent = True
                if silent_ok:
                    scope.reschedule(min(deadline, loop.time() + ANSWER_WAIT))
                first = await reader.read(65536)
                scope.reschedule(deadline)
                if first:
                    chunks.extend((first, await reader.read()))
            finally:
                writer.close()
                with contextlib.suppress(OSError):
                    await writer.wait_closed()
    except TimeoutError as err:
        if sent and silent_ok and not chunks:
            return Silence.OPEN
        raise MinerTimeoutError(f"{host}:{port} did not answer within {within:g} s") from err
    except OSError as err:
        dropped = isinstance(err, (ConnectionResetError, BrokenPipeError))
        if dropped and sent and silent_ok and not chunks:
            return Silence.CLOSED
        raise socket_error(host, port, err) from err
    raw = b"".join(chunks)
    return raw if raw.strip(b"\x00 \r\n\t") else Silence.CLOSED
