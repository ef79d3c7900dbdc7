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

from custom_components.asic_miner.driver import (
    AsicMinerError,
    Credentials,
    MinerAuthenticationError,
    find_miner,
)
from tests.simulator.elphapex.testing import addresses
from tests.simulator.families import make_miner
from tests.simulator.faults import Fault

from .leaks import WRONG_PASSWORD, Secrets, as_text, exception_texts

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
    texts: list[str] = []
    given = Credentials(password=WEB_PASSWORD)
    async with await find_miner(sim.address, credentials=given, timeout=3) as miner:
        texts += [repr(miner), repr(miner.credentials), repr(miner.web)]
        data = await miner.get_data()
        assert data.mac == sim.mac  # the login worked
        texts += [as_text(data), repr(data)]
        await miner.stop_mining()  # the pools' passwords are sent back
        for fault in (Fault.GARBAGE, Fault.TRUNCATED, Fault.DROP):
            sim.set_fault(fault, seconds=0.2, protocol="http")
            try:
                texts.append(repr(await miner.get_data()))
            except AsicMinerError as err:
                texts.extend(exception_texts(err))
            sim.clear_faults()
    wrong = Credentials(password=WRONG_PASSWORD)
    async with await find_miner(sim.address, credentials=wrong, timeout=3) as miner:
        with pytest.raises(MinerAuthenticationError) as raised:
            await miner.get_data()
        texts.extend(exception_texts(raised.value))
    secrets = Secrets()
    secrets.add_login("web password", "root", WEB_PASSWORD)
    secrets.add("wrong password", WRONG_PASSWORD)
    secrets.add("pool password", POOL_PASSWORD)
    logged = "\n".join(r.getMessage() + repr(r.args) for r in caplog.records)
    assert secrets.leaks(logged) == []
    for text in texts:
        assert secrets.leaks(text) == []
