"""MARA firmware controls over real sockets, each seen at the simulated miner: pause and
resume (the work mode a pause left comes back), the power target within its bounds (and
nothing sent outside them), the fault light, reboot, a mining restart, pools and the
configuration; what MARA lacks raises UnsupportedOperation. The miner is the simulated
S19 XP (rated 3010 W: a power target of 1505 to 3010 W); the bounds of the captured KS5 Pro
are checked too. Simulated miners on 127.0.99.60-109."""

from __future__ import annotations

import asyncio

import pytest

from custom_components.asic_miner.driver import (
    Capability,
    MinerCommandError,
    MinerConfig,
    MiningMode,
    MiningModeConfig,
    NumberKey,
    PoolConfig,
    PowerMode,
    UnsupportedOperation,
)
from tests.simulator.marathon.testing import (
    KS5PRO,
    S19XP,
    StartMara,
    addresses,
    connect,
    mara_fixture,
)

start_mara = mara_fixture(addresses(99, 60, 109), S19XP)


async def test_pause_and_resume_bring_back_the_mode_it_had(start_mara: StartMara) -> None:
    sim = await start_mara()
    sim.state.work_mode = "Fixed"
    async with await connect(sim) as miner:
        await miner.stop_mining()
        assert sim.state.work_mode == "Sleep"
        assert (await miner.get_data()).is_mining is False
        await miner.stop_mining()  # already asleep: nothing changes
        await miner.resume_mining()
        assert sim.state.work_mode == "Fixed"
        assert (await miner.get_data()).is_mining is True
        sim.state.received.clear()
        await miner.resume_mining()  # awake: nothing sent
    assert ("POST", "miner_config") not in sim.state.received


async def test_resume_of_a_miner_paused_elsewhere_is_auto(start_mara: StartMara) -> None:
    sim = await start_mara()
    sim.state.work_mode = "Sleep"
    async with await connect(sim) as miner:
        await miner.resume_mining()
    assert sim.state.work_mode == "Auto"


async def test_power_target_is_held_by_the_tuner(start_mara: StartMara) -> None:
    sim = await start_mara()
    sim.state.mode_select = "Hashrate"
    async with await connect(sim) as miner:
        await miner.set_number(NumberKey.POWER_TARGET, 2600)
        assert (sim.state.work_mode, sim.state.mode_select) == ("Auto", "PowerTarget")
        assert sim.state.power_target == 2600
        assert (await miner.get_data()).wattage_limit == 2600
        await miner.set_power_limit(3000)
        assert sim.state.power_target == 3000
        config = await miner.get_config()
    assert config.mining_mode == MiningModeConfig(MiningMode.POWER_TARGET, 3000)


@pytest.mark.parametrize(
    ("model", "watts", "bounds"),
    [
        (S19XP, 1000, "1505 and 3010"),
        (S19XP, 3011, "1505 and 3010"),
        (KS5PRO, 1574, "1575 and 3150"),
        (KS5PRO, 3151, "1575 and 3150"),
    ],
)
async def test_a_power_target_outside_the_bounds_sends_nothing(
    start_mara: StartMara, model: str, watts: int, bounds: str
) -> None:
    sim = await start_mara(model)
    rated = sim.state.power_target
    async with await connect(sim) as miner:
        with pytest.raises(ValueError, match=f"between {bounds} W"):
            await miner.set_number(NumberKey.POWER_TARGET, watts)
    assert ("POST", "miner_config") not in sim.state.received
    assert sim.state.power_target == rated == int(bounds.rsplit(maxsplit=1)[-1])


async def test_fault_light_on_and_off(start_mara: StartMara) -> None:
    sim = await start_mara()
    async with await connect(sim) as miner:
        await miner.fault_light_on()
        assert sim.state.blinking is True
        assert await miner.check_light() is True
        assert (await miner.get_data()).fault_light is True
        await miner.fault_light_off()
        assert sim.state.blinking is False
        assert await miner.check_light() is False


async def test_reboot_takes_the_miner_away_and_back(start_mara: StartMara) -> None:
    sim = await start_mara(reboot_seconds=0.3)
    async with await connect(sim) as miner:
        await miner.reboot()
        await asyncio.sleep(0.2)
        assert not sim.online
        for _ in range(40):
            if sim.online:
                break
            await asyncio.sleep(0.05)
        data = await miner.get_data()
    assert data.uptime is not None
    assert data.uptime < 60


