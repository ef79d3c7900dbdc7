"""VNish controls over real sockets, as the simulated miner receives them: the preset, the
power target (the highest tuned preset at or below it), the throttle, the find-miner light
(a toggle: read first), pause / resume, restart, reboot, pools; values outside what the
miner offers refused before anything is sent. Simulated miners on 127.0.73.60-109."""

from __future__ import annotations

import asyncio

import pytest

from custom_components.asic_miner.driver import (
    Capability,
    ChoiceKey,
    MinerConfig,
    MiningMode,
    MiningModeConfig,
    NumberKey,
    PoolConfig,
    UnsupportedOperation,
)
from tests.simulator.vnish.testing import AIR, HYDRO, StartVnish, addresses, connect, vnish_fixture

start_vnish = vnish_fixture(addresses(60, 109))
WRITES = ("POST",)


def posts(sim: object) -> list[str]:
    return [path for method, path in sim.state.received if method in WRITES]  # type: ignore[attr-defined]


async def test_preset_choice_sets_the_preset_and_a_new_one_is_tuned(
    start_vnish: StartVnish,
) -> None:
    sim = await start_vnish(AIR, tune_seconds=0.2)
    async with await connect(sim) as miner:
        await miner.get_data()
        await miner.set_choice(ChoiceKey.PRESET, "1100 watt ~ 53 TH (untuned)")
        assert sim.state.preset == "1100"
        assert sim.state.miner_state == "auto-tuning"
        data = await miner.get_data()
        assert data.settings.choices[ChoiceKey.PRESET].current == "1100 watt ~ 53 TH (untuned)"
        assert data.tuner_state == "auto-tuning"
        await asyncio.sleep(0.3)
        data = await miner.get_data()  # tuned now: the list is read again after a change
        assert data.settings.choices[ChoiceKey.PRESET].current == "1100 watt ~ 53 TH (tuned)"
        assert data.settings.numbers[NumberKey.POWER_TARGET].minimum == 1100


async def test_preset_change_keeps_the_rest_of_the_overclock_section(
    start_vnish: StartVnish,
) -> None:
    sim = await start_vnish(AIR)
    async with await connect(sim) as miner:
        await miner.get_data()
        sim.state.received.clear()
        await miner.set_choice(ChoiceKey.PRESET, "3200 watt ~ 102 TH (tuned)")
    assert sim.state.received == [("GET", "/settings"), ("POST", "/settings")]
    assert sim.state.preset == "3200"
    assert sim.state.miner_state == "mining"


async def test_unknown_preset_is_refused_before_sending(start_vnish: StartVnish) -> None:
    sim = await start_vnish(AIR)
    async with await connect(sim) as miner:
        await miner.get_data()
        sim.state.received.clear()
        with pytest.raises(ValueError, match="preset must be one of"):
            await miner.set_choice(ChoiceKey.PRESET, "9999 watt ~ 1 TH (tuned)")
    assert posts(sim) == []
    assert sim.state.preset == "2950"


@pytest.mark.parametrize(
    ("target", "chosen"), [(3000, "2950"), (3200, "3200"), (2400, "2350"), (2620, "2620")]
)
async def test_power_target_picks_the_highest_tuned_preset_at_or_below(
    start_vnish: StartVnish, target: int, chosen: str
) -> None:
    sim = await start_vnish(AIR)
    async with await connect(sim) as miner:
        await miner.set_number(NumberKey.POWER_TARGET, target)
        assert sim.state.preset == chosen
        data = await miner.get_data()
    number = data.settings.numbers[NumberKey.POWER_TARGET]
    assert number.value == int(chosen)
    assert number.attributes == (("preset", f"{sim.state.current.pretty} (tuned)"),)  # type: ignore[union-attr]
    assert data.wattage_limit == int(chosen)


@pytest.mark.parametrize("target", [2349, 3201, 0])
async def test_power_target_outside_the_tuned_presets_is_refused_before_sending(
    start_vnish: StartVnish, target: int
) -> None:
    sim = await start_vnish(AIR)
    async with await connect(sim) as miner:
        await miner.get_data()
        sim.state.received.clear()
        with pytest.raises(ValueError, match="between 2350 and 3200 W"):
            await miner.set_number(NumberKey.POWER_TARGET, target)
    assert sim.state.received == []
    assert sim.state.preset == "2950"


async def test_throttle_holds_the_hashrate_down(start_vnish: StartVnish) -> None:
    sim = await start_vnish(AIR)
    async with await connect(sim) as miner:
        before = await miner.get_data()
        await miner.set_number(NumberKey.THROTTLE, 50)
        assert sim.state.throttle == 50
        after = await miner.get_data()
    assert after.throttled is True
    assert before.throttled is False
    assert after.settings.numbers[NumberKey.THROTTLE].value == 50
    assert after.hashrate == pytest.approx(before.hashrate / 2, rel=0.01)  # type: ignore[operator]
    assert posts(sim)[-1] == "/mining/throttle"


@pytest.mark.parametrize("percent", [19, 101, 0])
async def test_throttle_outside_20_to_100_is_refused_before_sending(
    start_vnish: StartVnish, percent: int
) -> None:
    sim = await start_vnish(AIR)
    async with await connect(sim) as miner:
        await miner.get_data()
        sim.state.received.clear()
        with pytest.raises(ValueError, match="between 20 and 100 %"):
            await miner.set_number(NumberKey.THROTTLE, percent)
    assert sim.state.received == []
    assert sim.state.throttle == 100


