"""No IceRiver panel password, session cookie or pool password shows in what the driver
logs (any logger, DEBUG), raises (str, repr, arguments, traceback, the cause chain),
returns from a poll or shows in a repr: a good login, a session renewed, a wrong password,
and the panel's answers garbled, cut short or dropped, at the login and after it.
Simulated miners on 127.0.105.120-129."""

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
from tests.simulator.iceriver.testing import StartIceRiver, addresses, iceriver_fixture

from .leaks import WRONG_PASSWORD, Secrets, as_text, exception_texts

start_iceriver = iceriver_fixture(addresses(105, 120, 129))
PANEL_PASSWORD = "IcePanelPw4Zr"
POOL_PASSWORD = "KasPoolPw8Nq"
FAULTS = (Fault.GARBAGE, Fault.TRUNCATED, Fault.DROP)


async def test_polls_logins_and_faults_keep_the_secrets(
    start_iceriver: StartIceRiver, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    sim = await start_iceriver(password=PANEL_PASSWORD)
    sim.state.pool_password = POOL_PASSWORD
    texts: list[str] = []
    cookies: set[str] = set()
    given = Credentials(password=PANEL_PASSWORD)
    async with await find_miner(sim.address, credentials=given, timeout=3) as miner:
        texts += [repr(miner), repr(miner.credentials), repr(miner.api)]
        data = await miner.get_data()
        assert data.mac == sim.mac  # the login worked
        texts += [as_text(data), repr(data), repr(await miner.get_config())]
        cookies |= sim.state.sessions
        for at_login in (False, True):
            for fault in FAULTS:
                if at_login:
                    sim.state.expire_sessions()  # the next request renews the session
                sim.set_fault(fault, seconds=0.2, protocol="http")
                try:
                    texts.append(repr(await miner.get_data()))
                except AsicMinerError as err:
                    texts.extend(exception_texts(err))
                sim.clear_faults()
        await miner.fault_light_on()
        cookies |= sim.state.sessions
    wrong = Credentials(password=WRONG_PASSWORD)
    async with await find_miner(sim.address, credentials=wrong, timeout=3) as miner:
        with pytest.raises(MinerAuthenticationError) as raised:
            await miner.get_data()
        texts.extend(exception_texts(raised.value))
    assert cookies  # sessions were made, and are looked for below
    secrets = Secrets()
    secrets.add_login("panel password", "admin", PANEL_PASSWORD)
    secrets.add("wrong password", WRONG_PASSWORD)
    secrets.add("pool password", POOL_PASSWORD)
    for cookie in cookies:
        secrets.add("session cookie", cookie)
    logged = "\n".join(r.getMessage() + repr(r.args) for r in caplog.records)
    assert secrets.leaks(logged) == []
    for text in texts:
        assert secrets.leaks(text) == []
