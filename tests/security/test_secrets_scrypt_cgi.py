"""No web password of the Scrypt makes with an Antminer-like CGI (Elphapex, Hammer,
VolcMiner) shows in what the driver logs (any logger, DEBUG), raises (str, repr,
arguments, traceback, the whole cause chain), returns from a poll or shows in a repr: a
good login, a wrong one, and the web's answers garbled, cut short or dropped; nor does a
pool password from get_miner_conf.cgi, which a stop sends back. Simulated miners on
127.0.107.60-69."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from typing import Any

import pytest

from custom_components.asic_miner.driver import Credentials, find_miner
from tests.simulator.elphapex.testing import addresses
from tests.simulator.families import make_miner

from .leaks import (
    as_text,
    assert_kept,
    faulted_texts,
    login_secrets,
    miner_texts,
    wrong_password_texts,
)

_POOL = addresses(107, 60, 69)
WEB_PASSWORD = "CgiWebPw7Qx"
POOL_PASSWORD = "PoolPw3Kd9"


@pytest.fixture
async def sims() -> AsyncIterator[list[Any]]:
    started: list[Any] = []
    yield started
    for sim in started:
        await sim.stop()


@pytest.mark.parametrize("model", ["elphapex-dg1plus", "hammer-d10", "volcminer-d1"])
async def test_polls_logins_and_faults_keep_the_password(
    model: str, sims: list[Any], caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    sim = make_miner(model, next(_POOL), password=WEB_PASSWORD, reboot_seconds=0.3)
    await sim.start()
    sims.append(sim)
    for pool in sim.state.pools:
        pool["pass"] = POOL_PASSWORD
    given = Credentials(password=WEB_PASSWORD)
    async with await find_miner(sim.address, credentials=given, timeout=3) as miner:
        texts = miner_texts(miner)
        data = await miner.get_data()
        assert data.mac == sim.mac  # the login worked
        texts += [as_text(data), repr(data)]
        await miner.stop_mining()  # the pools' passwords are sent back
        texts += await faulted_texts(sim, miner.get_data)
    texts += await wrong_password_texts(sim.address, lambda miner: miner.get_data())
    secrets = login_secrets("web password", WEB_PASSWORD, username="root")
    secrets.add("pool password (held)", POOL_PASSWORD)
    assert_kept(secrets, texts, caplog)