async def test_restart_mining_reloads(start_mara: StartMara) -> None:
    sim = await start_mara()
    async with await connect(sim) as miner:
        await miner.restart_backend()
    assert sim.state.reloads == 1


async def test_pools_are_sent_and_the_mode_left_as_it_was(start_mara: StartMara) -> None:
    sim = await start_mara()
    sim.state.power_target = 2800
    pools = [
        PoolConfig("stratum+tcp://btc.pool.invalid:4444", "me.rig1", "p1"),
        PoolConfig("stratum+tcp://btc2.pool.invalid:4444", "me.rig1", "p2"),
    ]
    async with await connect(sim) as miner:
        await miner.update_config(lambda config: MinerConfig(pools, mining_mode=config.mining_mode))
        assert [(p.url, p.user, p.password) for p in sim.state.pools] == [
            (p.url, p.user, p.password) for p in pools
        ]
        assert (sim.state.work_mode, sim.state.power_target) == ("Auto", 2800)
        assert [p.url for p in (await miner.get_config()).pools] == [p.url for p in pools]


async def test_mining_modes_by_config(start_mara: StartMara) -> None:
    sim = await start_mara()
    async with await connect(sim) as miner:
        await miner.send_config(MinerConfig(mining_mode=MiningModeConfig(MiningMode.SLEEP)))
        assert sim.state.work_mode == "Sleep"
        await miner.send_config(MinerConfig())  # normal: out of sleep
        assert sim.state.work_mode == "Auto"
        target = MiningModeConfig(MiningMode.POWER_TARGET, 2500)
        await miner.send_config(MinerConfig(mining_mode=target))
        assert sim.state.power_target == 2500
        await miner.send_config(MinerConfig())  # normal from a power target: Stock
        assert sim.state.work_mode == "Stock"
        with pytest.raises(ValueError, match="between"):
            await miner.send_config(
                MinerConfig(mining_mode=MiningModeConfig(MiningMode.POWER_TARGET, 99))
            )
        with pytest.raises(UnsupportedOperation):
            await miner.send_config(MinerConfig(mining_mode=MiningModeConfig(MiningMode.LOW)))
        with pytest.raises(UnsupportedOperation):
            await miner.send_config(
                MinerConfig(pools=[PoolConfig("stratum+tcp://a.invalid:1", "u")] * 4)
            )


async def test_what_mara_lacks_is_refused_and_sends_nothing(start_mara: StartMara) -> None:
    sim = await start_mara()
    async with await connect(sim) as miner:
        assert Capability.POWER_MODE not in miner.capabilities
        sim.state.received.clear()
        with pytest.raises(UnsupportedOperation):
            await miner.set_power_mode(PowerMode.LOW)
        with pytest.raises(UnsupportedOperation):
            await miner.set_number(NumberKey.FAN_SPEED, 50)
        with pytest.raises(UnsupportedOperation):
            await miner.set_choice("preset", "x")
    assert all(method == "GET" for method, _ in sim.state.received)


async def test_a_change_the_firmware_refuses_is_an_error(start_mara: StartMara) -> None:
    sim = await start_mara()
    async with await connect(sim) as miner:
        await miner.get_data()
        with pytest.raises(MinerCommandError, match="pools must list"):
            await miner.api.post("miner_config", {"mode": {"work-mode-selector": "Auto"}})


async def test_a_model_without_rated_power_offers_no_power_target(start_mara: StartMara) -> None:
    """The bounds come from the model's rated power: a model the table lacks gets none, and
    the number is refused as unsupported, not guessed."""
    sim = await start_mara()
    async with await connect(sim) as miner:
        miner.model = "KS99 Unknown"
        data = await miner.get_data()
        assert data.model == "S19 XP"  # the overview names it again
        miner.model = "KS99 Unknown"
        sim.state.received.clear()
        with pytest.raises(UnsupportedOperation, match="power_target"):
            await miner.set_number(NumberKey.POWER_TARGET, 3000)
        miner.model = "S19 XP"
        with pytest.raises(ValueError, match="must be a number"):
            await miner.set_number(NumberKey.POWER_TARGET, True)
    assert ("POST", "miner_config") not in sim.state.received
