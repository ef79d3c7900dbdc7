"""IceRiver's pools and reboot over real sockets, sent as the panel's own pages send them
(the firmware's published user.c, machine.esp, base.js: controls.py): the pools taken into
the simulated KS3M's three slots with its fan settings sent back as read, what the
firmware cannot take refused before anything is sent, the reboot done and the login
taken again after it; the login the panel answers without a cookie, and the miner
program out of reach told from a wrong password. Sims on 127.0.118.10-39."""

from __future__ import annotations

import asyncio

import pytest

from custom_components.asic_miner.driver import (
    Capability,
    MinerAuthenticationError,
    MinerCommandError,
    UnsupportedOperation,
)
from custom_components.asic_miner.driver.config import MinerConfig, PoolConfig
from tests.simulator.iceriver.testing import StartIceRiver, addresses, connect, iceriver_fixture

start_iceriver = iceriver_fixture(addresses(118, 10, 39))
SOLO = "stratum+tcp://kas.solo.invalid:5555"
BACKUP = "stratum+ssl://kas.backup.invalid:443"


async def test_pools_are_written_into_the_three_slots(start_iceriver: StartIceRiver) -> None:
    sim = await start_iceriver()
    pools = [PoolConfig(SOLO, "kaspa:me.rig1", "pw1"), PoolConfig(BACKUP, "kaspa:me.rig1")]
    async with await connect(sim) as miner:
        assert {Capability.SEND_CONFIG, Capability.REBOOT} <= miner.capabilities
        await miner.get_data()
        sim.state.received.clear()
        await miner.send_config(MinerConfig(pools=pools))
        assert sim.state.received == [("machineconfig", "1"), ("machineconfig", "2")]
        assert [(p["addr"], p["user"], p["pass"]) for p in sim.state.pools] == [
            (SOLO, "kaspa:me.rig1", "pw1"),
            (BACKUP, "kaspa:me.rig1", "x"),
            ("", "", ""),  # the third slot emptied
        ]
        data = await miner.get_data()
        config = await miner.get_config()
    assert [(p.index, p.url) for p in data.pools] == [(0, SOLO), (1, BACKUP)]
    assert [(p.url, p.user, p.password) for p in config.pools] == [
        (SOLO, "kaspa:me.rig1", "pw1"),
        (BACKUP, "kaspa:me.rig1", "x"),
    ]
    # The fan fields go with the pools as the machine page read them (ratio 1, mode 1):
    # a build before 2023-09-16 applies them with the same request.
    form = sim.state.pool_forms[-1]
    assert (form["fanratio"], form["fanmode"], "fancontrol" in form) == ("1", "normal", False)


async def test_pools_set_from_what_the_miner_has_keep_their_passwords(
    start_iceriver: StartIceRiver,
) -> None:
    """update_config: the pools read back from the panel (with the password each slot
    holds), changed and written: the pool kept keeps its password."""
    sim = await start_iceriver()
    sim.state.pool_password = "KeptPoolPw3"
    async with await connect(sim) as miner:

        def second_only(config: MinerConfig) -> MinerConfig:
            config.pools = config.pools[1:2]
            return config

        await miner.update_config(second_only)
    assert [(p["addr"], p["pass"]) for p in sim.state.pools] == [
        ("stratum+tcp://asia-kas.2miners.com:2323", "KeptPoolPw3"),
        ("", ""),
        ("", ""),
    ]


@pytest.mark.parametrize(
    ("pools", "error", "match"),
    [
        ([PoolConfig(SOLO, "me", 'pa"ss')], ValueError, "quote or a backslash"),
        ([PoolConfig(SOLO, "me\\rig")], ValueError, "pool 1 user"),
        ([PoolConfig(SOLO, "me" * 900)], ValueError, "too long"),
        ([PoolConfig(SOLO, "me")] * 4, UnsupportedOperation, "3 pool slots"),
        ([PoolConfig("kas.solo.invalid", "me")], ValueError, "needs a port"),
    ],
)
async def test_pools_the_firmware_cannot_take_are_refused_unsent(
    start_iceriver: StartIceRiver, pools: list[PoolConfig], error: type[Exception], match: str
) -> None:
    sim = await start_iceriver()
    before = [dict(p) for p in sim.state.pools]
    async with await connect(sim) as miner:
        sim.state.received.clear()
        with pytest.raises(error, match=match) as caught:
            await miner.send_config(MinerConfig(pools=pools))
    assert 'pa"ss' not in str(caught.value)
    assert sim.state.received == []
    assert sim.state.pools == before


async def test_no_pools_leave_the_slots_as_they_are(start_iceriver: StartIceRiver) -> None:
    sim = await start_iceriver()
    async with await connect(sim) as miner:
        await miner.get_data()
        sim.state.received.clear()
        await miner.send_config(MinerConfig())
    assert sim.state.received == []


async def test_reboot_restarts_the_miner_and_the_next_poll_logs_in_again(
    start_iceriver: StartIceRiver,
) -> None:
    sim = await start_iceriver(reboot_seconds=0.3)
    async with await connect(sim) as miner:
        before = (await miner.get_data()).uptime
        logins = sim.state.logins
        await miner.reboot()
        assert sim.state.received[-1] == ("userpanel", "3")
        assert sim.state.restarts == 1
        for _ in range(50):
            await asyncio.sleep(0.1)
            if sim.online and sim.state.uptime() < 5:
                break
        data = await miner.get_data()
    assert before is not None
    assert data.uptime is not None
    assert data.uptime < before
    assert sim.state.logins == logins + 1


async def test_a_lost_login_is_taken_again_without_a_cookie(start_iceriver: StartIceRiver) -> None:
    """The panel sets no cookie (user.c): the miner program keeps the login; when it drops
    it, the command answers 1004, and one new login lets the command through."""
    sim = await start_iceriver()
    async with await connect(sim) as miner:
        await miner.fault_light_on()
        sim.state.expire_sessions()
        sim.state.received.clear()
        await miner.fault_light_off()
    assert sim.state.received == [("userpanel", "5"), ("loginpost", "6"), ("userpanel", "5")]
    assert sim.state.locate is False


async def test_the_miner_program_out_of_reach_is_no_wrong_password(
    start_iceriver: StartIceRiver,
) -> None:
    """With the miner program down the panel answers error 1 ("Connect miner failed!")
    and its login seems to work: a command error with that code, not an authentication
    error that would have the user change a right password."""
    sim = await start_iceriver()
    async with await connect(sim) as miner:
        await miner.get_data()
        sim.state.program_down = True
        sim.state.expire_sessions()
        for control in (miner.get_data(), miner.reboot()):
            with pytest.raises(MinerCommandError, match="error 1") as caught:
                await control
            assert not isinstance(caught.value, MinerAuthenticationError)
            assert caught.value.code == 1
        sim.state.program_down = False
        assert (await miner.get_data()).model == "KS3M"
