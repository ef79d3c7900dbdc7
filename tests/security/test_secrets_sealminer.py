"""No SealMiner web password or session cookie shows in what the driver logs (any logger,
DEBUG), raises (str, repr, arguments, traceback, the whole cause chain), returns from a
poll or shows in a repr: a good login, a session renewed, a wrong password. Simulated
miners on 127.0.110.110-129."""

from __future__ import annotations

import logging
from typing import Any

import pytest

from custom_components.asic_miner.driver import MinerAuthenticationError, NumberKey
from tests.simulator.sealminer.miner import SealSim
from tests.simulator.sealminer.state import SealState
from tests.simulator.sealminer.testing import A2, addresses, connect, seal_fixture

from .leaks import WRONG_PASSWORD, Secrets, as_text, exception_texts

start_seal = seal_fixture(addresses(110, 110, 129))
WEB_PASSWORD = "SealWebPw3Rz"


@pytest.fixture
def secrets(monkeypatch: pytest.MonkeyPatch) -> Secrets:
    """The passwords, and every session cookie a simulated SealMiner sets from now on."""
    found = Secrets()
    found.add("web password", WEB_PASSWORD)
    found.add("wrong password", WRONG_PASSWORD)
    issue = SealState.new_session

    def issue_and_record(state: SealState) -> str:
        cookie = issue(state)
        found.add("session cookie", cookie)
        return cookie

    monkeypatch.setattr(SealState, "new_session", issue_and_record)
    return found


def _check(secrets: Secrets, texts: list[str], caplog: pytest.LogCaptureFixture) -> None:
    assert texts, "nothing was exercised"
    assert "session cookie" in secrets.names(), "no session was set"
    logged = "\n".join(r.getMessage() + repr(r.args) for r in caplog.records)
    assert secrets.leaks(logged) == []
    for text in texts:
        assert secrets.leaks(text) == []


async def test_polls_controls_and_a_renewed_session_keep_every_secret(
    start_seal: Any, secrets: Secrets, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    sim: SealSim = await start_seal(A2, password=WEB_PASSWORD, reboot_seconds=0.2)
    texts: list[str] = []
    async with await connect(sim, password=WEB_PASSWORD) as miner:
        data = await miner.get_data()
        texts += [as_text(data), repr(data), repr(miner), repr(miner.credentials)]
        texts.append(repr(miner.web))  # type: ignore[attr-defined]
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
        with pytest.raises(MinerAuthenticationError) as caught:
            await miner.get_data()
        texts = [*exception_texts(caught.value), repr(miner)]
    _check(secrets, texts, caplog)
