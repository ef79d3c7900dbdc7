"""Bitdeer SealMiner on BDMiner, over real sockets: found as a SealMiner (never as another
make) by "bdminer" in its RPC answers, every figure of a poll as the simulated A2's captured
replies carry it, the web session logged in once and again when refused, each control seen
at the miner, and what it lacks refused. Simulated miners on 127.0.110.10-59."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable

import pytest

from custom_components.asic_miner.driver import (
    AsicMinerError,
    MinerAuthenticationError,
    NumberKey,
    UnsupportedOperation,
    find_miner,
)
from custom_components.asic_miner.driver.backends.sealminer.backend import SealMiner
from custom_components.asic_miner.driver.config import MinerConfig
from tests.simulator.faults import Fault
from tests.simulator.sealminer import captures
from tests.simulator.sealminer.miner import SealSim
from tests.simulator.sealminer.testing import A2, addresses, connect, seal_fixture

StartSeal = Callable[..., Awaitable[SealSim]]
start_seal = seal_fixture(addresses(110, 10, 59))
STATS = captures.STATS


async def test_found_as_a_sealminer_with_the_model_devdetails_names(start_seal: StartSeal) -> None:
    sim = await start_seal(A2)
    async with await connect(sim) as miner:
        assert isinstance(miner, SealMiner)
        assert (miner.make, miner.model, miner.firmware) == ("Bitdeer", "SealMiner A2", "Stock")
        assert miner.model_info is not None


async def test_a_poll_reads_the_captured_figures(start_seal: StartSeal) -> None:
    sim = await start_seal(A2)
    async with await connect(sim) as miner:
        data = await miner.get_data()
    assert data.mac == sim.mac.upper()
    assert (data.fw_ver, data.serial_number) == (STATS["Firmware"], STATS["Ctrl Board SN"])
    assert data.hashrate == pytest.approx(STATS["MHS(1m)"] / 1e6)  # 220.3 TH/s
    assert data.expected_hashrate == pytest.approx(STATS["MHS(Rated)"] / 1e6)
    assert data.hashrate_averages["1h"] == pytest.approx(STATS["MHS(1h)"] / 1e6)
    boards = data.hashboards
    assert [b.hashrate for b in boards] == pytest.approx(
        [STATS[f"{n} MHS(Sample)"] / 1e6 for n in range(3)]
    )
    assert [b.temp for b in boards] == [70.0, 70.0, 70.0]  # the hottest of four sensors
    assert [b.inlet_temp for b in boards] == [55.0, 58.0, 56.0]
    assert [(b.chips, b.expected_chips) for b in boards] == [(153, 153)] * 3
    assert [b.serial_number for b in boards] == [STATS[f"{n} SN"] for n in range(3)]
    assert not any(b.missing for b in boards)
    assert [f.speed for f in data.fans] == [3723, 3723, 3753, 3723]
    assert data.fan_psu == STATS["PSU Fan Speed"]
    assert (data.wattage, data.wattage_limit) == (3504.0, 3500.0)
    assert data.input_voltage == 246.0
    assert data.uptime is not None
    assert data.uptime >= STATS["System Uptime"]
    assert data.is_mining is True
    assert data.fault_light is True  # the capture's get_system_info "led": "on"
    assert data.errors == []
    assert [p.url for p in data.pools] == ["stratum+tcp://stratum.braiins.com:3333"]
    assert (data.shares_accepted, data.shares_rejected) == (1421, 3)
    target = data.settings.numbers[NumberKey.POWER_TARGET]
    assert (target.value, target.minimum, target.maximum) == (3500.0, 1865.0, 3730.0)


async def test_the_session_is_kept_and_renewed_when_refused(start_seal: StartSeal) -> None:
    sim = await start_seal(A2)
    async with await connect(sim) as miner:
        await miner.get_data()
        await miner.get_data()
        assert sim.state.logins == 1
        sim.state.sessions.clear()
        data = await miner.get_data()
    assert sim.state.logins == 2
    assert data.fault_light is True


async def test_a_wrong_password_is_named_as_such(start_seal: StartSeal) -> None:
    sim = await start_seal(A2, password="changed")
    async with await connect(sim) as miner:
        with pytest.raises(MinerAuthenticationError):
            await miner.get_data()
    async with await connect(sim, password="changed") as miner:
        assert (await miner.get_data()).fault_light is True


async def test_without_the_web_a_poll_goes_on_without_the_rpc_it_fails(
    start_seal: StartSeal,
) -> None:
    sim = await start_seal(A2)
    async with await connect(sim) as miner:
        await miner.get_data()
        sim.set_fault(Fault.GARBAGE, protocol="http")
        data = await miner.get_data()
        assert data.fault_light is None
        assert data.hashrate is not None
        sim.clear_faults()
        sim.set_fault(Fault.GARBAGE, protocol="rpc")
        with pytest.raises(AsicMinerError):
            await miner.get_data()


async def test_pause_resume_and_mining_restart_reach_the_miner(start_seal: StartSeal) -> None:
    sim = await start_seal(A2)
    async with await connect(sim) as miner:
        await miner.resume_mining()  # mining already: nothing restarted
        assert sim.state.restarts == 0
        await miner.stop_mining()
        assert sim.state.suspended
        data = await miner.get_data()
        assert data.is_mining is False
        assert data.hashrate == 0.0
        await miner.resume_mining()
        assert not sim.state.suspended
        assert sim.state.restarts == 1
        await miner.restart_backend()
        assert sim.state.restarts == 2
    assert ("rpc", "ascset 0,suspend") in sim.state.received


async def test_the_power_limit_is_set_and_taken_at_the_reboot(start_seal: StartSeal) -> None:
    sim = await start_seal(A2, reboot_seconds=0.2)
    async with await connect(sim) as miner:
        await miner.get_data()
        await miner.set_number(NumberKey.POWER_TARGET, 3000)
        assert ("rpc", 'ascset 0,powerlimit,{"value":"3000"}') in sim.state.received
        await asyncio.sleep(0.6)
        assert sim.state.power_limit == 3000
        assert (await miner.get_data()).wattage_limit == 3000.0
        heard = len(sim.state.received)
        with pytest.raises(ValueError, match="between 1865 and 3730"):
            await miner.set_power_limit(4000)
        assert len(sim.state.received) == heard


async def test_the_power_limit_before_any_poll_reads_it_first(start_seal: StartSeal) -> None:
    sim = await start_seal(A2)
    async with await connect(sim) as miner:
        await miner.set_power_limit(2800)
    assert sim.state.pending_limit == 2800


async def test_the_light_and_the_reboot_reach_the_miner(start_seal: StartSeal) -> None:
    sim = await start_seal(A2, reboot_seconds=0.2)
    async with await connect(sim) as miner:
        await miner.fault_light_off()
        assert sim.state.led == "off"
        assert await miner.check_light() is False
        await miner.fault_light_on()
        assert sim.state.led == "on"
        uptime = sim.state.uptime
        await miner.reboot()
        await asyncio.sleep(0.6)
        data = await miner.get_data()
    assert data.uptime is not None
    assert data.uptime < uptime
    assert sim.state.logins == 2  # the reboot dropped the session


async def test_what_it_lacks_is_refused_and_nothing_is_sent(start_seal: StartSeal) -> None:
    sim = await start_seal(A2)
    async with await connect(sim) as miner:
        await miner.get_data()
        heard = len(sim.state.received)
        with pytest.raises(UnsupportedOperation):
            await miner.send_config(MinerConfig())
        with pytest.raises(UnsupportedOperation):
            await miner.set_number("fan_speed", 50)
        assert len(sim.state.received) == heard


async def test_the_mac_comes_from_stats(start_seal: StartSeal) -> None:
    sim = await start_seal(A2, mac="50:d4:48:4b:86:78")
    async with await connect(sim) as miner:
        assert await miner.get_mac() == "50:D4:48:4B:86:78"


async def test_found_by_its_rpc_never_as_another_make(start_seal: StartSeal) -> None:
    sim = await start_seal(A2)
    miner = await find_miner(sim.address, timeout=3.0)
    async with miner:
        assert miner.make == "Bitdeer"
        assert type(miner) is SealMiner


async def test_a_power_limit_that_is_no_number_is_refused_unsent(start_seal: StartSeal) -> None:
    sim = await start_seal(A2)
    async with await connect(sim) as miner:
        await miner.get_data()
        heard = len(sim.state.received)
        with pytest.raises(ValueError, match="must be a number"):
            await miner.set_number(NumberKey.POWER_TARGET, True)
        assert "SealWeb" in repr(miner.web)  # type: ignore[attr-defined]
    assert len(sim.state.received) == heard


async def test_a_web_login_that_errs_is_a_protocol_error(start_seal: StartSeal) -> None:
    sim = await start_seal(A2)
    async with await connect(sim) as miner:
        await miner.get_data()
        sim.state.sessions.clear()
        sim.set_fault(Fault.GARBAGE, protocol="http")
        with pytest.raises(AsicMinerError):
            await miner.fault_light_on()
