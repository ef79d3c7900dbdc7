"""Stock firmware on the S9 (old generation) against the simulator."""

from __future__ import annotations

import pytest

from custom_components.asic_miner.driver import (
    Capability,
    MinerConfig,
    MiningMode,
    MiningModeConfig,
    PoolConfig,
    UnsupportedOperation,
    get_miner,
)
from custom_components.asic_miner.driver.backends.antminer.backend import AntminerOld

from .conftest import StartMiner


async def test_s9_poll_reads_chains_6_to_8_and_fans_5_6(start_sim: StartMiner) -> None:
    # S9 BMMiner: chain_acn6..8, fan5/fan6, "GHS 5s" as a string, `}{` in STATS.
    sim = await start_sim("antminer-s9")
    miner = await get_miner(sim.address, timeout=3)
    assert isinstance(miner, AntminerOld)
    async with miner:
        data = await miner.get_data()
    assert (data.make, data.model) == ("Antminer", "S9")
    assert data.mac == sim.mac
    assert data.hostname == sim.state.hostname
    assert data.serial_number is None  # the S9 firmware reports none
    assert data.hashrate == pytest.approx(sim.hashrate_ths, abs=0.01)
    assert data.expected_hashrate == pytest.approx(sim.expected_hashrate_ths, abs=0.01)
    assert [f.speed for f in data.fans] == sim.fan_speeds
    assert len(data.fans) == 2
    assert [b.slot for b in data.hashboards] == [0, 1, 2]
    for board, rate in zip(data.hashboards, sim.board_hashrates_ths, strict=True):
        assert board.hashrate == pytest.approx(rate, abs=0.01)
        assert board.chips == board.expected_chips == 63
        assert board.temp is not None
        assert board.chip_temp is not None
        assert not board.missing
    assert data.is_mining is True
    assert data.fault_light is False
    assert data.pools[0].url == sim.state.pools[0]["url"]


async def test_s9_capabilities_and_missing_controls(start_sim: StartMiner) -> None:
    sim = await start_sim("antminer-s9")
    miner = await get_miner(sim.address, timeout=3)
    assert miner is not None
    async with miner:
        assert miner.capabilities == {
            Capability.REBOOT,
            Capability.FAULT_LIGHT,
            Capability.GET_CONFIG,
            Capability.SEND_CONFIG,
        }
        with pytest.raises(UnsupportedOperation):
            await miner.stop_mining()
        with pytest.raises(UnsupportedOperation):
            await miner.set_power_limit(1200)
        with pytest.raises(UnsupportedOperation):
            await miner.send_config(MinerConfig(mining_mode=MiningModeConfig(MiningMode.SLEEP)))
    assert sim.state.mining is True


async def test_s9_fault_light_through_blink_actions(start_sim: StartMiner) -> None:
    sim = await start_sim("antminer-s9")
    miner = await get_miner(sim.address, timeout=3)
    assert miner is not None
    async with miner:
        await miner.fault_light_on()
        assert sim.state.fault_light is True
        assert await miner.check_light() is True
        assert (await miner.get_data()).fault_light is True
        await miner.fault_light_off()
        assert sim.state.fault_light is False
        assert (await miner.get_data()).fault_light is False


async def test_s9_pools_through_the_form(start_sim: StartMiner) -> None:
    sim = await start_sim("antminer-s9")
    miner = await get_miner(sim.address, timeout=3)
    assert miner is not None
    pool = PoolConfig("stratum+tcp://s9.pool.invalid:3333", "me.s9", "pw")
    async with miner:
        await miner.send_config(MinerConfig(pools=[pool]))
        assert sim.state.pools == [
            {"url": pool.url, "user": "me.s9", "pass": "pw"},
            {"url": "", "user": "", "pass": ""},
            {"url": "", "user": "", "pass": ""},
        ]
        assert (await miner.get_config()).pools == [pool]
        assert [p.url for p in (await miner.get_data()).pools] == [pool.url]
