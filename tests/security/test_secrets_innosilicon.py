"""No Innosilicon web password or JWT shows in what the driver logs (any logger, DEBUG),
raises (str, repr, arguments, traceback, the cause chain), returns from a poll or shows in
a repr: a good login, a token renewed, a wrong password, and the web's answers garbled, cut
short or dropped. Simulated miners on 127.0.105.180-189."""

from __future__ import annotations

import logging

import pytest

from custom_components.asic_miner.driver import Credentials, find_miner
from tests.simulator.innosilicon.testing import StartInno, addresses, inno_fixture

from .leaks import (
    as_text,
    assert_kept,
    faulted_texts,
    login_secrets,
    miner_texts,
    wrong_password_texts,
)

start_inno = inno_fixture(addresses(105, 180, 189))
WEB_PASSWORD = "InnoWebPw6Tj"


async def test_polls_logins_and_faults_keep_the_secrets(
    start_inno: StartInno, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    sim = await start_inno(password=WEB_PASSWORD)
    tokens: set[str] = set()
    given = Credentials(password=WEB_PASSWORD)
    async with await find_miner(sim.address, credentials=given, timeout=3) as miner:
        texts = miner_texts(miner)
        data = await miner.get_data()
        assert data.mac == sim.mac  # the login worked
        texts += [as_text(data), repr(data), *miner_texts(miner)]
        tokens |= sim.state.tokens
        # each time, the next command logs in again, under the fault
        texts += await faulted_texts(sim, miner.restart_backend, before=sim.state.tokens.clear)
        await miner.restart_backend()
        tokens |= sim.state.tokens
    texts += await wrong_password_texts(sim.address, lambda miner: miner.restart_backend())
    assert tokens
    secrets = login_secrets("web password", WEB_PASSWORD, username="admin")
    for token in tokens:
        secrets.add("jwt", token)
    assert_kept(secrets, texts, caplog)
