"""No MARA web password or pool password shows in what the driver logs (any logger,
DEBUG), raises (str, repr, arguments, traceback, the whole cause chain), returns from a
poll or shows in a repr: a good login, a wrong one, pools read and written, and the
miner_config reply (which lists every pool password) cut short, garbled or dropped.
Simulated miners on 127.0.100.110-129."""

from __future__ import annotations

import logging

import pytest

from custom_components.asic_miner.driver import AsicMinerError, NumberKey
from tests.simulator.faults import Fault
from tests.simulator.marathon import MaraSim
from tests.simulator.marathon.state import MaraState
from tests.simulator.marathon.testing import StartMara, addresses, connect, mara_fixture

from .leaks import (
    POOL_PASSWORD,
    WRONG_PASSWORD,
    as_text,
    assert_kept,
    cut_after,
    damaged_texts,
    exception_texts,
    login_secrets,
    poll_texts,
    pools_texts,
    refusal_texts,
)

start_mara = mara_fixture(addresses(100, 110, 129))
WEB_PASSWORD = "MaraWebPw8Lx"
HELD_POOL_PASSWORD = "HeldPoolPw2Mq"  # one the miner already has for a pool
SECRETS = login_secrets("web password", WEB_PASSWORD, held_pool_password=HELD_POOL_PASSWORD)


async def _sim(start_mara: StartMara) -> MaraSim:
    sim = await start_mara(password=WEB_PASSWORD)
    sim.state.pools[1].password = HELD_POOL_PASSWORD
    return sim


async def test_polls_controls_and_pools_keep_every_secret(
    start_mara: StartMara, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    sim = await _sim(start_mara)
    async with await connect(sim, password=WEB_PASSWORD) as miner:
        texts = await poll_texts(miner)
        texts += await pools_texts(miner, HELD_POOL_PASSWORD)
        assert sim.state.pools[0].password == POOL_PASSWORD  # it was sent
        await miner.set_number(NumberKey.POWER_TARGET, 3000)
        await miner.stop_mining()
        texts.append(as_text(await miner.get_data()))
    assert_kept(SECRETS, texts, caplog)


async def test_a_wrong_password_error_names_no_password(
    start_mara: StartMara, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    sim = await _sim(start_mara)
    async with await connect(sim, password=WEB_PASSWORD) as miner:
        await miner.get_data()
    async with await connect(sim, password=WRONG_PASSWORD) as miner:
        texts = await refusal_texts(miner.get_data, miner.check_credentials)
        texts.append(repr(miner))
    assert_kept(SECRETS, texts, caplog)


@pytest.mark.parametrize("fault", [Fault.TRUNCATED, Fault.GARBAGE, Fault.DROP])
async def test_a_damaged_miner_config_leaks_no_pool_password(
    start_mara: StartMara, caplog: pytest.LogCaptureFixture, fault: Fault
) -> None:
    caplog.set_level(logging.DEBUG)
    sim = await _sim(start_mara)
    async with await connect(sim, password=WEB_PASSWORD) as miner:
        texts = await damaged_texts(
            sim, miner, fault, miner.get_config, miner.get_data, miner.stop_mining
        )
    assert_kept(SECRETS, texts, caplog)


async def test_a_miner_config_cut_right_after_a_pool_password_leaks_it_nowhere(
    start_mara: StartMara, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The parser quotes the end of a cut reply: the cut is placed just after a pool
    password (the simulator's TRUNCATED keeps 3/5 of the body)."""
    caplog.set_level(logging.DEBUG)
    sim = await _sim(start_mara)
    head = {"pools": [{"url": "h.example:1", "user": "u", "pass": HELD_POOL_PASSWORD}]}
    reply = cut_after(head, HELD_POOL_PASSWORD, "mode")
    monkeypatch.setattr(MaraState, "miner_config", lambda self: reply)
    async with await connect(sim, password=WEB_PASSWORD) as miner:
        sim.set_fault(Fault.TRUNCATED, protocol="http")
        with pytest.raises(AsicMinerError) as caught:
            await miner.get_config()
        texts = list(exception_texts(caught.value))
    assert_kept(SECRETS, texts, caplog)
