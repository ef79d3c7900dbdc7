"""LuxOS controls over real sockets, as the simulated S19k Pro receives them: sleep and
wakeup (curtail), a profile (ATM off for the change and on again), the power target on
the profiles' watts, ATM, each hashboard shut down and started again, fan speed, LED,
reboot and LUXminer's restart, pools; values outside what the miner offers refused before
anything is sent. Simulated miners on 127.0.95.21-60."""

from __future__ import annotations

import asyncio

import pytest

from custom_components.asic_miner.driver import (
    ChoiceKey,
    FanConfig,
    FanMode,
    MinerCommandError,
    MinerConfig,
    MiningMode,
    MiningModeConfig,
    NumberKey,
    PoolConfig,
    SwitchKey,
    UnsupportedOperation,
    hashboard_key,
)
from tests.simulator.luxos.testing import StartLuxos, addresses, connect, luxos_fixture

start_luxos = luxos_fixture(addresses(95, 21, 60))


def changes(sim: object) -> list[str]:
    """The commands received, without those that open the session."""
    received: list[str] = sim.state.received  # type: ignore[attr-defined]
    return [c for c in received if c not in ("session", "logon")]


async def test_stop_mining_puts_the_miner_to_sleep_and_resume_wakes_it(
    start_luxos: StartLuxos,
) -> None:
    sim = await start_luxos(ramp_seconds=0.2)
    async with await connect(sim) as miner:
        await miner.stop_mining()
        data = await miner.get_data()
        assert sim.state.curtailed
        assert data.is_mining is False
        assert data.hashrate == 0
        assert data.wattage == 0
        assert all(b.hashrate == 0 for b in data.hashboards)
        assert data.errors == []  # asleep on purpose: no problem
        await miner.resume_mining()
        assert (await miner.get_data()).is_mining is True
        await asyncio.sleep(0.3)  # the boards ramp first
        assert (await miner.get_data()).hashrate == pytest.approx(59.756, abs=0.01)


async def test_a_profile_is_set_with_atm_off_for_the_change(start_luxos: StartLuxos) -> None:
    sim = await start_luxos(ramp_seconds=0.2)
    async with await connect(sim) as miner:
        await miner.get_data()
        sim.state.received.clear()
        await miner.set_choice(ChoiceKey.PRESET, "415MHz (1785 W, 85.7 TH/s)")
        assert changes(sim) == ["atmset", "profileset", "atmset"]
        assert sim.state.profile == "415MHz"
        assert sim.state.atm
        data = await miner.get_data()
        assert data.hashrate == 0  # ramping to the new profile: mining restarts
        await asyncio.sleep(0.3)
        data = await miner.get_data()
    assert data.settings.choices[ChoiceKey.PRESET].current == "415MHz (1785 W, 85.7 TH/s)"
    assert data.hashrate == pytest.approx(59.756 * 85.7 / 59.8, rel=0.01)
    assert data.wattage_limit == 1785


async def test_with_atm_off_a_profile_is_set_alone(start_luxos: StartLuxos) -> None:
    sim = await start_luxos()
    sim.state.atm = False
    async with await connect(sim) as miner:
        await miner.get_data()
        sim.state.received.clear()
        await miner.set_choice(ChoiceKey.PRESET, "default (2794 W, 121.8 TH/s)")
    assert changes(sim) == ["profileset"]
    assert sim.state.profile == "default"
    assert not sim.state.atm


async def test_power_target_picks_the_profile_of_most_watts_at_or_below(
    start_luxos: StartLuxos,
) -> None:
    sim = await start_luxos()
    async with await connect(sim) as miner:
        await miner.get_data()
        await miner.set_number(NumberKey.POWER_TARGET, 2000)
        assert sim.state.profile == "440MHz"  # 1916 W; 465MHz draws 2052 W
        target = (await miner.get_data()).settings.numbers[NumberKey.POWER_TARGET]
        assert target.value == 1916
        assert target.attributes == (("profile", "440MHz"),)
        with pytest.raises(ValueError, match="between 784 and 4195 W"):
            await miner.set_number(NumberKey.POWER_TARGET, 500)
    assert sim.state.profile == "440MHz"


async def test_atm_switch(start_luxos: StartLuxos) -> None:
    sim = await start_luxos()
    async with await connect(sim) as miner:
        await miner.set_switch(SwitchKey.ATM, False)
        assert not sim.state.atm
        assert (await miner.get_data()).settings.switches[SwitchKey.ATM].on is False
        await miner.set_switch(SwitchKey.ATM, True)
    assert sim.state.atm


async def test_a_board_switched_off_stops_and_the_others_keep_hashing(
    start_luxos: StartLuxos,
) -> None:
    sim = await start_luxos(ramp_seconds=0.2)
    async with await connect(sim) as miner:
        before = await miner.get_data()
        await miner.set_switch(hashboard_key(1), False)
        data = await miner.get_data()
        boards = {b.slot: b for b in data.hashboards}
        assert sim.state.shutdown == {1}
        assert boards[1].hashrate == 0
        assert boards[0].hashrate == before.hashboards[0].hashrate
        assert data.settings.switches[hashboard_key(1)].on is False
        assert data.is_mining is True
        assert data.errors == []
        assert data.wattage == pytest.approx(1051 * 2 / 3, abs=1)
        await miner.set_switch(hashboard_key(1), True)
        await asyncio.sleep(0.3)
        data = await miner.get_data()
    assert sim.state.shutdown == set()
    assert data.settings.switches[hashboard_key(1)].on is True
    assert data.hashboards[1].hashrate


