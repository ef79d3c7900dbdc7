"""Hiveon on an Antminer S9, controlled over real sockets: what it offers (reboot, fault
light, pools) changes the simulated miner; what it lacks (sleep, a power limit) is refused
before anything is sent; a wrong web password is named as such. Simulated miners on
127.0.101.40-59."""

from __future__ import annotations

import asyncio

import pytest

from custom_components.asic_miner.driver import (
    Capability,
    Credentials,
    MinerAuthenticationError,
    MinerConfig,
    MiningMode,
    MiningModeConfig,
    PoolConfig,
    UnsupportedOperation,
    find_miner,
)
from tests.simulator.hiveon.testing import StartHiveon, addresses, hiveon_fixture

start_hiveon = hiveon_fixture(addresses(40, 59))


async def test_it_offers_reboot_fault_light_and_pools(start_hiveon: StartHiveon) -> None:
    sim = await start_hiveon()
    async with await find_miner(sim.address, timeout=3) as miner:
        assert miner.capabilities == {
            Capability.REBOOT,
            Capability.FAULT_LIGHT,
            Capability.GET_CONFIG,
            Capability.SEND_CONFIG,
        }


async def test_the_fault_light_goes_on_and_off(start_hiveon: StartHiveon) -> None:
    sim = await start_hiveon()
    async with await find_miner(sim.address, timeout=3) as miner:
        await miner.fault_light_on()
        assert sim.state.fault_light is True
        assert (await miner.get_data()).fault_light is True
        await miner.fault_light_off()
        assert sim.state.fault_light is False
        assert await miner.check_light() is False


async def test_pools_are_written_through_the_stock_form(start_hiveon: StartHiveon) -> None:
    sim = await start_hiveon()
    pools = [
        PoolConfig("stratum+tcp://hive.pool.invalid:3333", "me.s9", "x"),
        PoolConfig("stratum+tcp://backup.pool.invalid:443", "me.s9b", "y"),
    ]
    async with await find_miner(sim.address, timeout=3) as miner:
        await miner.send_config(MinerConfig(pools=pools))
        assert [p["url"] for p in sim.state.pools] == [pools[0].url, pools[1].url, ""]
        assert (await miner.get_config()).pools == pools
        data = await miner.get_data()
    assert [p.url for p in data.pools] == [pools[0].url, pools[1].url]  # no fee pools


async def test_reboot_takes_it_down_and_back(start_hiveon: StartHiveon) -> None:
    sim = await start_hiveon(reboot_seconds=0.3)
    await asyncio.sleep(1.1)
    async with await find_miner(sim.address, timeout=3) as miner:
        before = (await miner.get_data()).uptime
        await miner.reboot()
        await asyncio.sleep(0.8)
        after = (await miner.get_data()).uptime
    assert before is not None
    assert before >= 1
    assert after is not None
    assert after < before


async def test_sleep_and_a_power_limit_are_refused_unsent(start_hiveon: StartHiveon) -> None:
    sim = await start_hiveon()
    async with await find_miner(sim.address, timeout=3) as miner:
        with pytest.raises(UnsupportedOperation):
            await miner.stop_mining()
        with pytest.raises(UnsupportedOperation):
            await miner.set_power_limit(900)
        with pytest.raises(UnsupportedOperation):
            await miner.send_config(MinerConfig(mining_mode=MiningModeConfig(MiningMode.SLEEP)))
    assert sim.state.requests.writes == []
    assert sim.state.mining is True


async def test_a_wrong_web_password_is_named(start_hiveon: StartHiveon) -> None:
    sim = await start_hiveon(password="changed-by-user")
    miner = await find_miner(sim.address, credentials=Credentials(password="root"), timeout=3)
    async with miner:
        with pytest.raises(MinerAuthenticationError):
            await miner.get_data()
        with pytest.raises(MinerAuthenticationError):
            await miner.fault_light_on()
    assert sim.state.fault_light is False
    given = Credentials(password="changed-by-user")
    async with await find_miner(sim.address, credentials=given, timeout=3) as miner:
        assert (await miner.get_data()).mac == sim.mac
