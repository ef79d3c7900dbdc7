"""MARA firmware told apart from the stock Antminer firmware whose "antMiner" digest realm
it shares, both ways; its login (root/root as shipped, a custom one, a wrong one raised for
re-authentication) and its faults, each a precise error. Simulated MARA miners on
127.0.99.110-159, stock Antminers on 127.0.100.10-59, bare sockets on 127.0.100.60-99."""

from __future__ import annotations

import asyncio
import itertools
import time

import pytest

from custom_components.asic_miner.driver import (
    Credentials,
    MinerAuthenticationError,
    find_miner,
)
from custom_components.asic_miner.driver.backends.antminer.backend import AntminerModern
from custom_components.asic_miner.driver.backends.marathon.backend import Marathon
from tests.simulator.antminer.miner import SimulatedMiner
from tests.simulator.faults import Fault
from tests.simulator.marathon import MaraSim
from tests.simulator.marathon.testing import KS5PRO, StartMara, addresses, connect, mara_fixture
from tests.simulator.testing import sim_fixture

from .web_faults import BROKEN_REPLIES, poll_under, poll_while_offline, poll_while_silent

start_mara = mara_fixture(addresses(99, 110, 159))
start_stock = sim_fixture(SimulatedMiner, addresses(100, 10, 59), "antminer-s19pro")
_BARE = itertools.cycle(f"127.0.100.{n}" for n in range(60, 100))


async def test_mara_is_found_by_its_web_api_alone_and_quickly(start_mara: StartMara) -> None:
    sim = await start_mara()  # no RPC on 4028: the realm, then GET /kaonsu/v1/brief
    started = time.monotonic()
    async with await connect(sim) as miner:
        assert time.monotonic() - started < 2.5
        assert isinstance(miner, Marathon)
    assert ("GET", "brief") in sim.state.received


@pytest.mark.parametrize("rpc_port", [4028, 14028], ids=["rpc-on", "rpc-off"])
async def test_a_stock_antminer_is_never_taken_for_mara(start_stock, rpc_port: int) -> None:
    sim = await start_stock(rpc_port=rpc_port)
    async with await find_miner(sim.address, timeout=3) as miner:
        assert type(miner) is AntminerModern
        assert miner.model == "S19 Pro"
        assert (await miner.get_data()).hashrate


async def test_a_custom_password_and_the_default_refused(start_mara: StartMara) -> None:
    sim = await start_mara(password="n3w&pass=+%")
    async with await connect(sim, password="n3w&pass=+%") as miner:
        assert isinstance(miner, Marathon)
        await miner.check_credentials()
    async with Marathon(sim.address, timeout=3) as miner:  # root/root as shipped
        with pytest.raises(MinerAuthenticationError, match="rejected the username or password"):
            await miner.get_data()


async def test_a_wrong_password_fails_every_poll_for_reauthentication(
    start_mara: StartMara,
) -> None:
    sim = await start_mara()
    async with await connect(sim) as miner:
        await miner.get_data()
        sim.set_fault(Fault.WRONG_PASSWORD)
        with pytest.raises(MinerAuthenticationError):
            await miner.get_data()
        with pytest.raises(MinerAuthenticationError):
            await miner.stop_mining()
        sim.clear_faults()
        assert (await miner.get_data()).is_mining is True


async def test_kaonsu_in_the_rpc_answer_names_mara_whatever_the_web_says(
    start_mara: StartMara,
) -> None:
    address = next(_BARE)
    sim = MaraSim(KS5PRO, address, password="not-the-default")

    # Only the marker matters here (pyasic's and asic-rs's check): a reply naming KAONSU.
    async def answer(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await reader.read(1000)
        writer.write(b'{"STATUS":[{"STATUS":"S","Msg":"KAONSU"}],"id":1}')
        await writer.drain()
        writer.close()

    server = await asyncio.start_server(answer, address, 4028)
    try:
        async with sim, await find_miner(address, timeout=3) as miner:
            assert isinstance(miner, Marathon)
            assert miner.model is None  # the overview needs the login
            with pytest.raises(MinerAuthenticationError):
                await miner.get_data()
    finally:
        server.close()
        await server.wait_closed()


@BROKEN_REPLIES
async def test_broken_replies_fail_the_poll_precisely(
    start_mara: StartMara, fault: Fault, error: type[Exception]
) -> None:
    sim = await start_mara()
    async with await connect(sim) as miner:
        assert (await poll_under(sim, miner, fault, error, protocol=None)).hashrate


async def test_silence_is_a_timeout_and_offline_a_connection_error(
    start_mara: StartMara,
) -> None:
    sim = await start_mara()
    async with await connect(sim, seconds=0.5) as miner:
        assert (await poll_while_silent(sim, miner, protocol=None)).is_mining is True
        assert (await poll_while_offline(sim, miner)).is_mining is True


async def test_defaults_are_root_root() -> None:
    assert Credentials().resolve(Marathon.family) == Credentials("root", "root")
