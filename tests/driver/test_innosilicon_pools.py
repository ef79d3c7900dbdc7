"""Innosilicon's pools over real sockets against the simulated A9 ZMaster: read from the
web API's ``pools`` (behind its JWT login), written with ``updatePools`` (three slots), and
then mined with: the RPC's pools reply, which every poll reads, lists the new ones. What
the firmware cannot take (a fourth pool, a bad URL, a mining or fan mode, a power mode)
is refused before anything is sent. Sims on 127.0.116.10-29."""

from __future__ import annotations

from dataclasses import replace

import pytest

from custom_components.asic_miner.driver import (
    Capability,
    MinerConfig,
    PoolConfig,
    PowerMode,
    UnsupportedOperation,
    find_miner,
)
from custom_components.asic_miner.driver.config import (
    FanConfig,
    FanMode,
    MiningMode,
    MiningModeConfig,
)
from tests.simulator.innosilicon import captures
from tests.simulator.innosilicon.testing import StartInno, addresses, inno_fixture

start_inno = inno_fixture(addresses(116, 10, 29))

MAIN = PoolConfig("stratum+tcp://zec.pool.invalid:3357", "me.a9", "MainPw")
BACKUP = PoolConfig("stratum+tcp://backup.pool.invalid:4444", "me.a9b", "BackupPw")


async def test_the_pools_are_read_from_the_web_api(start_inno: StartInno) -> None:
    sim = await start_inno()
    async with await find_miner(sim.address, timeout=3) as miner:
        assert {Capability.GET_CONFIG, Capability.SEND_CONFIG} <= miner.capabilities
        config = await miner.get_config()
    assert [(p.url, p.user, p.password) for p in config.pools] == [
        (p["URL"], p["User"], captures.PEER_POOL_PASSWORD) for p in captures.POOLS
    ]
    assert "web pools" in sim.state.received


async def test_new_pools_are_written_and_then_mined_with(start_inno: StartInno) -> None:
    sim = await start_inno()
    async with await find_miner(sim.address, timeout=3) as miner:
        await miner.get_data()
        await miner.send_config(MinerConfig(pools=[MAIN, BACKUP]))
        assert sim.state.pools == [
            {"url": MAIN.url, "user": MAIN.user, "pass": MAIN.password},
            {"url": BACKUP.url, "user": BACKUP.user, "pass": BACKUP.password},
        ]
        data = await miner.get_data()
        read_back = await miner.get_config()
    # The poll reads the RPC's pools: the first slot is the one mined with.
    assert [(p.url, p.user, p.active) for p in data.pools] == [
        (MAIN.url, MAIN.user, True),
        (BACKUP.url, BACKUP.user, False),
    ]
    assert read_back.pools == [MAIN, BACKUP]


async def test_one_pool_changed_keeps_the_others_as_read(start_inno: StartInno) -> None:
    """update_config (Home Assistant's set_pools) reads the pools and writes them back with
    the change: the slots not changed keep their URL, worker and password."""
    sim = await start_inno()
    async with await find_miner(sim.address, timeout=3) as miner:
        await miner.update_config(lambda c: replace(c, pools=[MAIN, *c.pools[1:]]))
    assert [(p["url"], p["user"], p["pass"]) for p in sim.state.pools] == [
        (MAIN.url, MAIN.user, MAIN.password),
        *((p["URL"], p["User"], captures.PEER_POOL_PASSWORD) for p in captures.POOLS[1:]),
    ]


async def test_the_pool_write_renews_an_expired_token(start_inno: StartInno) -> None:
    sim = await start_inno()
    async with await find_miner(sim.address, timeout=3) as miner:
        await miner.get_data()  # logged in for the MAC
        sim.state.tokens.clear()  # the firmware forgot the token: "expired"
        await miner.send_config(MinerConfig(pools=[BACKUP]))
    assert sim.state.received.count("web auth") == 2
    assert sim.state.received.count("web updatePools") == 2  # refused, then sent again
    assert [p["url"] for p in sim.state.pools] == [BACKUP.url]


@pytest.mark.parametrize(
    ("config", "error", "message"),
    [
        (MinerConfig(pools=[MAIN, BACKUP, MAIN, BACKUP]), UnsupportedOperation, "3 pool slots"),
        (MinerConfig(pools=[PoolConfig("zec.pool.invalid", "me")]), ValueError, "port"),
        (MinerConfig(pools=[PoolConfig("stratum+tcp://a.invalid:1", "")]), ValueError, "user"),
        (
            MinerConfig(pools=[MAIN], mining_mode=MiningModeConfig(MiningMode.SLEEP)),
            UnsupportedOperation,
            "mining mode sleep",
        ),
        (
            MinerConfig(pools=[MAIN], fan=FanConfig(FanMode.MANUAL, 80)),
            UnsupportedOperation,
            "fan mode manual",
        ),
    ],
)
async def test_what_it_cannot_take_is_refused_unsent(
    start_inno: StartInno, config: MinerConfig, error: type[Exception], message: str
) -> None:
    sim = await start_inno()
    async with await find_miner(sim.address, timeout=3) as miner:
        sim.state.received.clear()
        with pytest.raises(error, match=message) as caught:
            await miner.send_config(config)
    assert "MainPw" not in str(caught.value)
    assert sim.state.received == []
    assert [p["url"] for p in sim.state.pools] == [p["URL"] for p in captures.POOLS]


async def test_no_power_mode_is_offered(start_inno: StartInno) -> None:
    """No public source shows the firmware's power mode nor a command to set one."""
    sim = await start_inno()
    async with await find_miner(sim.address, timeout=3) as miner:
        assert Capability.POWER_MODE not in miner.capabilities
        data = await miner.get_data()
        sim.state.received.clear()
        with pytest.raises(UnsupportedOperation, match=r"Innosilicon.*power_mode"):
            await miner.set_power_mode(PowerMode.LOW)
    assert data.settings.choices == {}
    assert sim.state.received == []
