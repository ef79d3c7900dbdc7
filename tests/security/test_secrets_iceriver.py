"""No IceRiver panel password or pool password shows in what the driver logs (any logger,
DEBUG), raises (str, repr, arguments, traceback, the cause chain), returns from a poll or
shows in a repr: a good login, a login renewed, a wrong password, the pools read and
written (the pool password the miner holds, the one sent), and the panel's answers
garbled, cut short or dropped, at the login, after it and under a pool write. The panel
sets no cookie (the firmware's user.c), so there is none to look for. Simulated miners
on 127.0.105.120-129 and 127.0.118.50-59."""

from __future__ import annotations

import logging

import pytest

from custom_components.asic_miner.driver import Credentials, find_miner
from tests.simulator.iceriver.testing import StartIceRiver, addresses, iceriver_fixture

from .leaks import (
    POOL_PASSWORD as SENT_POOL_PASSWORD,
)
from .leaks import (
    as_text,
    assert_kept,
    faulted_texts,
    login_secrets,
    miner_texts,
    pools_texts,
    wrong_password_texts,
)

start_iceriver = iceriver_fixture(addresses(105, 120, 129))
start_writable = iceriver_fixture(addresses(118, 50, 59))
PANEL_PASSWORD = "IcePanelPw4Zr"
POOL_PASSWORD = "KasPoolPw8Nq"


async def test_polls_logins_and_faults_keep_the_secrets(
    start_iceriver: StartIceRiver, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    sim = await start_iceriver(password=PANEL_PASSWORD)
    sim.state.pool_password = POOL_PASSWORD
    given = Credentials(password=PANEL_PASSWORD)
    async with await find_miner(sim.address, credentials=given, timeout=3) as miner:
        texts = miner_texts(miner)
        data = await miner.get_data()
        assert data.mac == sim.mac  # the login worked
        texts += [as_text(data), repr(data), repr(await miner.get_config()), *miner_texts(miner)]
        texts += await faulted_texts(sim, miner.get_data)
        # at the login: the next request renews the session, under the fault
        texts += await faulted_texts(sim, miner.get_data, before=sim.state.expire_sessions)
        await miner.fault_light_on()
    texts += await wrong_password_texts(sim.address, lambda miner: miner.get_data())
    secrets = login_secrets("panel password", PANEL_PASSWORD, username="admin")
    secrets.add("pool password (KAS)", POOL_PASSWORD)
    assert_kept(secrets, texts, caplog)


async def test_pool_writes_keep_the_pool_passwords(
    start_writable: StartIceRiver, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    sim = await start_writable(password=PANEL_PASSWORD)
    sim.state.pool_password = POOL_PASSWORD
    given = Credentials(password=PANEL_PASSWORD)
    async with await find_miner(sim.address, credentials=given, timeout=3) as miner:
        texts = await pools_texts(miner, POOL_PASSWORD)
        assert [p["pass"] for p in sim.state.pools] == [SENT_POOL_PASSWORD, "", ""]
        config = await miner.get_config()
        texts += [repr(config), as_text(await miner.get_data()), *miner_texts(miner)]
        texts += await faulted_texts(sim, lambda: miner.send_config(config))
    secrets = login_secrets("panel password", PANEL_PASSWORD, username="admin")
    secrets.add("pool password held", POOL_PASSWORD)
    secrets.add("pool password sent", SENT_POOL_PASSWORD)
    assert_kept(secrets, texts, caplog)
