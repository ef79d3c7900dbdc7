"""Stock firmware on X19/S21 against the simulator: every field and every control."""

from __future__ import annotations

import asyncio

import aiohttp
import pytest

from custom_components.asic_miner.driver import (
    Capability,
    FanMode,
    Miner,
    MinerConfig,
    MiningMode,
    MiningModeConfig,
    PoolConfig,
    UnsupportedOperation,
    get_miner,
)
from custom_components.asic_miner.driver.backends.antminer.backend import AntminerModern
from tests.simulator import SimulatedMiner

from .conftest import StartMiner

MODERN_MODELS = {
    "antminer-s19pro": "S19 Pro",
    "antminer-s19jpro": "S19j Pro",
    "antminer-s21": "S21",
}


async def _miner(sim: SimulatedMiner) -> Miner:
    miner = await get_miner(sim.address, timeout=3)
    assert miner is not None
    return miner


@pytest.mark.parametrize("model", list(MODERN_MODELS))
async def test_poll_reports_what_the_miner_says(start_sim: StartMiner, model: str) -> None:
    sim = await start_sim(model)
    async with await _miner(sim) as miner:
        assert isinstance(miner, AntminerModern)
        data = await miner.get_data()
    assert (data.make, data.model, data.firmware) == ("Antminer", MODERN_MODELS[model], "Stock")
    assert data.mac == sim.mac
    assert data.hostname == sim.state.hostname
    assert data.serial_number == sim.serial_number
    assert data.hashrate == pytest.approx(sim.hashrate_ths, abs=0.01)
    assert data.expected_hashrate == pytest.approx(sim.expected_hashrate_ths, abs=0.01)
    assert data.fw_ver
    assert data.api_ver
    assert data.uptime is not None
    assert data.uptime >= 0
    assert data.is_mining is True
    assert data.fault_light is False
    assert data.errors == []
    assert [f.speed for f in data.fans] == sim.fan_speeds
    assert len(data.hashboards) == sim.board_count
    for board, rate in zip(data.hashboards, sim.board_hashrates_ths, strict=True):
        assert not board.missing
        assert board.hashrate == pytest.approx(rate, abs=0.01)
        assert board.chips == board.expected_chips == sim.chips_per_board
        assert board.temp is not None
        assert board.chip_temp is not None
        assert board.chip_temp > board.temp > 20
        assert board.serial_number
    assert data.total_chips == sim.board_count * sim.chips_per_board
    assert data.temperature_max is not None
    assert [p.url for p in data.pools] == [p["url"] for p in sim.state.pools if p["url"]]
    assert data.pools[0].active
    assert data.pools[0].alive
    assert data.pools[0].user == sim.state.pools[0]["user"]


async def test_capabilities_are_exactly_what_stock_offers(start_sim: StartMiner) -> None:
    sim = await start_sim("antminer-s19pro")
    async with await _miner(sim) as miner:
        assert miner.capabilities == {
            Capability.REBOOT,
            Capability.STOP_MINING,
            Capability.RESUME_MINING,
            Capability.FAULT_LIGHT,
            Capability.GET_CONFIG,
            Capability.SEND_CONFIG,
        }
        assert miner.requires_credentials
        with pytest.raises(UnsupportedOperation, match="power_limit"):
            await miner.set_power_limit(3000)
        with pytest.raises(UnsupportedOperation, match="restart_backend"):
            await miner.restart_backend()


async def test_errors_from_the_web_summary(start_sim: StartMiner) -> None:
    sim = await start_sim("antminer-s19pro")
    sim.state.errors["fans"] = "Fan lost"
    async with await _miner(sim) as miner:
        data = await miner.get_data()
    assert [(e.code, e.message) for e in data.errors] == [("fans", "Fan lost")]


async def test_fault_light_on_and_off(start_sim: StartMiner) -> None:
    sim = await start_sim("antminer-s21")
    async with await _miner(sim) as miner:
        await miner.fault_light_on()
        assert sim.state.fault_light is True
        assert await miner.check_light() is True
        assert (await miner.get_data()).fault_light is True
        await miner.fault_light_off()
        assert sim.state.fault_light is False
        assert (await miner.get_data()).fault_light is False


