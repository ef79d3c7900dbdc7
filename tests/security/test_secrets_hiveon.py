"""No Hiveon web password or pool password shows in what the driver logs (any logger,
DEBUG), raises (str, repr, arguments, traceback, the whole cause chain), returns from a
poll or shows in a repr: a good login, a wrong one, pools read (get_miner_conf.cgi lists
every pool password) and written, and the configuration reply cut short, garbled or
dropped. Simulated miners on 127.0.101.81-89 (Home Assistant's side:
test_secrets_home_assistant.py's "hiveon" case)."""

from __future__ import annotations

import logging

import pytest

from custom_components.asic_miner.driver import Credentials, find_miner
from tests.simulator.hiveon.testing import StartHiveon, addresses, hiveon_fixture

from .leaks import (
    ANTMINER_PASSWORD,
    POOL_PASSWORD,
    as_text,
    assert_kept,
    faulted_texts,
    login_secrets,
    miner_texts,
    pools_texts,
    wrong_password_texts,
)

start_hiveon = hiveon_fixture(addresses(81, 89))
HELD_POOL_PASSWORD = "HvHeldPw8Lq"  # one the miner already holds


async def test_polls_pools_and_faults_keep_every_secret(
    start_hiveon: StartHiveon, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    sim = await start_hiveon(password=ANTMINER_PASSWORD)
    sim.state.pools[0]["pass"] = HELD_POOL_PASSWORD
    credentials = Credentials(password=ANTMINER_PASSWORD)
    async with await find_miner(sim.address, credentials=credentials, timeout=3) as miner:
        texts = miner_texts(miner)
        data = await miner.get_data()
        texts += [as_text(data), repr(data)]
        texts += await pools_texts(miner, HELD_POOL_PASSWORD)
        assert sim.state.pools[0]["pass"] == POOL_PASSWORD  # it was sent
        texts += await faulted_texts(sim, miner.get_config, protocol=None)
    texts += await wrong_password_texts(sim.address, lambda miner: miner.get_config())
    secrets = login_secrets(
        "web password", ANTMINER_PASSWORD, username="root", held_pool_password=HELD_POOL_PASSWORD
    )
    assert_kept(secrets, texts, caplog)
