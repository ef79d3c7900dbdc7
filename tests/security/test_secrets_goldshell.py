"""No Goldshell web password, JWT token or pool password shows in what the driver logs (any
logger, DEBUG), raises (str, repr, arguments, traceback, the whole cause chain), returns
from a poll or shows in a repr: a good login, a wrong one, a token renewed, pools read and
written, and the pools reply (which lists every pool password) cut short or garbled.
Simulated miners on 127.0.104.60-79."""

from __future__ import annotations

import logging
from typing import Any

import pytest

from custom_components.asic_miner.driver import (
    AsicMinerError,
    MinerAuthenticationError,
    MinerConfig,
    PoolConfig,
)
from tests.simulator.faults import Fault
from tests.simulator.goldshell import GoldshellSim
from tests.simulator.goldshell.testing import (
    StartGoldshell,
    addresses,
    connect,
    goldshell_fixture,
)

from .leaks import POOL_PASSWORD, WRONG_PASSWORD, Secrets, as_text, exception_texts

start_goldshell = goldshell_fixture(addresses(104, 60, 79), "goldshell-sc5proii")
WEB_PASSWORD = "GoldWebPw7Qz"
HELD_POOL_PASSWORD = "HeldPoolPw5Kd"
TOKENS = ("eyJhbGciOiJSUzI1NiJ9.sim-token-one.Sig1", "eyJhbGciOiJSUzI1NiJ9.sim-token-two.Sig2")


def _secrets() -> Secrets:
    secrets = Secrets()
    secrets.add("web password", WEB_PASSWORD)
    secrets.add("wrong password", WRONG_PASSWORD)
    secrets.add("pool password", POOL_PASSWORD)
    secrets.add("held pool password", HELD_POOL_PASSWORD)
    for token in TOKENS:
        secrets.add("token", token)
    return secrets


async def _sim(start_goldshell: StartGoldshell) -> GoldshellSim:
    sim = await start_goldshell(password=WEB_PASSWORD)
    sim.state.token = TOKENS[0]
    sim.state.pools[0]["pass"] = HELD_POOL_PASSWORD
    return sim


def _check(texts: list[str], caplog: pytest.LogCaptureFixture) -> None:
    assert texts, "nothing was exercised"
    secrets = _secrets()
    logged = "\n".join(r.getMessage() + repr(r.args) for r in caplog.records)
    assert secrets.leaks(logged) == []
    for text in texts:
        assert secrets.leaks(text) == []


async def test_polls_controls_and_pools_keep_every_secret(
    start_goldshell: StartGoldshell, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    sim = await _sim(start_goldshell)
    texts: list[str] = []
    async with await connect(sim, password=WEB_PASSWORD) as miner:
        data = await miner.get_data()
        texts += [as_text(data), repr(data), repr(miner), repr(miner.api), repr(miner.credentials)]
        sim.state.token = TOKENS[1]  # renewed on the next request
        config = await miner.get_config()
        assert HELD_POOL_PASSWORD in [p.password for p in config.pools]  # it was read
        texts.append(repr(config))
        pool = PoolConfig("stratum+tcp://pool.example.org:3333", "me.rig", POOL_PASSWORD)
        await miner.send_config(MinerConfig(pools=[pool]))
        assert sim.state.pools[0]["pass"] == POOL_PASSWORD  # it was sent
        await miner.stop_mining()
        texts.append(as_text(await miner.get_data()))
    assert sim.state.logins == 2
    _check(texts, caplog)


async def test_a_wrong_password_error_names_no_password(
    start_goldshell: StartGoldshell, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    sim = await _sim(start_goldshell)
    async with await connect(sim, password=WRONG_PASSWORD) as miner:
        with pytest.raises(MinerAuthenticationError) as caught:
            await miner.get_data()
        texts = [*exception_texts(caught.value), repr(miner)]
        with pytest.raises(MinerAuthenticationError) as caught:
            await miner.check_credentials()
        texts += exception_texts(caught.value)
    _check(texts, caplog)


@pytest.mark.parametrize("fault", [Fault.TRUNCATED, Fault.GARBAGE, Fault.DROP])
async def test_a_damaged_pools_reply_leaks_no_pool_password(
    start_goldshell: StartGoldshell, caplog: pytest.LogCaptureFixture, fault: Fault
) -> None:
    caplog.set_level(logging.DEBUG)
    sim = await _sim(start_goldshell)
    texts: list[str] = []
    async with await connect(sim, password=WEB_PASSWORD) as miner:
        await miner.get_data()
        sim.set_fault(fault, protocol="http")
        errors: list[Any] = []
        for call in (miner.get_config, miner.get_data, miner.stop_mining):
            try:
                await call()
            except AsicMinerError as err:
                errors.append(err)
        assert errors, "the fault failed nothing"
        for err in errors:
            texts += exception_texts(err)
    _check(texts, caplog)
