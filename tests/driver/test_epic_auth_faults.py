"""ePIC PowerPlay's password and faults over real sockets: the password each POST body
carries (default letmein, a custom one), a wrong one answered result false "BadPassword"
with HTTP 200 and raised as our authentication error; reads need none; timeouts, drops,
garbage and cut replies each a precise error. Simulated miners on 127.0.97.61-90."""

from __future__ import annotations

import pytest

from custom_components.asic_miner.driver import (
    MinerAuthenticationError,
    MinerProtocolError,
    NumberKey,
    find_miner,
)
from tests.simulator.epic.testing import S19XP, StartEpic, addresses, connect, epic_fixture
from tests.simulator.faults import Fault

from .web_faults import BROKEN_REPLIES, poll_under, poll_while_offline, poll_while_silent

start_epic = epic_fixture(addresses(97, 61, 90))


async def test_the_default_password_is_letmein(start_epic: StartEpic) -> None:
    sim = await start_epic(S19XP)
    async with await connect(sim) as miner:
        await miner.check_credentials()
        await miner.fault_light_on()
    assert sim.state.posted == [("/authenticate", None), ("/identify", True)]


async def test_a_custom_password_works_and_the_default_is_refused(
    start_epic: StartEpic,
) -> None:
    sim = await start_epic(S19XP, password="n3w&pass=+%\"'")
    async with await connect(sim, password="n3w&pass=+%\"'") as miner:
        await miner.check_credentials()
        await miner.set_number(NumberKey.HASHRATE_TARGET, 100)
    assert sim.state.target == 100
    async with await connect(sim) as miner:
        with pytest.raises(MinerAuthenticationError, match="refused the password"):
            await miner.check_credentials()


async def test_a_wrong_password_refuses_every_control_and_changes_nothing(
    start_epic: StartEpic,
) -> None:
    sim = await start_epic(S19XP, password="right")
    async with await connect(sim, password="wrong") as miner:
        data = await miner.get_data()  # reads need no password
        assert data.is_mining is True
        for control in (miner.stop_mining, miner.reboot, miner.restart_backend):
            with pytest.raises(MinerAuthenticationError, match=r"refused the password \(POST"):
                await control()
        with pytest.raises(MinerAuthenticationError):
            await miner.set_number(NumberKey.FAN_SPEED, 50)
    assert sim.state.posted == []
    assert sim.state.operating_state == "Mining"
    assert sim.online


async def test_a_build_without_authenticate_is_checked_with_the_light(
    start_epic: StartEpic,
) -> None:
    sim = await start_epic(S19XP, password="right")
    sim.state.missing.add("/authenticate")
    async with await connect(sim, password="wrong") as miner:
        with pytest.raises(MinerAuthenticationError):
            await miner.check_credentials()
    assert ("POST", "/identify") in sim.state.received
    async with await connect(sim, password="right") as miner:
        await miner.check_credentials()
    assert sim.state.posted == [("/identify", False)]  # the light as it was


@BROKEN_REPLIES
async def test_web_faults_fail_the_poll_precisely(
    start_epic: StartEpic, fault: Fault, error: type[Exception]
) -> None:
    sim = await start_epic(S19XP)
    async with await connect(sim) as miner:
        await miner.get_data()
        assert (await poll_under(sim, miner, fault, error)).hashrate


async def test_a_garbled_post_answer_is_a_protocol_error(start_epic: StartEpic) -> None:
    sim = await start_epic(S19XP)
    async with await connect(sim) as miner:
        sim.set_fault(Fault.GARBAGE, protocol="http")
        with pytest.raises(MinerProtocolError, match="unreadable reply"):
            await miner.fault_light_on()


async def test_wrong_password_fault_is_an_authentication_error(start_epic: StartEpic) -> None:
    sim = await start_epic(S19XP)
    async with await connect(sim) as miner:
        sim.set_fault(Fault.WRONG_PASSWORD, protocol="http")
        with pytest.raises(MinerAuthenticationError):
            await miner.resume_mining()


async def test_silence_is_a_timeout_and_the_miner_heals(start_epic: StartEpic) -> None:
    sim = await start_epic(S19XP)
    async with await find_miner(sim.address, timeout=0.5) as miner:
        await miner.get_data()
        assert (await poll_while_silent(sim, miner)).wattage == 2166.6


async def test_offline_miner_is_a_connection_error(start_epic: StartEpic) -> None:
    sim = await start_epic(S19XP)
    async with await connect(sim) as miner:
        await miner.get_data()
        assert (await poll_while_offline(sim, miner)).is_mining


async def test_temps_failing_leaves_the_poll_without_sensor_figures(
    start_epic: StartEpic,
) -> None:
    sim = await start_epic(S19XP)
    async with await connect(sim) as miner:
        await miner.get_data()
        sim.state.missing.add("/temps")
        data = await miner.get_data()
    assert data.hashboards[1].temp == 67.0
    assert data.hashboards[1].inlet_temp is None
