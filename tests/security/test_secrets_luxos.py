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
from tests.simulator.luxos.testing import StartLuxos, addresses, connect, luxos_fixture

from .leaks import (
    POOL_PASSWORD,
    Secrets,
    as_text,
    assert_kept,
    exception_texts,
    failure_texts,
    poll_texts,
    record_session_secrets,
)

start_luxos = luxos_fixture(addresses(95, 91, 110))


def _check(secrets: Secrets, texts: list[str], caplog: pytest.LogCaptureFixture) -> None:
    assert "session id" in secrets.names(), "no session was opened"
    assert_kept(secrets, texts, caplog)


async def _sim(
    start_luxos: StartLuxos, monkeypatch: pytest.MonkeyPatch
) -> tuple[LuxosSim, Secrets]:
    sim = await start_luxos()
    secrets = Secrets()
    secrets.add("pool password", POOL_PASSWORD)
    sim.state.pools[0]["Password"] = POOL_PASSWORD  # were a firmware to list it
    record_session_secrets(sim, secrets, monkeypatch)  # every session id it opens
    return sim, secrets


async def test_polls_controls_and_renewals_keep_the_session_id(
    start_luxos: StartLuxos, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    caplog.set_level(logging.DEBUG)
    sim, secrets = await _sim(start_luxos, monkeypatch)
    texts: list[str] = []
    async with await connect(sim) as miner:
        await miner.get_data()
        await miner.set_switch(SwitchKey.ATM, False)
        sim.state.expire_session()
        await miner.set_switch(hashboard_key(0), False)  # refused once, renewed
        await miner.stop_mining()
        texts += await poll_texts(miner)
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
    async with await connect(sim) as miner:
        await miner.get_data()
        sim.state.logon()  # a session is open: ``session`` answers its id
        sim.set_fault(fault, protocol="rpc")
        texts = await failure_texts(miner.stop_mining, miner.stop_mining)
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
