"""ePIC PowerPlay reads over real sockets: the simulated S19 XP (its captured replies on
port 4028) read as the capture says, per board, with the figures that follow the miner's
state; the static replies read once. Simulated miners on 127.0.97.1-20."""

from __future__ import annotations

import pytest

from custom_components.asic_miner.driver import ChoiceKey, FanChoice, NumberKey
from custom_components.asic_miner.driver.backends.epic.backend import Epic
from tests.simulator.epic import EpicSim, captures
from tests.simulator.epic.testing import (
    S19XP,
    S19XP_POWER,
    StartEpic,
    addresses,
    connect,
    epic_fixture,
)

start_epic = epic_fixture(addresses(97, 1, 20))


async def test_the_s19xp_is_read_as_its_capture_says(start_epic: StartEpic) -> None:
    sim = await start_epic(S19XP)
    async with await connect(sim) as miner:
        assert isinstance(miner, Epic)
        data = await miner.get_data()
    assert (data.make, data.model, data.firmware, data.fw_ver) == (
        "Antminer",
        "S19 XP",
        "ePIC",
        "1.5.13",
    )
    assert data.mac == sim.mac
    assert data.hostname == sim.hostname
    assert data.is_mining is True
    assert data.wattage == 2166.6
    # Hashrate[0] in MH/s of the two mining boards: 49440724 + 49925124.
    assert data.hashrate == pytest.approx(99.365848)
    # each board's rate over its share of ideal (103.1 %, 104.1 %)
    assert data.expected_hashrate == pytest.approx(49.440724 / 1.031 + 49.925124 / 1.041, 1e-3)
    assert [f.speed for f in data.fans] == [5971, 0, 5942, 5745]  # fan 2 stands still
    assert data.fan_percent == 100
    assert (data.shares_accepted, data.shares_rejected) == (1862, 2)
    assert data.fault_light is False
    assert data.errors == []
    assert data.tuner_state == "tuning"  # running, not yet optimized
    assert data.throttled is False
    [pool] = data.pools
    assert (pool.url, pool.user, pool.active) == (
        "stratum+tcp://mine.ocean.xyz:3334",
        sim.state.worker,
        True,
    )


async def test_each_board_has_its_own_hashrate_temperatures_and_serial(
    start_epic: StartEpic,
) -> None:
    sim = await start_epic(S19XP)
    async with await connect(sim) as miner:
        boards = (await miner.get_data()).hashboards
    assert [b.slot for b in boards] == [0, 1, 2]
    disabled, first, second = boards
    # board 0: detected and disabled (HBStatus), so no figures but its sensors
    assert (disabled.missing, disabled.hashrate, disabled.temp) == (False, 0.0, None)
    assert (disabled.inlet_temp, disabled.outlet_temp) == (42.312, 42.875)
    assert (first.hashrate, first.temp, first.inlet_temp, first.outlet_temp) == (
        pytest.approx(49.440724),
        67.0,
        55.062,
        67.0,
    )
    assert (second.hashrate, second.temp) == (pytest.approx(49.925124), 64.312)
    assert [b.serial_number for b in boards] == [
        None,
        *captures.CAPABILITIES["Board Serial Numbers"],
    ]
    assert [b.chips for b in boards] == [None, 110, 110]
    assert all(b.expected_chips == 110 for b in boards)


async def test_a_poll_is_two_gets_and_the_static_replies_are_read_once(
    start_epic: StartEpic,
) -> None:
    sim = await start_epic(S19XP)
    async with await connect(sim) as miner:
        await miner.get_data()
        sim.state.received.clear()
        await miner.get_data()
        await miner.get_data()
    assert sorted(sim.state.received) == sorted([("GET", "/summary"), ("GET", "/temps")] * 2)


async def test_the_settings_are_the_tuning_bounds_and_the_fans(start_epic: StartEpic) -> None:
    sim = await start_epic(S19XP)
    async with await connect(sim) as miner:
        settings = (await miner.get_data()).settings
    rate = settings.numbers[NumberKey.HASHRATE_TARGET]
    assert (rate.value, rate.minimum, rate.maximum, rate.unit) == (143, 60, 300, "TH/s")
    assert NumberKey.POWER_TARGET not in settings.numbers  # the capture has no Power algo
    assert settings.choices[ChoiceKey.FAN_MODE].current == FanChoice.AUTO
    assert settings.numbers[NumberKey.FAN_SPEED].value == 100


async def test_a_power_algorithm_is_offered_as_the_power_target(start_epic: StartEpic) -> None:
    sim = await start_epic(S19XP_POWER)
    async with await connect(sim) as miner:
        power = (await miner.get_data()).settings.numbers[NumberKey.POWER_TARGET]
    assert (power.value, power.minimum, power.maximum, power.unit) == (None, 1700, 4400, "W")


async def test_a_stopped_miner_reads_as_not_mining(start_epic: StartEpic) -> None:
    sim = await start_epic(S19XP)
    sim.state.operating_state = "Idling"
    async with await connect(sim) as miner:
        data = await miner.get_data()
    assert data.is_mining is False
    assert data.hashrate == 0.0
    assert data.pools[0].active is False


async def test_the_last_error_is_shown(start_epic: StartEpic) -> None:
    sim = await start_epic(S19XP)
    sim.state.last_error = {"UnknownError": "HB 1 lost"}
    async with await connect(sim) as miner:
        data = await miner.get_data()
    assert [e.message for e in data.errors] == ["UnknownError: HB 1 lost"]


async def test_mac_hostname_and_light_have_their_own_reads(start_epic: StartEpic) -> None:
    sim = await start_epic(S19XP)
    async with await connect(sim) as miner:
        assert await miner.get_mac() == sim.mac
        assert await miner.get_hostname() == sim.hostname
        assert await miner.check_light() is False
        config = await miner.get_config()
    assert [(p.url, p.user) for p in config.pools] == [
        ("stratum+tcp://mine.ocean.xyz:3334", sim.state.worker)
    ]


async def test_another_miner_at_the_address_is_read_as_itself(start_epic: StartEpic) -> None:
    """DHCP gave the address to another miner: its session began at another time, so the
    MAC (and the model) are read again and its own are shown."""
    sim = await start_epic(S19XP)
    async with await connect(sim) as miner:
        assert (await miner.get_data()).mac == sim.mac
        await sim.stop()
        other = EpicSim(S19XP, sim.address, mac="02:00:00:00:00:42")
        other.state.session_wall -= 3600
        async with other:
            sim.state.received.clear()
            assert (await miner.get_data()).mac == "02:00:00:00:00:42"
            data = await miner.get_data()
        assert data.mac == "02:00:00:00:00:42"
        assert other.state.received.count(("GET", "/network")) == 1