async def test_a_board_cannot_be_switched_while_the_miner_sleeps(
    start_luxos: StartLuxos,
) -> None:
    sim = await start_luxos()
    async with await connect(sim) as miner:
        await miner.get_data()
        await miner.stop_mining()
        with pytest.raises(MinerCommandError, match="curtail mode is idle or sleep"):
            await miner.set_switch(hashboard_key(0), False)
    assert sim.state.shutdown == set()


async def test_enableboard_answers_but_changes_nothing_so_the_driver_uses_reboot(
    start_luxos: StartLuxos,
) -> None:
    """The firmware quirk the board switches avoid (PV-Miner, LUXminer 2025.10.15)."""
    sim = await start_luxos()
    async with await connect(sim) as miner:
        await miner.get_data()
        reply = await miner.api.command("disableboard", "0")  # type: ignore[attr-defined]
        assert reply["STATUS"][0]["Msg"] == "Board disabled"
        assert sim.state.shutdown == set()
        sim.state.received.clear()
        await miner.set_switch(hashboard_key(0), False)
    assert changes(sim) == ["reboot"]
    assert sim.state.shutdown == {0}


async def test_fan_speed_and_light(start_luxos: StartLuxos) -> None:
    sim = await start_luxos()
    async with await connect(sim) as miner:
        await miner.set_number(NumberKey.FAN_SPEED, 65)
        assert sim.state.fan_speed == 65
        await miner.fault_light_on()
        assert sim.state.red_led == "blink"
        assert (await miner.get_data()).fault_light is True
        await miner.fault_light_off()
        assert sim.state.red_led == "auto"
        assert (await miner.get_data()).fault_light is False


async def test_reboot_and_restart_of_luxminer(start_luxos: StartLuxos) -> None:
    sim = await start_luxos()
    async with await connect(sim) as miner:
        await miner.get_data()
        await miner.restart_backend()
        assert sim.state.received[-1] == "resetminer"
        await miner.reboot()
        await asyncio.sleep(0.2)
        assert not sim.online
        await asyncio.sleep(0.4)
        assert sim.online
        assert (await miner.get_data()).uptime is not None


async def test_a_switch_the_poll_lacks_is_unsupported(start_luxos: StartLuxos) -> None:
    sim = await start_luxos()
    async with await connect(sim) as miner:
        with pytest.raises(UnsupportedOperation):
            await miner.set_switch(hashboard_key(7), False)
        with pytest.raises(UnsupportedOperation):
            await miner.set_choice(ChoiceKey.FREQUENCY, "500")
        with pytest.raises(UnsupportedOperation):
            await miner.set_number(NumberKey.THROTTLE, 50)
        with pytest.raises(ValueError, match="must be one of"):
            await miner.set_choice(ChoiceKey.PRESET, "999MHz")
    assert "profileset" not in sim.state.received


async def test_pools_are_read_and_replaced_in_the_first_group(start_luxos: StartLuxos) -> None:
    sim = await start_luxos()
    async with await connect(sim) as miner:
        config = await miner.get_config()
        assert [(p.url, p.user) for p in config.pools] == [
            ("stratum+tcp://ca.stratum.braiins.com:3333", "asic-rs.user1"),
            ("stratum+tcp://stratum.braiins.com:3333", "asic-rs.user1"),
        ]
        wanted = [
            PoolConfig("stratum+tcp://pool.example.org:3333", "me.rig1", "pw1"),
            PoolConfig("stratum+tcp://backup.example.org:443", "me.rig1", "pw2"),
        ]
        await miner.send_config(MinerConfig(pools=wanted))
        after = await miner.get_config()
        data = await miner.get_data()
    assert [(p.url, p.user) for p in after.pools] == [(p.url, p.user) for p in wanted]
    first = [p["POOL"] for p in sim.state.pools if p["GROUP"] == 0]
    assert [sim.state.pool_passwords[n] for n in first] == ["pw1", "pw2"]
    # the second group (asic-rs.user2) is left as it was
    assert [p.user for p in data.pools].count("asic-rs.user2") == 2
    assert [p.index for p in data.pools] == [0, 1, 2, 3]


async def test_the_same_pools_are_not_sent_again(start_luxos: StartLuxos) -> None:
    sim = await start_luxos()
    async with await connect(sim) as miner:
        config = await miner.get_config()
        sim.state.received.clear()
        await miner.send_config(config)
    assert sim.state.received == ["pools"]


async def test_a_configuration_luxos_cannot_take_is_refused_unsent(
    start_luxos: StartLuxos,
) -> None:
    sim = await start_luxos()
    pool = PoolConfig("stratum+tcp://pool.example.org:3333", "me.rig1")
    async with await connect(sim) as miner:
        sim.state.received.clear()
        with pytest.raises(UnsupportedOperation):
            await miner.send_config(MinerConfig(pools=[pool] * 4))
        with pytest.raises(UnsupportedOperation):
            await miner.send_config(MinerConfig(fan=FanConfig(FanMode.MANUAL, 50)))
        with pytest.raises(UnsupportedOperation):
            await miner.send_config(
                MinerConfig(mining_mode=MiningModeConfig(MiningMode.POWER_TARGET, 2000))
            )
        assert sim.state.received == []
        await miner.send_config(MinerConfig(mining_mode=MiningModeConfig(MiningMode.SLEEP)))
    assert sim.state.curtailed
