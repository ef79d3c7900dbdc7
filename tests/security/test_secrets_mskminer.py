"""No MSKMiner web password shows in what the driver logs (any logger, DEBUG), raises (str,
repr, arguments, traceback, the whole cause chain), returns from a poll or shows in a repr:
a good login, a wrong one, and the web's answers garbled, cut short or dropped. The
password goes in the login's form body alone. Simulated miners on 127.0.102.60-69."""

from __future__ import annotations

import logging

import pytest

from custom_components.asic_miner.driver import Credentials, find_miner
from tests.simulator.mskminer.testing import StartMsk, addresses, msk_fixture

from .leaks import (
    as_text,
    assert_kept,
    faulted_texts,
    login_secrets,
    miner_texts,
    wrong_password_texts,
)

start_msk = msk_fixture(addresses(60, 69))
MSK_PASSWORD = "MskWebPw4Tz"


async def test_polls_logins_and_faults_keep_the_password(
    start_msk: StartMsk, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    sim = await start_msk(password=MSK_PASSWORD)
    given = Credentials(password=MSK_PASSWORD)
    async with await find_miner(sim.address, credentials=given, timeout=3) as miner:
        texts = miner_texts(miner)
        data = await miner.get_data()
        assert data.mac == sim.mac  # the login worked
        texts += [as_text(data), repr(data), *miner_texts(miner)]
        texts += await faulted_texts(sim, miner.get_mac)
    texts += await wrong_password_texts(sim.address, lambda miner: miner.get_data())
    assert sim.state.logins >= 2
    assert_kept(login_secrets("web password", MSK_PASSWORD, username="admin"), texts, caplog)
