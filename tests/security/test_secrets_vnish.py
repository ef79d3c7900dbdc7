"""No VNish unlock password, token or pool password shows in what the driver logs (any
logger, DEBUG), raises (str, repr, arguments, traceback, the whole cause chain), returns
from a poll or shows in a repr: a good login, a wrong one, a token renewed, pools read and
written, and the settings reply (which lists every pool password) cut short, garbled or
dropped. Simulated miners on 127.0.73.210-229."""

from __future__ import annotations

import logging

import pytest

from custom_components.asic_miner.driver import AsicMinerError, NumberKey
from tests.simulator.faults import Fault
from tests.simulator.vnish import VnishSim
from tests.simulator.vnish import replies as sim_replies
from tests.simulator.vnish.testing import AIR, HYDRO, StartVnish, addresses, connect, vnish_fixture

from .leaks import (
    POOL_PASSWORD,
    WRONG_PASSWORD,
    Secrets,
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

start_vnish = vnish_fixture(addresses(210, 229))
UNLOCK_PASSWORD = "VnUnl0ck7Qz"
HELD_POOL_PASSWORD = "HeldPoolPw5Kx"  # one the miner already has for a pool


def _secrets(sim: VnishSim) -> Secrets:
    secrets = login_secrets(
        "unlock password", UNLOCK_PASSWORD, held_pool_password=HELD_POOL_PASSWORD
    )
    for token in sim.state.tokens:
        secrets.add("token", token)
        secrets.add("token (cut short)", token[:12])
    return secrets


async def _sim(start_vnish: StartVnish, model: str = AIR) -> VnishSim:
    sim = await start_vnish(model, password=UNLOCK_PASSWORD)
    sim.state.pools[1].password = HELD_POOL_PASSWORD
    return sim


def _check(sim: VnishSim, texts: list[str], caplog: pytest.LogCaptureFixture) -> None:
    assert sim.state.tokens, "no token was issued"
    assert_kept(_secrets(sim), texts, caplog)  # tokens as issued by now


@pytest.mark.parametrize("model", [AIR, HYDRO])
async def test_polls_controls_and_pools_keep_every_secret(
    start_vnish: StartVnish, caplog: pytest.LogCaptureFixture, model: str
) -> None:
    caplog.set_level(logging.DEBUG)
    sim = await _sim(start_vnish, model)
    async with await connect(sim, password=UNLOCK_PASSWORD) as miner:
        texts = await poll_texts(miner)
        sim.state.forget_tokens()  # renewed on the next control
        texts += await pools_texts(miner, HELD_POOL_PASSWORD)
        assert sim.state.pools[0].password == POOL_PASSWORD  # it was sent
        await miner.set_number(NumberKey.POWER_TARGET, 6619 if model == HYDRO else 3200)
        texts.append(as_text(await miner.get_data()))
    _check(sim, texts, caplog)


async def test_a_wrong_password_error_names_no_password(
    start_vnish: StartVnish, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    sim = await _sim(start_vnish)
    async with await connect(sim, password=WRONG_PASSWORD) as miner:
        texts = await refusal_texts(miner.get_data, miner.check_credentials)
        texts.append(repr(miner))
    assert_kept(_secrets(sim), texts, caplog)


@pytest.mark.parametrize("fault", [Fault.TRUNCATED, Fault.GARBAGE, Fault.DROP])
async def test_a_damaged_settings_reply_leaks_no_pool_password(
    start_vnish: StartVnish, caplog: pytest.LogCaptureFixture, fault: Fault
) -> None:
    caplog.set_level(logging.DEBUG)
    sim = await _sim(start_vnish)
    async with await connect(sim, password=UNLOCK_PASSWORD) as miner:
        texts = await damaged_texts(sim, miner, fault, miner.get_config, miner.check_credentials)
    _check(sim, texts, caplog)


async def test_a_settings_reply_cut_right_after_a_pool_password_leaks_it_nowhere(
    start_vnish: StartVnish, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The parser quotes the end of a cut reply: the cut is placed just after a pool
    password (the simulator's TRUNCATED keeps 3/5 of the body), which the error must not
    carry."""
    caplog.set_level(logging.DEBUG)
    sim = await _sim(start_vnish)
    head = {"miner": {"pools": [{"url": "h.example:1", "user": "u", "pass": HELD_POOL_PASSWORD}]}}
    reply = cut_after(head, HELD_POOL_PASSWORD, "ui", separators=(",", ":"))
    monkeypatch.setattr(sim_replies, "settings", lambda state: reply)
    async with await connect(sim, password=UNLOCK_PASSWORD) as miner:
        await miner.check_credentials()  # the token is in before the cut
        sim.set_fault(Fault.TRUNCATED, protocol="http")
        with pytest.raises(AsicMinerError) as caught:
            await miner.get_config()
        texts = list(exception_texts(caught.value))
    _check(sim, texts, caplog)