async def test_no_throttle_where_the_firmware_has_none(start_vnish: StartVnish) -> None:
    sim = await start_vnish(HYDRO)
    async with await connect(sim) as miner:
        await miner.get_data()
        sim.state.received.clear()
        with pytest.raises(UnsupportedOperation):
            await miner.set_number(NumberKey.THROTTLE, 50)
    assert posts(sim) == []


async def test_light_is_read_before_it_is_toggled(start_vnish: StartVnish) -> None:
    sim = await start_vnish(AIR)
    async with await connect(sim) as miner:
        assert Capability.FAULT_LIGHT in miner.capabilities
        await miner.fault_light_on()
        assert sim.state.find_miner is True
        assert await miner.check_light() is True
        sim.state.received.clear()
        await miner.fault_light_on()  # already on: nothing toggled
        assert sim.state.received == [("GET", "/status")]
        assert sim.state.find_miner is True
        await miner.fault_light_off()
        assert sim.state.find_miner is False
        sim.state.find_miner = True  # someone pressed it on the miner's page
        assert (await miner.get_data()).fault_light is True
        await miner.fault_light_off()
    assert sim.state.find_miner is False


async def test_pause_resume_and_restart(start_vnish: StartVnish) -> None:
    sim = await start_vnish(HYDRO)
    async with await connect(sim) as miner:
        await miner.stop_mining()
        assert sim.state.miner_state == "stopped"
        assert (await miner.get_data()).is_mining is False
        await miner.resume_mining()
        assert sim.state.miner_state == "mining"
        await miner.restart_backend()
        assert sim.state.restart_count == 1
    assert posts(sim)[-3:] == ["/mining/stop", "/mining/start", "/mining/restart"]


async def test_reboot_then_a_control_logs_in_again(start_vnish: StartVnish) -> None:
    sim = await start_vnish(AIR)
    async with await connect(sim) as miner:
        await miner.get_data()
        await miner.reboot()
        await asyncio.sleep(0.2)
        assert not sim.online
        for _ in range(50):
            if sim.online:
                break
            await asyncio.sleep(0.05)
        assert sim.online
        assert sim.state.tokens == {}
        sim.state.received.clear()
        await miner.stop_mining()  # the old token is gone with the reboot
    assert sim.state.received == [
        ("POST", "/mining/stop"),
        ("POST", "/unlock"),
        ("POST", "/mining/stop"),
    ]
    assert sim.state.miner_state == "stopped"


async def test_pools_are_read_and_written_through_settings(start_vnish: StartVnish) -> None:
    sim = await start_vnish(AIR)
    async with await connect(sim) as miner:
        config = await miner.get_config()
        assert next(p.url for p in config.pools) == "stratum+tcp://btc.foundryusapool.com:3333"
        pools = [
            PoolConfig("stratum+tcp://pool.example.org:4444", "me.rig", "p00l-secret"),
            PoolConfig("stratum+ssl://backup.example.org:3333", "me.rig2"),
        ]
        await miner.send_config(MinerConfig(pools=pools))
    assert [(p.url, p.user, p.password) for p in sim.state.pools] == [
        ("pool.example.org:4444", "me.rig", "p00l-secret"),
        ("stratum+ssl://backup.example.org:3333", "me.rig2", "x"),
    ]


async def test_a_pool_password_left_at_the_default_keeps_the_miners(
    start_vnish: StartVnish,
) -> None:
    sim = await start_vnish(AIR)
    sim.state.pools[0].password = "kept-secret"
    worker = sim.state.pools[0].user
    async with await connect(sim) as miner:
        await miner.send_config(
            MinerConfig(pools=[PoolConfig("stratum+tcp://btc.foundryusapool.com:3333", worker)])
        )
    assert [(p.url, p.password) for p in sim.state.pools] == [
        ("btc.foundryusapool.com:3333", "kept-secret")
    ]


async def test_four_pools_are_refused_before_sending(start_vnish: StartVnish) -> None:
    sim = await start_vnish(AIR)
    pools = [PoolConfig(f"stratum+tcp://p{n}.example.org:3333", "u") for n in range(4)]
    async with await connect(sim) as miner:
        with pytest.raises(UnsupportedOperation, match="3 pool slots"):
            await miner.send_config(MinerConfig(pools=pools))
    assert posts(sim) == []


async def test_sleep_in_the_config_stops_mining(start_vnish: StartVnish) -> None:
    sim = await start_vnish(AIR)
    async with await connect(sim) as miner:
        await miner.send_config(MinerConfig(mining_mode=MiningModeConfig(MiningMode.SLEEP)))
    assert sim.state.miner_state == "stopped"


async def test_a_change_that_needs_a_restart_is_restarted(start_vnish: StartVnish) -> None:
    sim = await start_vnish(AIR, restart_required=True)
    async with await connect(sim) as miner:
        await miner.get_data()
        await miner.set_number(NumberKey.POWER_TARGET, 3200)
    assert posts(sim)[-2:] == ["/settings", "/mining/restart"]
    assert sim.state.preset == "3200"
    assert sim.state.pending == {}
