"""Goldshell controls seen at the simulated miner: a power plan chosen by the name the
miner lists, sleep (the level-3 plan) and back to the plan it left, pools replaced with
delpool/newpool, a restart; what the firmware lacks refused unsent. Simulated miners on
127.0.103.40-69."""

from __future__ import annotations

import pytest

from custom_components.asic_miner.driver import (
    ChoiceKey,
    MinerConfig,
    MiningMode,
    MiningModeConfig,
    PoolConfig,
    UnsupportedOperation,
)
from tests.simulator.goldshell.testing import (
    SCLITE,
    StartGoldshell,
    addresses,
    connect,
    goldshell_fixture,
)

start_goldshell = goldshell_fixture(addresses(103, 40, 69))
SC5 = "goldshell-sc5proii"
LOW = "513 MHz 10700 V 50 RPM 50 RPM PV 11900"


async def test_a_power_plan_is_chosen_by_its_name(start_goldshell: StartGoldshell) -> None:
    sim = await start_goldshell(SC5)
    async with await connect(sim) as miner:
        await miner.set_choice(ChoiceKey.POWER_PLAN, LOW)
        data = await miner.get_data()
    assert sim.state.setting["select"] == 1
    assert ("PUT", "/mcb/setting") in sim.state.received
    assert data.settings.choices[ChoiceKey.POWER_PLAN].current == LOW


async def test_a_plan_the_miner_does_not_list_is_refused_unsent(
    start_goldshell: StartGoldshell,
) -> None:
    sim = await start_goldshell(SC5)
    async with await connect(sim) as miner:
        with pytest.raises(ValueError, match="must be one of"):
            await miner.set_choice(ChoiceKey.POWER_PLAN, "0 MHz 0 V 100 RPM 100 RPM")
        with pytest.raises(UnsupportedOperation):
            await miner.set_choice(ChoiceKey.FAN_MODE, "auto")
    assert ("PUT", "/mcb/setting") not in sim.state.received
    assert sim.state.setting["select"] == 0


async def test_sleep_and_resume_return_to_the_plan_it_left(
    start_goldshell: StartGoldshell,
) -> None:
    sim = await start_goldshell(SC5)
    async with await connect(sim) as miner:
        await miner.set_choice(ChoiceKey.POWER_PLAN, LOW)
        await miner.stop_mining()
        assert sim.state.asleep
        assert sim.state.setting["select"] == 2
        assert (await miner.get_data()).is_mining is False
        await miner.resume_mining()
    assert not sim.state.asleep
    assert sim.state.setting["select"] == 1  # the low plan, not the normal one


async def test_resume_after_a_restart_of_the_driver_takes_the_normal_plan(
    start_goldshell: StartGoldshell,
) -> None:
    sim = await start_goldshell(SC5)
    sim.state.setting["select"] = 2
    async with await connect(sim) as miner:
        await miner.resume_mining()
    assert sim.state.setting["select"] == 0


async def test_pools_are_replaced_and_sleep_sent_in_one_config(
    start_goldshell: StartGoldshell,
) -> None:
    sim = await start_goldshell(SCLITE)
    pools = [
        PoolConfig("stratum+tcp://a.example.com:3333", "me.1", "p1"),
        PoolConfig("stratum+tcp://b.example.com:3333", "me.2", "p2"),
    ]
    async with await connect(sim) as miner:
        await miner.send_config(
            MinerConfig(pools=pools, mining_mode=MiningModeConfig(MiningMode.SLEEP))
        )
        config = await miner.get_config()
    assert [(p["url"], p["user"], p["pass"]) for p in sim.state.pools] == [
        (p.url, p.user, p.password) for p in pools
    ]
    assert sim.state.asleep
    assert config.pools == pools
    assert config.mining_mode.mode is MiningMode.SLEEP
    methods = [entry for entry in sim.state.received if entry[0] == "PUT"]
    assert methods[:3] == [
        ("PUT", "/mcb/delpool"),
        ("PUT", "/mcb/newpool"),
        ("PUT", "/mcb/newpool"),
    ]


async def test_a_power_target_or_four_pools_are_refused_unsent(
    start_goldshell: StartGoldshell,
) -> None:
    sim = await start_goldshell(SCLITE)
    async with await connect(sim) as miner:
        with pytest.raises(UnsupportedOperation):
            await miner.send_config(
                MinerConfig(mining_mode=MiningModeConfig(MiningMode.POWER_TARGET, 800))
            )
        with pytest.raises(UnsupportedOperation, match="3 pool slots"):
            await miner.send_config(
                MinerConfig(
                    pools=[PoolConfig(f"stratum+tcp://p{n}.example.com:1", "u") for n in range(4)]
                )
            )
        for unsupported in (miner.restart_backend, miner.fault_light_on):
            with pytest.raises(UnsupportedOperation):
                await unsupported()
        with pytest.raises(UnsupportedOperation):
            await miner.set_power_limit(800)
    assert not [entry for entry in sim.state.received if entry[0] == "PUT"]


async def test_reboot_restarts_the_controller(start_goldshell: StartGoldshell) -> None:
    sim = await start_goldshell(SCLITE)
    async with await connect(sim) as miner:
        await miner.reboot()
    assert sim.state.restarts == 1
    assert ("PUT", "/mcb/restart") in sim.state.received


async def test_sleep_when_asleep_and_resume_when_mining_send_nothing(
    start_goldshell: StartGoldshell,
) -> None:
    sim = await start_goldshell(SC5)
    async with await connect(sim) as miner:
        await miner.resume_mining()
        sim.state.setting["select"] = 2
        await miner.stop_mining()
        with pytest.raises(ValueError, match="must be one of"):
            await miner.set_choice(ChoiceKey.POWER_PLAN, 1)  # type: ignore[arg-type]
    assert ("PUT", "/mcb/setting") not in sim.state.received
