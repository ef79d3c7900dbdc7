"""No VolcMiner web password shows in what the driver logs (any logger, DEBUG), raises (str,
repr, arguments, traceback, the whole cause chain), returns from a poll or shows in a repr:
a good login, a wrong one, and the web's answers garbled, cut short or dropped; nor does a
pool password from get_miner_conf.cgi. Simulated miners on 127.0.108.60-69."""

from __future__ import annotations

import logging

import pytest

from custom_components.asic_miner.driver import (
    AsicMinerError,
    Credentials,
    MinerAuthenticationError,
    find_miner,
)
from tests.simulator.faults import Fault
from tests.simulator.hammer import HammerSim
from tests.simulator.hammer.testing import StartHammer, addresses
from tests.simulator.testing import sim_fixture

from .leaks import WRONG_PASSWORD, Secrets, as_text, exception_texts

start_hammer = sim_fixture(HammerSim, addresses(108, 60, 69), "volcminer-d1")
WEB_PASSWORD = "VolcWebPw8Zn"
POOL_PASSWORD = "PoolPw3Kd9"


async def test_polls_logins_and_faults_keep_the_password(
    start_hammer: StartHammer, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    sim = await start_hammer(password=WEB_PASSWORD)
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
