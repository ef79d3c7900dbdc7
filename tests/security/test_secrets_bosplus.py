"""No web password, session cookie or pool password of a Braiins OS+ miner (GraphQL, 22.08-
25.05) shows in what the driver logs (any logger, DEBUG), raises (the whole chain), its
reprs or the data a poll returns: with a custom password, a wrong one, a session renewed
after it ended, pools read and sent, and the answer to a pool write cut short, garbled or
dropped. On 127.0.71.150-179.
"""

from __future__ import annotations

import logging

import pytest

from custom_components.asic_miner.driver import (
    AsicMinerError,
    Credentials,
    MinerAuthenticationError,
    MinerConfig,
    PoolConfig,
)
from custom_components.asic_miner.driver.backends.braiins.graphql import BraiinsGraphQL
from tests.simulator.bosplus import BosPlusSim
from tests.simulator.bosplus.testing import StartBosPlus, bosplus_fixture
from tests.simulator.faults import Fault

from .leaks import POOL_PASSWORD, WRONG_PASSWORD, Secrets, as_text, exception_texts

start_bosplus = bosplus_fixture(150, 179)
WEB_PASSWORD = 'BosPw"8\\Qz'  # with GraphQL's own syntax in it
TIMEOUT = 1.0


def secrets_of(sim: BosPlusSim) -> Secrets:
    secrets = Secrets()
    secrets.add("web password", WEB_PASSWORD)
    secrets.add("wrong password", WRONG_PASSWORD)
    secrets.add("pool password", POOL_PASSWORD)
    for number, cookie in enumerate(sim.state.sessions):
        secrets.add(f"session {number}", cookie)
    return secrets


def miner_for(sim: BosPlusSim, password: str = WEB_PASSWORD) -> BraiinsGraphQL:
    return BraiinsGraphQL(sim.address, credentials=Credentials(password=password), timeout=TIMEOUT)


def texts(caplog: pytest.LogCaptureFixture, *values: object) -> str:
    return "\n".join([caplog.text, *(as_text(v) for v in values)])


async def test_a_poll_and_controls_show_no_secret(
    start_bosplus: StartBosPlus, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    sim = await start_bosplus(password=WEB_PASSWORD, session_seconds=0.2)
    async with miner_for(sim) as miner:
        data = await miner.get_data()
        sim.state.expire_sessions()
        data = await miner.get_data()  # renewed: a second cookie
        await miner.fault_light_on()
        await miner.send_config(
            MinerConfig(pools=[PoolConfig("stratum+tcp://pool.invalid:3333", "w.1", POOL_PASSWORD)])
        )
        config = await miner.get_config()
        after = await miner.get_data()
        seen = texts(caplog, data, after, miner, miner.graphql, miner.web, repr(config))
    assert sim.state.pools[0].password == POOL_PASSWORD  # it did reach the miner
    assert config.pools[0].password == POOL_PASSWORD  # read back, kept out of its repr
    assert len(sim.state.sessions) >= 1
    assert secrets_of(sim).leaks(seen) == []


async def test_a_wrong_password_shows_no_secret(
    start_bosplus: StartBosPlus, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    sim = await start_bosplus(password=WEB_PASSWORD)
    async with miner_for(sim, WRONG_PASSWORD) as miner:
        with pytest.raises(MinerAuthenticationError) as caught:
            await miner.get_data()
        seen = texts(caplog, miner, miner.graphql, *exception_texts(caught.value))
    assert secrets_of(sim).leaks(seen) == []


@pytest.mark.parametrize("fault", [Fault.TRUNCATED, Fault.GARBAGE, Fault.DROP])
async def test_a_damaged_answer_to_a_pool_write_shows_no_secret(
    start_bosplus: StartBosPlus, caplog: pytest.LogCaptureFixture, fault: Fault
) -> None:
    caplog.set_level(logging.DEBUG)
    sim = await start_bosplus(password=WEB_PASSWORD)
    async with miner_for(sim) as miner:
        await miner.get_data()
        sim.set_fault(fault, protocol="http")
        pools = [PoolConfig("stratum+tcp://pool.invalid:3333", "w.1", POOL_PASSWORD)]
        with pytest.raises(AsicMinerError) as caught:
            await miner.send_config(MinerConfig(pools=pools))
        seen = texts(caplog, miner, *exception_texts(caught.value))
    assert secrets_of(sim).leaks(seen) == []
