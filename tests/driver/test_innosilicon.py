"""Innosilicon's innominer read over real sockets against the simulated A9 ZMaster (its
captured RPC replies): found as Innosilicon by "innominer" in its RPC answers (never as
another make), read in Equihash (MinerData.algorithm, rates in 10^12 solutions per
second), three chains of 12 chips, fan duty, pools; three requests a poll; every control
refused unsent. Sims on 127.0.105.150-179."""

from __future__ import annotations

import pytest

from custom_components.asic_miner.driver import Algorithm, UnsupportedOperation, find_miner
from custom_components.asic_miner.driver.backends.innosilicon.backend import Innosilicon
from custom_components.asic_miner.driver.config import MinerConfig, PoolConfig
from tests.simulator.innosilicon import captures
from tests.simulator.innosilicon.testing import StartInno, addresses, inno_fixture

start_inno = inno_fixture(addresses(105, 150, 179))


async def test_found_as_innosilicon_and_read_in_equihash(start_inno: StartInno) -> None:
    sim = await start_inno()
    async with await find_miner(sim.address, timeout=3) as miner:
        assert isinstance(miner, Innosilicon)
        assert miner.model == "A9"
        data = await miner.get_data()
    assert (data.make, data.model, data.firmware, data.fw_ver) == (
        "Innosilicon",
        "A9",
        "Innosilicon",
        "1.1.0",
    )
    assert data.algorithm is Algorithm.EQUIHASH
    # "MHS 1m" 51451.63 is solutions per second on innominer: 51.45 kSol/s.
    assert data.hashrate == pytest.approx(51451.63e-12)
    assert data.expected_hashrate == pytest.approx(50_000e-12)
    assert [(b.slot, b.chips, b.expected_chips, b.missing) for b in data.hashboards] == [
        (slot, 12, 12, False) for slot in range(3)
    ]
    assert [(b.temp, b.chip_temp) for b in data.hashboards] == [(62, 71), (64, 72), (60, 67)]
    assert data.fan_percent == 35
    assert [p.url for p in data.pools] == [p["URL"] for p in captures.POOLS]
    assert [p.active for p in data.pools] == [True, False, False]
    assert data.uptime is not None
    assert data.uptime >= captures.SUMMARY["Elapsed"]
    assert data.is_mining is True


async def test_a_poll_is_summary_stats_and_pools(start_inno: StartInno) -> None:
    sim = await start_inno()
    async with await find_miner(sim.address, timeout=3) as miner:
        await miner.get_data()
        sim.state.received.clear()
        await miner.get_data()
    assert sorted(sim.state.received) == ["pools", "stats", "summary"]


async def test_every_control_is_refused_unsent(start_inno: StartInno) -> None:
    sim = await start_inno()
    async with await find_miner(sim.address, timeout=3) as miner:
        sim.state.received.clear()
        for control in (
            miner.reboot(),
            miner.restart_backend(),
            miner.stop_mining(),
            miner.fault_light_on(),
            miner.set_power_limit(600),
            miner.send_config(MinerConfig(pools=[PoolConfig("stratum+tcp://a:1", "u")])),
        ):
            with pytest.raises(UnsupportedOperation, match="Innosilicon"):
                await control
    assert sim.state.received == []
