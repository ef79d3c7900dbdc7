"""The draw each simulated family reports follows its control and its mining state, so that
a fleet's budget and a heater visibly work: each control set through our driver (the power
lever the fleet and the heater use), the draw and hashrate read back through it.

Simulated miners over real sockets on 127.0.93.10-99.
"""

from __future__ import annotations

import asyncio
import itertools
import time
from collections.abc import AsyncIterator, Callable
from typing import Any

import pytest

from custom_components.asic_miner.driver import Miner, MinerData
from custom_components.asic_miner.power.levers import (
    LeverKind,
    PowerLever,
    apply,
    current_draw_setting,
    lever_for,
)
from tests.simulator.testing import DriverClients

_ADDRESSES = (f"127.0.93.{n}" for n in itertools.cycle(range(10, 100)))
SETTLE_SECONDS = 8.0  # a Whatsminer or BOSminer restarts its mining software for a new limit

ADJUSTABLE = (
    "avalon-mini3",  # work level
    "avalon-nano3s",  # work mode
    "avalon-q",  # work mode
    "braiins-s19-bosplus",  # power target
    "braiins-s21-bos",
    "braiins-s9-bosminer",
    "vnish-s19pro",  # the tuned preset the power target picks
    "whatsminer-m50s",  # power limit
    "whatsminer-m60s",
)
STOPPABLE = (
    "antminer-s19pro",  # sleep mode
    "avalon-mini3",  # soft off
    "avalon-q",
    "braiins-s19-bosplus",  # pause
    "braiins-s21-bos",
    "braiins-s9-bosminer",
    "espminer-bitaxe-gamma",  # pause
    "vnish-s19pro",  # stop
    "whatsminer-m50s",  # power off
    "whatsminer-m60s",
)


@pytest.fixture
async def started() -> AsyncIterator[DriverClients]:
    clients = DriverClients(_ADDRESSES)
    yield clients
    await clients.close()


async def _read_until(miner: Miner, done: Callable[[MinerData], bool]) -> MinerData:
    """The miner's next poll that satisfies ``done`` (its mining software may be restarting)."""
    deadline = time.monotonic() + SETTLE_SECONDS
    while True:
        try:
            data = await miner.get_data()
        except Exception:  # restarting: the next poll answers
            data = None
        if data is not None and done(data):
            return data
        if time.monotonic() > deadline:
            raise AssertionError(f"{miner.host} never settled; last poll: {data}")
        await asyncio.sleep(0.2)


def _hashing(data: MinerData) -> bool:
    return bool(data.is_mining) and bool(data.hashrate) and bool(data.wattage)


@pytest.mark.parametrize("model", ADJUSTABLE)
async def test_draw_and_hashrate_follow_the_setting(started, model: str) -> None:
    miner = await started(model)
    data = await miner.get_data()
    default_draw = data.wattage
    assert default_draw
    lever = lever_for(miner, data)
    assert lever.adjustable

    # Low: about 60 % of its default draw where a limit or target reaches so low (BOSminer's
    # tuner floor is above the 100 W its configuration takes), else its lowest level.
    low_setting = lever.fit(max(lever.minimum_w, default_draw * 0.6))
    assert low_setting is not None
    draws: dict[float, MinerData] = {}
    current = None
    for setting in (low_setting, lever.maximum_w):
        await apply(miner, lever, setting, mining=True, current=current)
        current = setting
        draws[setting] = await _read_until(
            miner, lambda d, s=setting: _hashing(d) and _draw_set(lever, d, s)
        )
    low, high = draws[low_setting], draws[lever.maximum_w]
    assert low.wattage is not None
    assert high.wattage is not None
    assert low.hashrate is not None
    assert high.hashrate is not None
    assert low.wattage < high.wattage
    # Hashrate roughly in proportion to the draw (the simulator's assumption; presets and
    # work modes have efficiencies of their own, so only roughly).
    ratio = (low.hashrate / high.hashrate) / (low.wattage / high.wattage)
    assert 0.7 < ratio < 1.3, (low, high)
    if lever.kind in (LeverKind.POWER_LIMIT, LeverKind.POWER_TARGET):
        # Never more than it was set to (a capture's 2 % over its limit aside) ...
        for setting, read in draws.items():
            assert read.wattage is not None
            assert read.wattage <= setting * 1.03, (setting, read.wattage)
        # ... nor far beyond what the model draws by default, whatever the firmware accepts.
        assert high.wattage <= default_draw * 1.3, (lever.maximum_w, high.wattage)


def _draw_set(lever: PowerLever, data: MinerData, setting: float) -> bool:
    """The poll shows the setting in force (a limit, a target or a level)."""
    return current_draw_setting(lever, data) == setting


@pytest.mark.parametrize("model", STOPPABLE)
async def test_stopped_it_hashes_nothing_and_draws_at_most_idle(started, model: str) -> None:
    miner = await started(model)
    running = await miner.get_data()
    assert _hashing(running) or (running.is_mining and running.wattage is None)
    lever = lever_for(miner, running)
    assert lever.can_stop

    await apply(miner, lever, None, mining=True)
    _advance_soft_off(started.sims[miner.host], miner)
    stopped = await _read_until(miner, lambda d: d.is_mining is False)
    assert not stopped.hashrate
    if running.wattage is None:  # stock Antminer firmware reports no draw at all
        assert stopped.wattage is None
    else:
        # Its control board, fans and idle chips at most: well under a third of mining.
        assert stopped.wattage is None or stopped.wattage < running.wattage * 0.35, stopped

    await apply(miner, lever, lever.maximum_w, mining=False)
    _advance_soft_off(started.sims[miner.host], miner)
    again = await _read_until(miner, lambda d: bool(d.is_mining) and bool(d.hashrate))
    assert again.hashrate is not None
    assert running.hashrate is not None
    assert again.hashrate >= running.hashrate * 0.9
    if running.wattage is not None:
        assert again.wattage is not None
        assert again.wattage >= running.wattage * 0.9


def _advance_soft_off(sim: Any, miner: Miner) -> None:
    """An Avalon soft-offs (and on) at a time a few seconds ahead on its own clock."""
    if miner.mining_change_delay:
        sim.clock.advance(miner.mining_change_delay + 1)
