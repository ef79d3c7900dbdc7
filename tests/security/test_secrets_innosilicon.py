"""No Innosilicon web password, JWT or pool password shows in what the driver logs (any
logger, DEBUG), raises (str, repr, arguments, traceback, the cause chain), returns from a
poll or shows in a repr: a good login, a token renewed, a wrong password, the web's
answers garbled, cut short or dropped, the pools read and written (a token renewed for the
write), and the pools answer damaged or cut just after a pool password. Simulated miners
on 127.0.105.180-189."""

from __future__ import annotations

import logging

import pytest

from custom_components.asic_miner.driver import (
    AsicMinerError,
    Credentials,
    Miner,
    MinerConfig,
    PoolConfig,
    find_miner,
)
from tests.simulator.faults import Fault
from tests.simulator.innosilicon import InnoSim, captures
from tests.simulator.innosilicon.testing import StartInno, addresses, inno_fixture

from .leaks import (
    POOL_PASSWORD,
    Secrets,
    as_text,
    assert_kept,
    cut_after,
    damaged_texts,
    exception_texts,
    faulted_texts,
    login_secrets,
    miner_texts,
    poll_texts,
    pools_texts,
    wrong_password_texts,
)

start_inno = inno_fixture(addresses(105, 180, 189))
WEB_PASSWORD = "InnoWebPw6Tj"
HELD_POOL_PASSWORD = "HeldInnoPoolPw2Vx"


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


async def _pools_sim(start_inno: StartInno) -> InnoSim:
    sim = await start_inno(password=WEB_PASSWORD)
    sim.state.pools[0]["pass"] = HELD_POOL_PASSWORD
    return sim


async def _connect(sim: InnoSim) -> Miner:
    return await find_miner(sim.address, credentials=Credentials(password=WEB_PASSWORD), timeout=3)


def _pool_secrets(tokens: set[str]) -> Secrets:
    secrets = login_secrets(
        "web password", WEB_PASSWORD, username="admin", held_pool_password=HELD_POOL_PASSWORD
    )
    for token in tokens:
        secrets.add("jwt", token)
    return secrets


async def test_pools_read_and_written_keep_every_pool_password(
    start_inno: StartInno, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    sim = await _pools_sim(start_inno)
    async with await _connect(sim) as miner:
        texts = await poll_texts(miner)
        tokens = set(sim.state.tokens)
        config = await miner.get_config()
        sim.state.tokens.clear()  # the write is refused "expired", then sent again
        await miner.send_config(config)
        tokens |= sim.state.tokens
        texts += await pools_texts(miner, HELD_POOL_PASSWORD)
        assert sim.state.pools[0]["pass"] == POOL_PASSWORD  # it was sent
        texts += await poll_texts(miner)  # the new pool mined with
    assert sim.state.received.count("web updatePools") == 3
    assert_kept(_pool_secrets(tokens), texts, caplog)


@pytest.mark.parametrize("fault", [Fault.TRUNCATED, Fault.GARBAGE, Fault.DROP])
async def test_damaged_pool_answers_leak_no_pool_password(
    start_inno: StartInno, caplog: pytest.LogCaptureFixture, fault: Fault
) -> None:
    caplog.set_level(logging.DEBUG)
    sim = await _pools_sim(start_inno)
    pool = PoolConfig("stratum+tcp://pool.example.org:3333", "me.rig", POOL_PASSWORD)
    async with await _connect(sim) as miner:
        texts = await damaged_texts(
            sim, miner, fault, miner.get_config, lambda: miner.send_config(MinerConfig([pool]))
        )
    assert_kept(_pool_secrets(sim.state.tokens), texts, caplog)


async def test_a_pools_answer_cut_just_after_a_pool_password_is_not_quoted(
    start_inno: StartInno, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    caplog.set_level(logging.DEBUG)
    sim = await _pools_sim(start_inno)
    head = captures.peer_pools_answer(sim.state.pools)
    reply = cut_after(head, HELD_POOL_PASSWORD, "more")
    monkeypatch.setattr(captures, "peer_pools_answer", lambda pools: reply)
    async with await _connect(sim) as miner:
        await miner.get_data()  # logged in: the cut falls on the pools answer alone
        sim.set_fault(Fault.TRUNCATED, protocol="http")
        with pytest.raises(AsicMinerError) as caught:
            await miner.get_config()
        texts = list(exception_texts(caught.value))
    assert_kept(_pool_secrets(sim.state.tokens), texts, caplog)
