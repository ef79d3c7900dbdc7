"""No MSKMiner web password shows in what the driver logs (any logger, DEBUG), raises (str,
repr, arguments, traceback, the whole cause chain), returns from a poll or shows in a repr:
a good login, a wrong one, and the web's answers garbled, cut short or dropped. The
password goes in the login's form body alone. Simulated miners on 127.0.102.60-69."""

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
from tests.simulator.mskminer.testing import StartMsk, addresses, msk_fixture

from .leaks import WRONG_PASSWORD, Secrets, as_text, exception_texts

start_msk = msk_fixture(addresses(60, 69))
MSK_PASSWORD = "MskWebPw4Tz"


async def test_polls_logins_and_faults_keep_the_password(
    start_msk: StartMsk, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    sim = await start_msk(password=MSK_PASSWORD)
    texts: list[str] = []
    given = Credentials(password=MSK_PASSWORD)
    async with await find_miner(sim.address, credentials=given, timeout=3) as miner:
        texts += [repr(miner), repr(miner.credentials), repr(miner.web)]
        data = await miner.get_data()
        assert data.mac == sim.mac  # the login worked
        texts += [as_text(data), repr(data)]
        for fault in (Fault.GARBAGE, Fault.TRUNCATED, Fault.DROP):
            sim.set_fault(fault, seconds=0.2, protocol="http")
            try:
                texts.append(repr(await miner.get_mac()))
            except AsicMinerError as err:
                texts.extend(exception_texts(err))
            sim.clear_faults()
    wrong = Credentials(password=WRONG_PASSWORD)
    async with await find_miner(sim.address, credentials=wrong, timeout=3) as miner:
        with pytest.raises(MinerAuthenticationError) as raised:
            await miner.get_data()
        texts.extend(exception_texts(raised.value))
    assert sim.state.logins >= 2
    secrets = Secrets()
    secrets.add_login("web password", "admin", MSK_PASSWORD)
    secrets.add("wrong password", WRONG_PASSWORD)
    logged = "\n".join(r.getMessage() + repr(r.args) for r in caplog.records)
    assert secrets.leaks(logged) == []
    for text in texts:
        assert secrets.leaks(text) == []
