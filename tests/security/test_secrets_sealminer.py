"""No SealMiner web password or session cookie shows in what the driver logs (any logger,
DEBUG), raises (str, repr, arguments, traceback, the whole cause chain), returns from a
poll or shows in a repr: a good login, a session renewed, a wrong password. Simulated
miners on 127.0.110.110-129."""

from __future__ import annotations

import logging
from typing import Any

import pytest

from custom_components.asic_miner.driver import NumberKey
from tests.simulator.sealminer.miner import SealSim
from tests.simulator.sealminer.state import SealState
from tests.simulator.sealminer.testing import A2, addresses, connect, seal_fixture

from .leaks import (
    WRONG_PASSWORD,
    Secrets,
    as_text,
    assert_kept,
    login_secrets,
    poll_texts,
    record_issued,
    refusal_texts,
)

start_seal = seal_fixture(addresses(110, 110, 129))
WEB_PASSWORD = "SealWebPw3Rz"


@pytest.fixture
def secrets(monkeypatch: pytest.MonkeyPatch) -> Secrets:
    """The passwords, and every session cookie a simulated SealMiner sets from now on."""
    found = login_secrets("web password", WEB_PASSWORD)
    record_issued(SealState, "new_session", "session cookie", found, monkeypatch)
    return found


def _check(secrets: Secrets, texts: list[str], caplog: pytest.LogCaptureFixture) -> None:
    assert "session cookie" in secrets.names(), "no session was set"
    assert_kept(secrets, texts, caplog)


async def test_polls_controls_and_a_renewed_session_keep_every_secret(
    start_seal: Any, secrets: Secrets, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    sim: SealSim = await start_seal(A2, password=WEB_PASSWORD, reboot_seconds=0.2)
    texts: list[str] = []
    async with await connect(sim, password=WEB_PASSWORD) as miner:
        texts += await poll_texts(miner)
        await miner.stop_mining()
        sim.state.sessions.clear()
        await miner.fault_light_off()  # refused, logged in again, sent again
        await miner.set_number(NumberKey.POWER_TARGET, 3000)
        texts.append(as_text(await miner.get_data()))
    assert sim.state.logins == 2
    _check(secrets, texts, caplog)


async def test_a_wrong_password_error_names_no_password(
    start_seal: Any, secrets: Secrets, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    sim: SealSim = await start_seal(A2, password=WEB_PASSWORD)
    async with await connect(sim, password=WEB_PASSWORD) as miner:
        await miner.get_data()
    async with await connect(sim, password=WRONG_PASSWORD) as miner:
        texts = [*await refusal_texts(miner.get_data), repr(miner)]
    _check(secrets, texts, caplog)
