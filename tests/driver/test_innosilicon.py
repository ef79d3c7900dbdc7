"""Innosilicon's innominer read over real sockets against the simulated A9 ZMaster (its
captured RPC replies): found as Innosilicon by "innominer" in its RPC answers (never as
another make), read in Equihash (MinerData.algorithm, rates in 10^12 solutions per
second), three chains of 12 chips, fan duty, pools; three RPC requests a poll, the MAC
from the web's overview on the first; reboot and restart of innominer through the web's
JWT login (renewed when the token expired), the other controls refused unsent (the pools:
test_innosilicon_pools.py). Sims on 127.0.105.150-179."""

from __future__ import annotations

import asyncio

import pytest

from custom_components.asic_miner.driver import (
    Algorithm,
    Credentials,
    MinerAuthenticationError,
    MinerProtocolError,
    UnsupportedOperation,
    find_miner,
)
from custom_components.asic_miner.driver.backends.innosilicon.backend import Innosilicon
from custom_components.asic_miner.driver.backends.innosilicon.models import algorithm_of
from tests.simulator.faults import Fault
from tests.simulator.innosilicon import InnoSim, captures
from tests.simulator.innosilicon.testing import A9, StartInno, addresses, inno_fixture

start_inno = inno_fixture(addresses(105, 150, 179))


async def test_found_as_innosilicon_and_read_in_equihash(start_inno: StartInno) -> None:
    sim = await start_inno()
    async with await find_miner(sim.address, timeout=3) as miner:
        assert isinstance(miner, Innosilicon)
        assert miner.model == "A9"
        data = await miner.get_data()
    assert (data.make, data.model, data.firmware, data.fw_ver) == (
        "Innosilicon",
        "A9",
        "Innosilicon",
        "1.1.0",
    )
    assert data.algorithm is Algorithm.EQUIHASH
    # "MHS 1m" 51451.63 is solutions per second on innominer: 51.45 kSol/s.
    assert data.hashrate == pytest.approx(51451.63e-12)
    assert data.expected_hashrate == pytest.approx(50_000e-12)
    assert [(b.slot, b.chips, b.expected_chips, b.missing) for b in data.hashboards] == [
        (slot, 12, 12, False) for slot in range(3)
    ]
    assert [(b.temp, b.chip_temp) for b in data.hashboards] == [(62, 71), (64, 72), (60, 67)]
    assert data.fan_percent == 35
    assert [p.url for p in data.pools] == [p["URL"] for p in captures.POOLS]
    assert [p.active for p in data.pools] == [True, False, False]
    assert data.uptime is not None
    assert data.uptime >= captures.SUMMARY["Elapsed"]
    assert data.is_mining is True
    assert data.mac == sim.mac  # the web's overview


async def test_a_poll_is_summary_stats_and_pools(start_inno: StartInno) -> None:
    sim = await start_inno()
    async with await find_miner(sim.address, timeout=3) as miner:
        await miner.get_data()
        assert sorted(sim.state.received)[-2:] == ["web auth", "web overview"]
        sim.state.received.clear()
        await miner.get_data()
    assert sorted(sim.state.received) == ["pools", "stats", "summary"]


async def test_another_miner_at_the_address_and_this_one_back_each_named(
    start_inno: StartInno,
) -> None:
    """The MAC is read again whenever the uptime does not follow the clock: another A9
    that DHCP gave the address to (just booted), then this one back (up longer than the
    other): each poll names the miner that answered it."""
    sim = await start_inno()
    other = InnoSim(A9, sim.address)
    other.address = "127.0.105.179"  # its MAC is that address's; it listens on sim's
    other.state.rebooted()
    async with await find_miner(sim.address, timeout=3) as miner:
        assert (await miner.get_data()).mac == sim.mac
        await sim.go_offline()
        async with other:
            assert (await miner.get_data()).mac == other.mac != sim.mac
        await sim.come_back()
        assert (await miner.get_data()).mac == sim.mac
        sim.state.received.clear()
        assert (await miner.get_data()).mac == sim.mac
    assert sorted(sim.state.received) == ["pools", "stats", "summary"]  # the RPC alone again


async def test_reboot_and_restart_through_the_web_renewing_an_expired_token(
    start_inno: StartInno,
) -> None:
    sim = await start_inno()
    async with await find_miner(sim.address, timeout=3) as miner:
        await miner.restart_backend()
        assert sim.state.restarts == 1
        sim.state.tokens.clear()  # the firmware forgot the token: "expired"
        await miner.restart_backend()
        assert sim.state.restarts == 2
        assert sim.state.received.count("web auth") == 2
        await miner.reboot()
        async with asyncio.timeout(5):
            while sim.online:  # noqa: ASYNC110  (the simulator has no event to wait on)
                await asyncio.sleep(0.05)


async def test_a_wrong_web_password_is_an_authentication_error(start_inno: StartInno) -> None:
    sim = await start_inno(password="changed")
    given = Credentials(password="not-it")
    async with await find_miner(sim.address, credentials=given, timeout=3) as miner:
        with pytest.raises(MinerAuthenticationError) as caught:
            await miner.restart_backend()
        assert "not-it" not in str(caught.value)
        with pytest.raises(MinerAuthenticationError):
            await miner.get_data()  # the MAC's login fails the poll: re-auth
    assert sim.state.restarts == 0


async def test_every_control_is_refused_unsent(start_inno: StartInno) -> None:
    sim = await start_inno()
    async with await find_miner(sim.address, timeout=3) as miner:
        sim.state.received.clear()
        for control in (
            miner.stop_mining(),
            miner.fault_light_on(),
            miner.set_power_limit(600),
        ):
            with pytest.raises(UnsupportedOperation, match="Innosilicon"):
                await control
    assert sim.state.received == []


async def test_a_garbled_web_answer_fails_the_control_precisely(
    start_inno: StartInno,
) -> None:
    sim = await start_inno()
    async with await find_miner(sim.address, timeout=3) as miner:
        await miner.restart_backend()  # a token now
        sim.set_fault(Fault.GARBAGE, seconds=60, protocol="http")
        with pytest.raises(MinerProtocolError, match="unreadable JSON"):
            await miner.restart_backend()
        sim.clear_faults()
        await miner.restart_backend()
    # The garbled answer's restart was done at the miner all the same (its answer, not the
    # request, was garbled).
    assert sim.state.restarts == 3


def test_a_model_without_a_row_is_read_in_its_product_lines_algorithm() -> None:
    """An A11 is an Ethash miner and a T3 a SHA-256 one: neither is counted as the A9's
    Equihash; a line not known here names no algorithm rather than a wrong one."""
    assert [algorithm_of(name) for name in ("A9", "A11", "A10X", "T3H+", "D9", "G32")] == [
        Algorithm.EQUIHASH,
        Algorithm.ETHASH,
        Algorithm.ETHASH,
        Algorithm.SHA256,
        Algorithm.X11,
        None,
    ]
