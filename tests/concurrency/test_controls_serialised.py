"""Two or three controls started at once on one miner run one after the other, in the order
they were called, and every change holds at the end.

The simulated miner answers every request after a pause (the DELAY fault), so controls that
overlapped would show as writes in flight at the same time, or as one control's writes
landing between another's read of the configuration and its write.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

import pytest

from custom_components.asic_miner.driver import (
    MinerConfig,
    MiningMode,
    MiningModeConfig,
    PoolConfig,
    PowerMode,
)
from tests.simulator import Fault, SimulatedMiner

from .conftest import Pair, StartPair

PAUSE = 0.05  # s the simulated miner takes for every answer
POOLS_A = [PoolConfig("stratum+tcp://a.pool.invalid:3333", "a.worker", "x")]
POOLS_B = [
    PoolConfig("stratum+tcp://b.pool.invalid:3333", "b.worker", "x"),
    PoolConfig("stratum+tcp://b2.pool.invalid:3333", "b.backup", "x"),
]


def pool_urls(sim: SimulatedMiner) -> list[str]:
    return [pool["url"] for pool in sim.state.pools if pool["url"]]


def urls(pools: list[PoolConfig]) -> list[str]:
    return [pool.url for pool in pools]


@dataclass(frozen=True)
class Case:
    """Controls started together, the writes the miner must see in that order, and the
    state that must hold at the end."""

    controls: Callable[[Pair], list[Awaitable[None]]]
    writes: list[str]
    check: Callable[[SimulatedMiner], None]


def _antminer_modern_end(sim: SimulatedMiner) -> None:
    # Both changes went into the miner configuration: neither write undid the other.
    assert pool_urls(sim) == urls(POOLS_A)
    assert sim.state.mining is False
    assert sim.state.fault_light is True


def _antminer_old_end(sim: SimulatedMiner) -> None:
    assert pool_urls(sim) == urls(POOLS_B)  # the later pools, complete
    assert sim.state.fault_light is True


def _whatsminer_end(sim: SimulatedMiner) -> None:
    assert pool_urls(sim) == urls(POOLS_A)
    assert sim.state.fault_light is True
    assert sim.state.power_mode == "high"  # the later power mode wins


def _whatsminer_controls(pair: Pair) -> list[Awaitable[None]]:
    low = MinerConfig(pools=POOLS_A, mining_mode=MiningModeConfig(MiningMode.LOW))
    return [
        pair.miner.send_config(low),
        pair.miner.fault_light_on(),
        pair.miner.set_power_mode(PowerMode.HIGH),
    ]


CASES = {
    "antminer-s19pro": Case(
        lambda pair: [
            pair.miner.send_config(MinerConfig(pools=POOLS_A)),
            pair.miner.stop_mining(),
            pair.miner.fault_light_on(),
        ],
        ["set_miner_conf.cgi", "set_miner_conf.cgi", "blink.cgi"],
        _antminer_modern_end,
    ),
    "antminer-s9": Case(
        lambda pair: [
            pair.miner.send_config(MinerConfig(pools=POOLS_A)),
            pair.miner.fault_light_on(),
            pair.miner.send_config(MinerConfig(pools=POOLS_B)),
        ],
        ["set_miner_conf.cgi", "blink.cgi", "set_miner_conf.cgi"],
        _antminer_old_end,
    ),
    "whatsminer-m50s": Case(
        _whatsminer_controls,
        ["update_pools", "set_low_power", "set_led", "set_high_power"],
        _whatsminer_end,
    ),
    "whatsminer-m60s": Case(
        _whatsminer_controls,
        ["set.miner.pools", "set.miner.power_mode", "set.system.led", "set.miner.power_mode"],
        _whatsminer_end,
    ),
}


async def _warm_up(pair: Pair) -> None:
    """A first write: the Whatsminer token (V2) or salt (V3) is fetched once, not raced for."""
    await pair.miner.fault_light_off()
    pair.sim.state.requests.clear()


@pytest.mark.parametrize("model", list(CASES))
async def test_controls_at_once_run_one_after_the_other(start_pair: StartPair, model: str) -> None:
    pair = await start_pair(model)
    case = CASES[model]
    await _warm_up(pair)
    pair.sim.set_fault(Fault.DELAY, seconds=PAUSE)

    await asyncio.gather(*case.controls(pair))

    case.check(pair.sim)
    log = pair.sim.state.requests
    assert [write.name for write in log.writes] == case.writes
    assert log.max_writes_in_flight() == 1


@pytest.mark.parametrize("model", ["antminer-s19pro", "whatsminer-m50s"])
async def test_a_control_waits_for_the_whole_read_modify_write(
    start_pair: StartPair, model: str
) -> None:
    """The configuration read of a control comes after the write of the one before it."""
    pair = await start_pair(model)
    await _warm_up(pair)
    pair.sim.set_fault(Fault.DELAY, seconds=PAUSE)

    await asyncio.gather(
        pair.miner.send_config(MinerConfig(pools=POOLS_A)),
        pair.miner.send_config(MinerConfig(pools=POOLS_B)),
    )

    entries = pair.sim.state.requests.entries
    first_write = next(i for i, entry in enumerate(entries) if entry.write)
    reads_after = [e for e in entries[first_write:] if not e.write]
    assert reads_after, [e.name for e in entries]  # the second control read after it
    assert pool_urls(pair.sim) == urls(POOLS_B)