async def test_stop_and_resume_keep_the_rest_of_the_config(start_sim: StartMiner) -> None:
    sim = await start_sim("antminer-s19jpro")
    sim.state.fan_ctrl, sim.state.fan_pwm = True, 80
    pools_before = [dict(p) for p in sim.state.pools]
    async with await _miner(sim) as miner:
        await miner.stop_mining()
        assert sim.state.mining is False
        data = await miner.get_data()
        assert data.is_mining is False
        assert data.hashrate == 0
        assert sim.state.pools == pools_before
        assert (sim.state.fan_ctrl, sim.state.fan_pwm) == (True, 80)

        await miner.resume_mining()
        assert sim.state.mining is True
        data = await miner.get_data()
        assert data.is_mining is True
        assert data.hashrate
        assert data.hashrate > 0
        assert sim.state.pools == pools_before


async def test_send_config_pools_padded_to_three(start_sim: StartMiner) -> None:
    sim = await start_sim("antminer-s19pro")
    new_pools = [
        PoolConfig("stratum+tcp://a.pool.invalid:3333", "me.a", "pw-a"),
        PoolConfig("stratum+tcp://b.pool.invalid:3333", "me.b"),
    ]
    async with await _miner(sim) as miner:
        config = await miner.get_config()
        assert [p.url for p in config.pools] == [sim.state.pools[0]["url"]]
        await miner.send_config(MinerConfig(pools=new_pools))
        assert sim.state.pools == [
            {"url": "stratum+tcp://a.pool.invalid:3333", "user": "me.a", "pass": "pw-a"},
            {"url": "stratum+tcp://b.pool.invalid:3333", "user": "me.b", "pass": "x"},
            {"url": "", "user": "", "pass": ""},
        ]
        assert (await miner.get_config()).pools == new_pools
        assert [p.url for p in (await miner.get_data()).pools] == [p.url for p in new_pools]


async def test_send_config_fan_and_sleep_mode(start_sim: StartMiner) -> None:
    sim = await start_sim("antminer-s19pro")
    async with await _miner(sim) as miner:
        config = await miner.get_config()
        config.fan.mode, config.fan.speed = FanMode.MANUAL, 60
        config.mining_mode = MiningModeConfig(MiningMode.SLEEP)
        await miner.send_config(config)
        assert (sim.state.fan_ctrl, sim.state.fan_pwm, sim.state.mining) == (True, 60, False)
        read_back = await miner.get_config()
        assert read_back.fan.mode is FanMode.MANUAL
        assert read_back.fan.speed == 60
        assert read_back.mining_mode.mode is MiningMode.SLEEP


async def test_send_config_refuses_what_stock_cannot_do(start_sim: StartMiner) -> None:
    sim = await start_sim("antminer-s19pro")
    pools_before = [dict(p) for p in sim.state.pools]
    async with await _miner(sim) as miner:
        with pytest.raises(UnsupportedOperation):
            await miner.send_config(
                MinerConfig(mining_mode=MiningModeConfig(MiningMode.POWER_TARGET, 3000))
            )
        four = [PoolConfig(f"stratum+tcp://p{i}.invalid:3333", "u") for i in range(4)]
        with pytest.raises(UnsupportedOperation, match="3 pool slots"):
            await miner.send_config(MinerConfig(pools=four))
    assert sim.state.pools == pools_before


async def test_reboot_takes_the_miner_away_and_it_comes_back(start_sim: StartMiner) -> None:
    sim = await start_sim("antminer-s19pro", reboot_seconds=0.5)
    sim.state.fault_light = True
    async with await _miner(sim) as miner:
        await asyncio.sleep(1.1)  # let uptime grow past the reboot's
        await miner.reboot()
        for _ in range(50):
            if not sim.online:
                break
            await asyncio.sleep(0.02)
        assert not sim.online
        for _ in range(100):
            if sim.online:
                break
            await asyncio.sleep(0.05)
        data = await miner.get_data()
    assert data.uptime is not None
    assert data.uptime < 1
    assert data.fault_light is False


async def test_injected_session_is_used_and_left_open(start_sim: StartMiner) -> None:
    sim = await start_sim("antminer-s19pro")
    async with aiohttp.ClientSession() as session:
        miner = await get_miner(sim.address, session=session, timeout=3)
        assert miner is not None
        assert miner.session is session
        assert (await miner.get_data()).mac == sim.mac
        await miner.close()
        assert not session.closed


async def test_model_is_learnt_when_not_given(start_sim: StartMiner) -> None:
    sim = await start_sim("antminer-s19jpro")
    async with AntminerModern(sim.address, timeout=3) as miner:
        data = await miner.get_data()
    assert data.model == "S19j Pro"
    assert [b.expected_chips for b in data.hashboards] == [126, 126, 126]
