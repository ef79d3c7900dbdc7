"""A control sent while a poll is under way: the poll is complete and shows every changed
value either as it was or as it became (never a mix, as of pools), and the control takes
effect. Values a poll reads in different requests may straddle the change (the mining
state from one, the hashrate from another), as in a poll right after a change.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

import pytest

from custom_components.asic_miner.driver import (
    MinerConfig,
    MinerData,
    PoolConfig,
    PowerMode,
)
from tests.simulator import SimulatedMiner

from .conftest import Pair, StartPair

ROUNDS = 6
POOLS = (
    [PoolConfig("stratum+tcp://a.pool.invalid:3333", "a.worker", "x")],
    [
        PoolConfig("stratum+tcp://b.pool.invalid:3333", "b.worker", "x"),
        PoolConfig("stratum+tcp://b2.pool.invalid:3333", "b.backup", "x"),
    ],
)


@dataclass(frozen=True)
class Toggle:
    """A control with two settings, how the miner and a poll show which one is in force."""

    name: str
    send: Callable[[Pair, int], Awaitable[None]]  # setting 0 or 1
    on_miner: Callable[[SimulatedMiner], Any]
    in_poll: Callable[[MinerData], Any]
    settings: tuple[Any, Any]  # what on_miner and in_poll read for setting 0 and 1


FAULT_LIGHT = Toggle(
    "fault light",
    lambda pair, n: pair.miner.fault_light_on() if n else pair.miner.fault_light_off(),
    lambda sim: sim.state.fault_light,
    lambda data: data.fault_light,
    (False, True),
)
MINING = Toggle(
    "mining",
    lambda pair, n: pair.miner.resume_mining() if n else pair.miner.stop_mining(),
    lambda sim: sim.state.mining,
    lambda data: data.is_mining,
    (False, True),
)
POWER_MODE = Toggle(
    "power mode",
    lambda pair, n: pair.miner.set_power_mode(PowerMode.HIGH if n else PowerMode.LOW),
    lambda sim: sim.state.power_mode,  # type: ignore[attr-defined]
    lambda data: data.power_mode,
    ("low", "high"),
)
POOL_SET = Toggle(
    "pools",
    lambda pair, n: pair.miner.send_config(MinerConfig(pools=POOLS[n])),
    lambda sim: tuple(p["url"] for p in sim.state.pools if p["url"]),
    lambda data: tuple(p.url for p in data.pools),
    tuple(tuple(p.url for p in pools) for pools in POOLS),  # type: ignore[arg-type]
)

TOGGLES = {
    "antminer-s19pro": (FAULT_LIGHT, MINING, POOL_SET),
    "antminer-s9": (FAULT_LIGHT, POOL_SET),
    "whatsminer-m50s": (FAULT_LIGHT, MINING, POWER_MODE, POOL_SET),
    "whatsminer-m60s": (FAULT_LIGHT, MINING, POWER_MODE, POOL_SET),
}


def assert_complete(data: MinerData, sim: SimulatedMiner) -> None:
    """What every poll shows, whatever a control is doing."""
    assert data.mac == sim.mac
    assert data.model is not None
    assert data.hashrate is not None
    assert len(data.hashboards) == sim.board_count
    assert data.fault_light is not None
    assert data.is_mining is not None
    # A stopped Whatsminer V2 has no mining software to report pools: none, not a mix.
    assert data.pools or not data.is_mining


@pytest.mark.parametrize("model", list(TOGGLES))
async def test_a_control_during_a_poll(start_pair: StartPair, model: str) -> None:
    pair = await start_pair(model)
    for toggle in TOGGLES[model]:
        await toggle.send(pair, 0)
    for n in range(ROUNDS):
        for toggle in TOGGLES[model]:
            setting = (n + 1) % 2
            before, after = toggle.settings[1 - setting], toggle.settings[setting]
            data, _ = await asyncio.gather(pair.miner.get_data(), toggle.send(pair, setting))
            assert_complete(data, pair.sim)
            shown = toggle.in_poll(data)
            assert shown in (before, after) or (shown == () and not data.is_mining), toggle.name
            assert toggle.on_miner(pair.sim) == after, toggle.name
    final = await pair.miner.get_data()
    assert_complete(final, pair.sim)
    for toggle in TOGGLES[model]:
        assert toggle.in_poll(final) == toggle.on_miner(pair.sim), toggle.name
