"""ePIC PowerPlay controls over real sockets, as the simulated miner receives them: each a
POST whose body carries the password; stop / autostart, the tuning targets, the fans, the
light, reboot and soft reboot, pools; values outside the miner's bounds refused before
anything is sent. Simulated miners on 127.0.97.21-60."""

from __future__ import annotations

import asyncio

import pytest

from custom_components.asic_miner.driver import (
    Capability,
    ChoiceKey,
    FanChoice,
    MinerConfig,
    MiningMode,
    MiningModeConfig,
    NumberKey,
    PoolConfig,
    UnsupportedOperation,
)
from custom_components.asic_miner.driver.config import FanConfig, FanMode
from tests.simulator.epic.testing import (
    S19XP,
    S19XP_POWER,
    StartEpic,
    addresses,
    connect,
    epic_fixture,
)

start_epic = epic_fixture(addresses(97, 21, 60))


def posts(sim: object) -> list[str]:
    return [path for method, path in sim.state.received if method == "POST"]  # type: ignore[attr-defined]


async def test_mining_stops_and_starts_again(start_epic: StartEpic) -> None:
    sim = await start_epic(S19XP)
    async with await connect(sim) as miner:
        assert {Capability.STOP_MINING, Capability.RESUME_MINING} <= miner.capabilities
        await miner.stop_mining()
        assert sim.state.posted[-1] == ("/miner", "Stop")
        assert (await miner.get_data()).is_mining is False
        await miner.resume_mining()
        assert sim.state.posted[-1] == ("/miner", "Autostart")
        assert (await miner.get_data()).is_mining is True


async def test_the_hashrate_target_keeps_the_algorithm_and_its_throttle(
    start_epic: StartEpic,
) -> None:
    sim = await start_epic(S19XP)
    async with await connect(sim) as miner:
        await miner.set_number(NumberKey.HASHRATE_TARGET, 120)
        assert sim.state.posted[-1] == (
            "/perpetualtune/algo",
            {"algo": "VoltageOptimizer", "target": 120, "min_throttle": 50, "throttle_step": 5},
        )
        data = await miner.get_data()
    assert data.settings.numbers[NumberKey.HASHRATE_TARGET].value == 120
    assert data.hashrate == pytest.approx(99.365848 * 120 / 143, rel=1e-3)


async def test_the_power_target_switches_to_the_power_algorithm(start_epic: StartEpic) -> None:
    sim = await start_epic(S19XP_POWER)
    async with await connect(sim) as miner:
        await miner.set_number(NumberKey.POWER_TARGET, 3000)
        data = await miner.get_data()
    assert (sim.state.algo, sim.state.target) == ("Power", 3000)
    assert data.settings.numbers[NumberKey.POWER_TARGET].value == 3000
    assert data.settings.numbers[NumberKey.HASHRATE_TARGET].value is None
    assert data.wattage_limit == 3000
    assert data.wattage == 3000


async def test_targets_outside_the_bounds_are_refused_before_sending(
    start_epic: StartEpic,
) -> None:
    sim = await start_epic(S19XP_POWER)
    async with await connect(sim) as miner:
        with pytest.raises(ValueError, match="between 1700 and 4400"):
            await miner.set_number(NumberKey.POWER_TARGET, 5000)
        with pytest.raises(ValueError, match="between 60 and 300"):
            await miner.set_number(NumberKey.HASHRATE_TARGET, 10)
        with pytest.raises(ValueError, match="must be a number"):
            await miner.set_number(NumberKey.FAN_SPEED, True)
    assert posts(sim) == []


async def test_the_captured_s19xp_has_no_power_target(start_epic: StartEpic) -> None:
    sim = await start_epic(S19XP)
    async with await connect(sim) as miner:
        with pytest.raises(UnsupportedOperation):
            await miner.set_number(NumberKey.POWER_TARGET, 3000)
        with pytest.raises(UnsupportedOperation):
            await miner.set_choice(ChoiceKey.PRESET, "x")
    assert posts(sim) == []


async def test_fan_speed_is_manual_and_auto_comes_back_with_its_target(
    start_epic: StartEpic,
) -> None:
    sim = await start_epic(S19XP)
    async with await connect(sim) as miner:
        await miner.set_number(NumberKey.FAN_SPEED, 70)
        assert sim.state.posted[-1] == ("/fanspeed", {"Manual": 70})
        data = await miner.get_data()
        assert data.settings.choices[ChoiceKey.FAN_MODE].current == FanChoice.MANUAL
        assert (data.fan_percent, data.settings.numbers[NumberKey.FAN_SPEED].value) == (70, 70)
        await miner.set_choice(ChoiceKey.FAN_MODE, FanChoice.AUTO)
        # the Auto figures the miner showed before it went manual are not in its summary
        # now: ePIC's own example figures are sent
        assert sim.state.posted[-1] == (
            "/fanspeed",
            {"Auto": {"Target Temperature": 60, "Idle Speed": 100}},
        )
        assert (await miner.get_data()).settings.choices[ChoiceKey.FAN_MODE].current == "auto"
        await miner.set_choice(ChoiceKey.FAN_MODE, FanChoice.MANUAL)
        assert sim.state.posted[-1] == ("/fanspeed", {"Manual": 100})
        with pytest.raises(ValueError, match="must be one of"):
            await miner.set_choice(ChoiceKey.FAN_MODE, "immersion")


