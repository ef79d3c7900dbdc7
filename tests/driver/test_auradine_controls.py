"""Auradine Teraflux on FluxOS, over real sockets: the pools read and replaced, the fans'
speed read and set, the configuration's fan, sleep and power target sent, values FluxOS
cannot take refused before anything is sent; and the later polls, which leave ipreport
out until the uptime stops following the clock (a reboot, another miner at the address).
Simulated miners on 127.0.114.10-49."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable

import pytest

from custom_components.asic_miner.driver import NumberKey, UnsupportedOperation
from custom_components.asic_miner.driver.config import (
    FanConfig,
    FanMode,
    MinerConfig,
    MiningMode,
    MiningModeConfig,
    PoolConfig,
)
from custom_components.asic_miner.driver.errors import MinerConnectionError, MinerProtocolError
from tests.simulator.auradine import captures
from tests.simulator.auradine.miner import AuradineSim
from tests.simulator.auradine.testing import AT1500, AT2880, addresses, auradine_fixture, connect
from tests.simulator.faults import Fault

StartAuradine = Callable[..., Awaitable[AuradineSim]]
start_auradine = auradine_fixture(addresses(114, 10, 49))

MAIN = PoolConfig("stratum+tcp://main.pool.example:3333", "me.rig1", "mainpw")
BACKUP = PoolConfig("stratum+ssl://backup.pool.example:443", "me.rig1", "")


def _gets(sim: AuradineSim, name: str) -> int:
    return sum(1 for method, path, _ in sim.state.received if (method, path) == ("GET", name))


async def test_the_pools_are_read_and_replaced(start_auradine: StartAuradine) -> None:
    sim = await start_auradine(AT1500)
    async with await connect(sim) as miner:
        before = await miner.get_config()
        assert [(p.url, p.user) for p in before.pools] == sim.state.pools
        await miner.send_config(MinerConfig(pools=[MAIN, BACKUP]))
        assert sim.state.pools == [(MAIN.url, MAIN.user), (BACKUP.url, BACKUP.user)]
        # an empty password goes as "x", as asic-rs sends it
        assert sim.state.pool_passwords == ["mainpw", "x"]
        after = await miner.get_config()
        data = await miner.get_data()
    assert [(p.url, p.user) for p in after.pools] == sim.state.pools
    assert [p.url for p in data.pools] == [MAIN.url, BACKUP.url]
    assert data.pools[0].active


async def test_the_pools_are_read_from_the_web_when_the_rpc_is_closed(
    start_auradine: StartAuradine,
) -> None:
    sim = await start_auradine(AT2880)
    async with await connect(sim) as miner:
        await sim._rpc.stop()
        config = await miner.get_config()
    assert [(p.url, p.user) for p in config.pools] == sim.state.pools
    assert _gets(sim, "pools") == 1


async def test_pools_it_cannot_take_are_refused_unsent(start_auradine: StartAuradine) -> None:
    sim = await start_auradine(AT1500)
    pools = sim.state.pools[:]
    async with await connect(sim) as miner:
        await miner.get_data()
        heard = len(sim.state.received)
        with pytest.raises(UnsupportedOperation, match="3 pool slots"):
            await miner.send_config(MinerConfig(pools=[MAIN] * 4))
        with pytest.raises(ValueError, match="port"):
            await miner.send_config(MinerConfig(pools=[PoolConfig("stratum+tcp://nope", "u")]))
        with pytest.raises(UnsupportedOperation, match="mining mode low"):
            await miner.send_config(MinerConfig(mining_mode=MiningModeConfig(MiningMode.LOW)))
        too_much = MiningModeConfig(MiningMode.POWER_TARGET, power_target=9000)
        with pytest.raises(ValueError, match="between 1500 and 3452"):
            await miner.send_config(MinerConfig(pools=[MAIN], mining_mode=too_much))
        assert len(sim.state.received) == heard
    assert sim.state.pools == pools


async def test_the_fan_speed_is_shown_and_set_on_every_fan(start_auradine: StartAuradine) -> None:
    sim = await start_auradine(AT1500)
    async with await connect(sim) as miner:
        number = (await miner.get_data()).settings.numbers[NumberKey.FAN_SPEED]
        # fan.json: Target 7000 of Max 7700 RPM, as pyasic reads it (91 %)
        assert (number.value, number.minimum, number.maximum, number.unit) == (91, 0, 100, "%")
        await miner.set_number(NumberKey.FAN_SPEED, 50)
        assert sim.state.fan_target_rpm == 3850
        data = await miner.get_data()
        heard = len(sim.state.received)
        with pytest.raises(ValueError, match="between 0 and 100"):
            await miner.set_number(NumberKey.FAN_SPEED, 101)
        assert len(sim.state.received) == heard
    assert data.settings.numbers[NumberKey.FAN_SPEED].value == 50
    # every fan slowed down with its target (the captured speeds, scaled)
    assert [f.speed for f in data.fans] == [round(s * 3850 / 7000) for s in captures.FAN_SPEEDS]
    assert ("POST", "fan", {"percentage": 50, "command": "fan"}) in sim.state.received


async def test_the_fan_speed_before_any_poll_reads_the_fans_first(
    start_auradine: StartAuradine,
) -> None:
    sim = await start_auradine(AT2880)
    async with await connect(sim) as miner:
        await miner.set_number(NumberKey.FAN_SPEED, 70)
    assert sim.state.fan_target_rpm == 5390


async def test_a_configuration_sets_the_fans_the_power_target_and_sleep(
    start_auradine: StartAuradine,
) -> None:
    sim = await start_auradine(AT1500)
    async with await connect(sim) as miner:
        target = MiningModeConfig(MiningMode.POWER_TARGET, power_target=2500)
        await miner.send_config(MinerConfig(fan=FanConfig(FanMode.MANUAL, 60), mining_mode=target))
        assert (sim.state.fan_target_rpm, sim.state.power_target) == (4620, 2500)
        assert not sim.state.sleeping
        await miner.send_config(MinerConfig(mining_mode=MiningModeConfig(MiningMode.SLEEP)))
        assert sim.state.sleeping
        await miner.send_config(MinerConfig(fan=FanConfig(FanMode.IMMERSION)))
        assert sim.state.fan_target_rpm == 0  # fans off, as pyasic's immersion setting
        received = len(sim.state.received)
        await miner.send_config(MinerConfig())  # normal fan and mining: nothing to change
        assert len(sim.state.received) == received
    assert sim.state.pools[0][0] == "stratum+tcp://btc.viabtc.io:3333"  # pools untouched


async def test_later_polls_read_ipreport_again_only_after_a_reboot(
    start_auradine: StartAuradine,
) -> None:
    sim = await start_auradine(AT1500, reboot_seconds=0.2)
    async with await connect(sim) as miner:
        first = await miner.get_data()
        await miner.get_data()
        data = await miner.get_data()
        assert _gets(sim, "ipreport") == 1
        assert (data.mac, data.serial_number, data.fw_ver) == (
            first.mac,
            first.serial_number,
            first.fw_ver,
        )
        assert [b.serial_number for b in data.hashboards] == captures.IPREPORT["HBSerialNo"]
        await miner.reboot()
        await asyncio.sleep(0.6)
        await miner.get_data()
    assert _gets(sim, "ipreport") == 2


async def test_another_miner_at_the_address_is_named_by_its_own_mac(
    start_auradine: StartAuradine,
) -> None:
    sim = await start_auradine(AT1500)
    async with await connect(sim) as miner:
        assert (await miner.get_data()).mac == sim.mac.upper()
        await sim.go_offline()
        other = AuradineSim(AT1500, sim.address, mac="1c:00:00:aa:bb:cc")
        other.state.booted = time.monotonic() - 600  # up for ten minutes, not this one's days
        other.state.uptime_before_start = 0
        async with other:
            data = await miner.get_data()
        assert data.mac == "1C:00:00:AA:BB:CC"
        await sim.come_back()
        assert (await miner.get_data()).mac == sim.mac.upper()


async def test_a_later_poll_without_the_web_fails(start_auradine: StartAuradine) -> None:
    """ipreport is not asked for, but the web is still the miner's own API: with none of
    its answers the poll fails, as the first poll does."""
    sim = await start_auradine(AT1500)
    async with await connect(sim) as miner:
        await miner.get_data()
        sim.set_fault(Fault.GARBAGE, protocol="http")
        with pytest.raises(MinerProtocolError):
            await miner.get_data()
        sim.clear_faults()
        await sim._web.stop()
        with pytest.raises(MinerConnectionError):
            await miner.get_data()


async def test_without_the_rpc_ipreport_is_read_with_every_poll(
    start_auradine: StartAuradine,
) -> None:
    """No uptime to go by: the identity is read beside the rest, until the RPC is back."""
    sim = await start_auradine(AT1500)
    async with await connect(sim) as miner:
        await miner.get_data()
        await sim._rpc.stop()
        macs = [(await miner.get_data()).mac for _ in range(2)]
        assert macs == [sim.mac.upper()] * 2
        assert _gets(sim, "ipreport") == 3
        await sim._rpc.start()
        await miner.get_data()  # the uptime known again, ipreport read with it once more
        await miner.get_data()
    assert _gets(sim, "ipreport") == 4
