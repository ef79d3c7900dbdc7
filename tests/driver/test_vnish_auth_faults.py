"""VNish login and faults over real sockets: the unlock password (default admin, a custom
one), the token kept, renewed once when refused, and a refused login raised for Home
Assistant's re-authentication; timeouts, drops, garbage and cut replies each a precise
error. Simulated miners on 127.0.73.110-159."""

from __future__ import annotations

import asyncio

import pytest

from custom_components.asic_miner.driver import (
    Credentials,
    MinerAuthenticationError,
    NumberKey,
    find_miner,
)
from tests.simulator.faults import Fault
from tests.simulator.vnish.testing import AIR, HYDRO, StartVnish, addresses, connect, vnish_fixture

from .web_faults import BROKEN_REPLIES, poll_under, poll_while_offline, poll_while_silent

start_vnish = vnish_fixture(addresses(110, 159))


async def test_default_password_is_admin(start_vnish: StartVnish) -> None:
    sim = await start_vnish(AIR)
    async with await connect(sim) as miner:
        await miner.check_credentials()
        await miner.get_data()
    assert ("POST", "/unlock") in sim.state.received


async def test_custom_password_works_and_the_default_is_refused(
    start_vnish: StartVnish,
) -> None:
    sim = await start_vnish(HYDRO, password="n3w&pass=+%")
    async with await connect(sim, password="n3w&pass=+%") as miner:
        await miner.check_credentials()
        data = await miner.get_data()
        assert data.settings.numbers[NumberKey.POWER_TARGET].value == 6619
    async with await connect(sim) as miner:
        with pytest.raises(MinerAuthenticationError, match="refused the unlock password"):
            await miner.check_credentials()


async def test_wrong_password_fails_the_poll_for_reauthentication(
    start_vnish: StartVnish,
) -> None:
    sim = await start_vnish(AIR)
    async with await connect(sim, password="wrong") as miner:
        with pytest.raises(MinerAuthenticationError):
            await miner.get_data()
        with pytest.raises(MinerAuthenticationError):
            await miner.stop_mining()
    assert sim.state.miner_state == "mining"


async def test_the_token_is_kept_between_controls(start_vnish: StartVnish) -> None:
    sim = await start_vnish(AIR)
    async with await connect(sim) as miner:
        await miner.stop_mining()
        await miner.resume_mining()
        await miner.restart_backend()
    assert [r for r in sim.state.received if r[1] == "/unlock"] == [("POST", "/unlock")]


async def test_an_expired_token_is_renewed_once(start_vnish: StartVnish) -> None:
    sim = await start_vnish(AIR)
    async with await connect(sim) as miner:
        await miner.get_data()
        sim.state.forget_tokens()  # expired
        sim.state.received.clear()
        await miner.set_number(NumberKey.THROTTLE, 80)
    assert sim.state.throttle == 80
    assert sim.state.received == [
        ("POST", "/mining/throttle"),
        ("POST", "/unlock"),
        ("POST", "/mining/throttle"),
    ]


async def test_a_token_refused_after_a_new_unlock_is_an_authentication_error(
    start_vnish: StartVnish,
) -> None:
    sim = await start_vnish(AIR)
    async with await connect(sim) as miner:
        await miner.get_data()
        sim.state.forget_tokens()
        sim.set_fault(Fault.WRONG_PASSWORD)  # the password was changed on the miner
        with pytest.raises(MinerAuthenticationError):
            await miner.restart_backend()
    assert sim.state.restart_count == 0


async def test_short_lived_tokens_are_renewed_by_the_next_request(
    start_vnish: StartVnish,
) -> None:
    sim = await start_vnish(AIR, token_seconds=0.3)
    async with await connect(sim) as miner:
        await miner.stop_mining()
        await asyncio.sleep(0.4)
        await miner.resume_mining()
    assert sim.state.miner_state == "mining"
    assert sim.state.received.count(("POST", "/unlock")) == 2


async def test_system_reboot_is_sent_with_the_bearer_scheme(start_vnish: StartVnish) -> None:
    """The simulated firmware refuses a bare token on system/* (as pyasic's client tells):
    a reboot that goes through shows the driver sends "Bearer <token>"."""
    sim = await start_vnish(AIR, reboot_seconds=0.1)
    async with await connect(sim) as miner:
        await miner.reboot()
    assert ("POST", "/system/reboot") in sim.state.received
    assert sim.state.received.count(("POST", "/unlock")) == 1


@BROKEN_REPLIES
async def test_web_faults_fail_the_poll_precisely(
    start_vnish: StartVnish, fault: Fault, error: type[Exception]
) -> None:
    sim = await start_vnish(AIR)
    async with await connect(sim) as miner:
        await miner.get_data()
        assert (await poll_under(sim, miner, fault, error)).hashrate


async def test_silence_is_a_timeout_and_the_miner_heals(start_vnish: StartVnish) -> None:
    sim = await start_vnish(HYDRO)
    async with await find_miner(sim.address, timeout=0.5) as miner:
        await miner.get_data()
        assert (await poll_while_silent(sim, miner)).water_inlet_temp == 29


async def test_a_short_delay_is_waited_for(start_vnish: StartVnish) -> None:
    sim = await start_vnish(AIR)
    async with await connect(sim) as miner:
        sim.set_fault(Fault.DELAY, seconds=0.2, protocol="http")
        assert (await miner.get_data()).hashrate


async def test_offline_miner_is_a_connection_error(start_vnish: StartVnish) -> None:
    sim = await start_vnish(AIR)
    async with await connect(sim) as miner:
        await miner.get_data()
        assert (await poll_while_offline(sim, miner)).is_mining


async def test_rpc_faults_do_not_touch_the_web_poll(start_vnish: StartVnish) -> None:
    sim = await start_vnish(AIR)
    async with await connect(sim) as miner:
        sim.set_fault(Fault.GARBAGE, protocol="rpc")
        assert (await miner.get_data()).hashrate


async def test_identified_through_rpc_when_the_web_fails(start_vnish: StartVnish) -> None:
    sim = await start_vnish(AIR)
    sim.set_fault(Fault.GARBAGE, protocol="http")
    miner = await find_miner(sim.address, credentials=Credentials(), timeout=3)
    async with miner:
        assert (type(miner).__name__, miner.model) == ("Vnish", "S19 Pro")
