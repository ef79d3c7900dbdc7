"""No Innosilicon web password or JWT shows in what the driver logs (any logger, DEBUG),
raises (str, repr, arguments, traceback, the cause chain), returns from a poll or shows in
a repr: a good login, a token renewed, a wrong password, and the web's answers garbled, cut
short or dropped. Simulated miners on 127.0.105.180-189."""

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
from tests.simulator.innosilicon.testing import StartInno, addresses, inno_fixture

from .leaks import WRONG_PASSWORD, Secrets, as_text, exception_texts

start_inno = inno_fixture(addresses(105, 180, 189))
WEB_PASSWORD = "InnoWebPw6Tj"


async def test_polls_logins_and_faults_keep_the_secrets(
    start_inno: StartInno, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    sim = await start_inno(password=WEB_PASSWORD)
    texts: list[str] = []
    tokens: set[str] = set()
    given = Credentials(password=WEB_PASSWORD)
    async with await find_miner(sim.address, credentials=given, timeout=3) as miner:
        texts += [repr(miner), repr(miner.credentials), repr(miner.api)]
        data = await miner.get_data()
        assert data.mac == sim.mac  # the login worked
        texts += [as_text(data), repr(data)]
        tokens |= sim.state.tokens
        for fault in (Fault.GARBAGE, Fault.TRUNCATED, Fault.DROP):
            sim.state.tokens.clear()  # the next command logs in again, under the fault
            sim.set_fault(fault, seconds=0.2, protocol="http")
            try:
                await miner.restart_backend()
            except AsicMinerError as err:
                texts.extend(exception_texts(err))
            sim.clear_faults()
        await miner.restart_backend()
        tokens |= sim.state.tokens
    wrong = Credentials(password=WRONG_PASSWORD)
    async with await find_miner(sim.address, credentials=wrong, timeout=3) as miner:
        with pytest.raises(MinerAuthenticationError) as raised:
            await miner.restart_backend()
        texts.extend(exception_texts(raised.value))
    assert tokens
    secrets = Secrets()
    secrets.add_login("web password", "admin", WEB_PASSWORD)
    secrets.add("wrong password", WRONG_PASSWORD)
    for token in tokens:
        secrets.add("jwt", token)
    logged = "\n".join(r.getMessage() + repr(r.args) for r in caplog.records)
    assert secrets.leaks(logged) == []
    for text in texts:
        assert secrets.leaks(text) == []
