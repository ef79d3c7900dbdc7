"""A miner's web answers broken, silent, or the miner gone and back, as each web family's
fault tests check them: the poll under the fault fails with our precise error, and once
the fault is over the next poll reads the miner again (the family's test checks a figure
of that poll)."""

from __future__ import annotations

from typing import Any

import pytest

from custom_components.asic_miner.driver import (
    Miner,
    MinerConnectionError,
    MinerData,
    MinerProtocolError,
    MinerTimeoutError,
)
from tests.simulator.faults import Fault

# The error a poll fails with when the miner's web reply is garbled, cut short or dropped.
BROKEN_REPLIES = pytest.mark.parametrize(
    ("fault", "error"),
    [
        (Fault.GARBAGE, MinerProtocolError),
        (Fault.TRUNCATED, MinerProtocolError),
        (Fault.DROP, MinerConnectionError),
    ],
)


async def poll_under(
    sim: Any,
    miner: Miner,
    fault: Fault,
    error: type[Exception],
    protocol: str | None = "http",
) -> MinerData:
    """A poll while ``sim`` answers with ``fault`` (on ``protocol``; None: on all) fails
    with ``error``; the poll after the fault is cleared: its data."""
    sim.set_fault(fault, protocol=protocol)
    with pytest.raises(error):
        await miner.get_data()
    sim.clear_faults()
    return await miner.get_data()


async def poll_while_offline(sim: Any, miner: Miner) -> MinerData:
    """A poll while ``sim`` is offline is a connection error; the poll once it is back:
    its data."""
    await sim.go_offline()
    with pytest.raises(MinerConnectionError):
        await miner.get_data()
    await sim.come_back()
    return await miner.get_data()


async def poll_while_silent(sim: Any, miner: Miner, protocol: str | None = "http") -> MinerData:
    """A poll while ``sim`` accepts but never answers is a timeout (``miner`` opened with a
    short one); the poll once it answers again: its data."""
    return await poll_under(sim, miner, Fault.SILENCE, MinerTimeoutError, protocol)