async def test_the_light_turns_on_and_off(start_epic: StartEpic) -> None:
    sim = await start_epic(S19XP)
    async with await connect(sim) as miner:
        await miner.fault_light_on()
        assert sim.state.locate is True
        assert (await miner.get_data()).fault_light is True
        await miner.fault_light_off()
        assert await miner.check_light() is False
    assert [p for p in sim.state.posted if p[0] == "/identify"] == [
        ("/identify", True),
        ("/identify", False),
    ]


async def test_soft_reboot_restarts_the_mining_session(start_epic: StartEpic) -> None:
    sim = await start_epic(S19XP)
    async with await connect(sim) as miner:
        await miner.restart_backend()
        data = await miner.get_data()
        # SoftRebooting: still switched on, no hashrate, a new session
        assert (data.is_mining, data.hashrate, data.shares_accepted) == (True, 0.0, 0)
        await asyncio.sleep(0.35)
        assert (await miner.get_data()).hashrate == pytest.approx(99.365848)
    assert sim.state.posted[-1] == ("/softreboot", None)


async def test_reboot_takes_the_miner_away_and_it_comes_back(start_epic: StartEpic) -> None:
    sim = await start_epic(S19XP, reboot_seconds=0.2)
    async with await connect(sim) as miner:
        await miner.get_data()
        await miner.reboot()
        assert sim.state.posted[-1] == ("/reboot", 0)
        await asyncio.sleep(0.15)
        assert not sim.online
        await asyncio.sleep(0.4)
        sim.state.received.clear()
        data = await miner.get_data()
    assert data.model == "S19 XP"
    # after a reboot the static replies are read again
    assert ("GET", "/capabilities") in sim.state.received


async def test_pools_are_sent_with_the_coin_and_a_kept_password(start_epic: StartEpic) -> None:
    sim = await start_epic(S19XP)
    sim.state.stratum_configs[0]["password"] = "pool-secret"
    async with await connect(sim) as miner:
        current = await miner.get_config()
        await miner.send_config(
            MinerConfig(
                pools=[
                    PoolConfig(current.pools[0].url, current.pools[0].user),  # password kept
                    PoolConfig("stratum+tcp://backup.example:3333", "me.w1", "p2"),
                ]
            )
        )
        config = await miner.get_config()
    assert sim.state.posted[-1][0] == "/coin"
    assert sim.state.stratum_configs == [
        {
            "login": sim.state.worker,
            "password": "pool-secret",
            "pool": "stratum+tcp://mine.ocean.xyz:3334",
        },
        {"login": "me.w1", "password": "p2", "pool": "stratum+tcp://backup.example:3333"},
    ]
    assert sim.state.posted[-1][1]["coin"] == "BTC"
    assert [p.user for p in config.pools] == [sim.state.worker, "me.w1"]


async def test_send_config_sleep_and_manual_fans(start_epic: StartEpic) -> None:
    sim = await start_epic(S19XP)
    async with await connect(sim) as miner:
        await miner.send_config(
            MinerConfig(
                fan=FanConfig(FanMode.MANUAL, 40),
                mining_mode=MiningModeConfig(MiningMode.SLEEP),
            )
        )
        with pytest.raises(UnsupportedOperation):
            await miner.send_config(MinerConfig(mining_mode=MiningModeConfig(MiningMode.HIGH)))
        with pytest.raises(UnsupportedOperation):
            await miner.send_config(MinerConfig(fan=FanConfig(FanMode.IMMERSION)))
        with pytest.raises(UnsupportedOperation):
            await miner.send_config(MinerConfig(pools=[PoolConfig("stratum+tcp://a:1", "u")] * 4))
    assert sim.state.fan_mode == {"Manual": 40}
    assert sim.state.operating_state == "Idling"


async def test_a_command_the_miner_refuses_is_an_error(start_epic: StartEpic) -> None:
    from custom_components.asic_miner.driver.errors import MinerCommandError

    sim = await start_epic(S19XP)
    async with await connect(sim) as miner:
        with pytest.raises(MinerCommandError, match="MissingParam"):
            await miner.api.post("/miner", "Pause")  # type: ignore[attr-defined]
