"""No IceRiver panel password, session cookie or pool password shows in what the driver
logs (any logger, DEBUG), raises (str, repr, arguments, traceback, the cause chain),
returns from a poll or shows in a repr: a good login, a session renewed, a wrong password,
and the panel's answers garbled, cut short or dropped, at the login and after it.
Simulated miners on 127.0.105.120-129."""

from __future__ import annotations

import logging

import pytest

from custom_components.asic_miner.driver import Credentials, find_miner
from tests.simulator.iceriver.testing import StartIceRiver, addresses, iceriver_fixture

from .leaks import (
    as_text,
    assert_kept,
    faulted_texts,
    login_secrets,
    miner_texts,
    wrong_password_texts,
)

start_iceriver = iceriver_fixture(addresses(105, 120, 129))
PANEL_PASSWORD = "IcePanelPw4Zr"
POOL_PASSWORD = "KasPoolPw8Nq"


async def test_polls_logins_and_faults_keep_the_secrets(
    start_iceriver: StartIceRiver, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    sim = await start_iceriver(password=PANEL_PASSWORD)
    sim.state.pool_password = POOL_PASSWORD
    cookies: set[str] = set()
    given = Credentials(password=PANEL_PASSWORD)
    async with await find_miner(sim.address, credentials=given, timeout=3) as miner:
        texts = miner_texts(miner)
        data = await miner.get_data()
        assert data.mac == sim.mac  # the login worked
        texts += [as_text(data), repr(data), repr(await miner.get_config()), *miner_texts(miner)]
        cookies |= sim.state.sessions
        texts += await faulted_texts(sim, miner.get_data)
        # at the login: the next request renews the session, under the fault
        texts += await faulted_texts(sim, miner.get_data, before=sim.state.expire_sessions)
        await miner.fault_light_on()
        cookies |= sim.state.sessions
    texts += await wrong_password_texts(sim.address, lambda miner: miner.get_data())
    assert cookies  # sessions were made, and are looked for below
    secrets = login_secrets("panel password", PANEL_PASSWORD, username="admin")
    secrets.add("pool password (KAS)", POOL_PASSWORD)
    for cookie in cookies:
        secrets.add("session cookie", cookie)
    assert_kept(secrets, texts, caplog)
