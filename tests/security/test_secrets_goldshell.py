"""No Goldshell web password, JWT token or pool password shows in what the driver logs (any
logger, DEBUG), raises (str, repr, arguments, traceback, the whole cause chain), returns
from a poll or shows in a repr: a good login, a wrong one, a token renewed, pools read and
written, and the pools reply (which lists every pool password) cut short or garbled.
Simulated miners on 127.0.104.60-79."""

from __future__ import annotations

import logging

import pytest

from tests.simulator.faults import Fault
from tests.simulator.goldshell import GoldshellSim
from tests.simulator.goldshell.testing import (
    StartGoldshell,
    addresses,
    connect,
    goldshell_fixture,
)

from .leaks import (
    POOL_PASSWORD,
    WRONG_PASSWORD,
    Secrets,
    as_text,
    assert_kept,
    damaged_texts,
    login_secrets,
    poll_texts,
    pools_texts,
    refusal_texts,
)

start_goldshell = goldshell_fixture(addresses(104, 60, 79), "goldshell-sc5proii")
WEB_PASSWORD = "GoldWebPw7Qz"
HELD_POOL_PASSWORD = "HeldPoolPw5Kd"
TOKENS = ("eyJhbGciOiJSUzI1NiJ9.sim-token-one.Sig1", "eyJhbGciOiJSUzI1NiJ9.sim-token-two.Sig2")


def _secrets() -> Secrets:
    secrets = login_secrets("web password", WEB_PASSWORD, held_pool_password=HELD_POOL_PASSWORD)
    for token in TOKENS:
        secrets.add("token", token)
    return secrets


async def _sim(start_goldshell: StartGoldshell) -> GoldshellSim:
    sim = await start_goldshell(password=WEB_PASSWORD)
    sim.state.token = TOKENS[0]
    sim.state.pools[0]["pass"] = HELD_POOL_PASSWORD
    return sim


async def test_polls_controls_and_pools_keep_every_secret(
    start_goldshell: StartGoldshell, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    sim = await _sim(start_goldshell)
    async with await connect(sim, password=WEB_PASSWORD) as miner:
        texts = await poll_texts(miner)
        sim.state.token = TOKENS[1]  # renewed on the next request
        texts += await pools_texts(miner, HELD_POOL_PASSWORD)
        assert sim.state.pools[0]["pass"] == POOL_PASSWORD  # it was sent
        await miner.stop_mining()
        texts.append(as_text(await miner.get_data()))
    assert sim.state.logins == 2
    assert_kept(_secrets(), texts, caplog)


async def test_a_wrong_password_error_names_no_password(
    start_goldshell: StartGoldshell, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    sim = await _sim(start_goldshell)
    async with await connect(sim, password=WRONG_PASSWORD) as miner:
        texts = await refusal_texts(miner.get_data, miner.check_credentials)
        texts.append(repr(miner))
    assert_kept(_secrets(), texts, caplog)


@pytest.mark.parametrize("fault", [Fault.TRUNCATED, Fault.GARBAGE, Fault.DROP])
async def test_a_damaged_pools_reply_leaks_no_pool_password(
    start_goldshell: StartGoldshell, caplog: pytest.LogCaptureFixture, fault: Fault
) -> None:
    caplog.set_level(logging.DEBUG)
    sim = await _sim(start_goldshell)
    async with await connect(sim, password=WEB_PASSWORD) as miner:
        texts = await damaged_texts(
            sim, miner, fault, miner.get_config, miner.get_data, miner.stop_mining
        )
    assert_kept(_secrets(), texts, caplog)
