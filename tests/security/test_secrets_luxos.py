"""No LuxOS session id and no pool password shows in what the driver logs (any logger,
DEBUG), raises (str, repr, arguments, traceback, the whole cause chain), returns from a
poll or shows in a repr: sessions opened, renewed after they expired, refused, and the
session reply cut short, garbled or dropped; pools written, and a refusal quoting them.
Simulated miners on 127.0.95.91-110."""

from __future__ import annotations

import logging
from typing import Any

import pytest

from custom_components.asic_miner.driver import (
    AsicMinerError,
    MinerConfig,
    PoolConfig,
    SwitchKey,
    hashboard_key,
)
from tests.simulator.faults import Fault
from tests.simulator.luxos import LuxosSim
from tests.simulator.luxos import rpc as sim_rpc
from tests.simulator.luxos.state import LuxosState
from tests.simulator.luxos.testing import StartLuxos, addresses, connect, luxos_fixture

from .leaks import POOL_PASSWORD, Secrets, as_text, exception_texts

start_luxos = luxos_fixture(addresses(95, 91, 110))


def _recording(monkeypatch: pytest.MonkeyPatch, sim: LuxosSim, secrets: Secrets) -> None:
    """Every session id the simulated miner hands out is a secret."""
    logon = LuxosState.logon

    def logon_and_record(state: LuxosState) -> str | None:
        opened = logon(state)
        if opened is not None and state is sim.state:
            secrets.add("session id", opened)
        return opened

    monkeypatch.setattr(LuxosState, "logon", logon_and_record)


def _check(secrets: Secrets, texts: list[str], caplog: pytest.LogCaptureFixture) -> None:
    assert "session id" in secrets.names(), "no session was opened"
    logged = "\n".join(r.getMessage() + repr(r.args) for r in caplog.records)
    assert secrets.leaks(logged) == []
    for text in texts:
        assert secrets.leaks(text) == []


async def _sim(
    start_luxos: StartLuxos, monkeypatch: pytest.MonkeyPatch
) -> tuple[LuxosSim, Secrets]:
    sim = await start_luxos()
    secrets = Secrets()
    secrets.add("pool password", POOL_PASSWORD)
    sim.state.pools[0]["Password"] = POOL_PASSWORD  # were a firmware to list it
    _recording(monkeypatch, sim, secrets)
    return sim, secrets


async def test_polls_controls_and_renewals_keep_the_session_id(
    start_luxos: StartLuxos, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    caplog.set_level(logging.DEBUG)
    sim, secrets = await _sim(start_luxos, monkeypatch)
    texts: list[str] = []
    async with await connect(sim) as miner:
        data = await miner.get_data()
        await miner.set_switch(SwitchKey.ATM, False)
        sim.state.expire_session()
        await miner.set_switch(hashboard_key(0), False)  # refused once, renewed
        await miner.stop_mining()
        data = await miner.get_data()
        texts += [as_text(data), repr(data), repr(miner), repr(miner.api), repr(miner.credentials)]
        texts.append(repr(vars(miner.api.rpc)))  # type: ignore[attr-defined]
    assert sim.state.sessions_opened == 2
    _check(secrets, texts, caplog)


async def test_a_refused_session_error_names_no_session_id(
    start_luxos: StartLuxos, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    caplog.set_level(logging.DEBUG)
    sim, secrets = await _sim(start_luxos, monkeypatch)
    async with await connect(sim) as miner:
        await miner.set_switch(SwitchKey.ATM, False)
        monkeypatch.setattr(sim.state, "use_session", lambda given: False)
        with pytest.raises(AsicMinerError) as caught:
            await miner.stop_mining()
        texts = [*exception_texts(caught.value), repr(miner)]
    _check(secrets, texts, caplog)


@pytest.mark.parametrize("fault", [Fault.TRUNCATED, Fault.GARBAGE, Fault.DROP])
async def test_a_damaged_session_reply_leaks_no_session_id(
    start_luxos: StartLuxos,
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
    fault: Fault,
) -> None:
    """The session reply holds the open session's id: cut short or garbled, the parser's
    error would quote it."""
    caplog.set_level(logging.DEBUG)
    sim, secrets = await _sim(start_luxos, monkeypatch)
    errors: list[Any] = []
    async with await connect(sim) as miner:
        await miner.get_data()
        sim.state.logon()  # a session is open: ``session`` answers its id
        sim.set_fault(fault, protocol="rpc")
        for _ in range(2):
            try:
                await miner.stop_mining()
            except AsicMinerError as err:
                errors.append(err)
    assert errors, "the fault failed nothing"
    texts = [text for err in errors for text in exception_texts(err)]
    _check(secrets, texts, caplog)


async def test_pools_written_keep_their_password(
    start_luxos: StartLuxos, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    """addpool carries the pool password in its parameter: not in a log, nor in the error
    of a refusal that quoted the parameter back."""
    caplog.set_level(logging.DEBUG)
    sim, secrets = await _sim(start_luxos, monkeypatch)
    pool = PoolConfig("stratum+tcp://pool.example.org:3333", "me.rig", POOL_PASSWORD)
    texts: list[str] = []
    async with await connect(sim) as miner:
        await miner.stop_mining()  # a session, for the check below
        await miner.send_config(MinerConfig(pools=[pool]))
        assert POOL_PASSWORD in sim.state.pool_passwords.values()  # it was sent
        config = await miner.get_config()
        texts += [repr(config), as_text(await miner.get_data())]

        def echoing(state: Any, command: str, parameter: str) -> Any:
            return sim_rpc._error(f"Invalid pool parameters: {parameter}")

        monkeypatch.setattr(sim_rpc, "_pool_command", echoing)
        with pytest.raises(AsicMinerError) as caught:
            await miner.send_config(MinerConfig(pools=[pool, pool]))
        texts += list(exception_texts(caught.value))
    assert "pool.example.org" in str(caught.value)  # the refusal is quoted, bar the password
    _check(secrets, texts, caplog)
