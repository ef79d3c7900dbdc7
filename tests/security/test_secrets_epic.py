"""No ePIC password (carried in every POST body) or pool password (listed by /summary)
shows in what the driver logs (any logger, DEBUG), raises (str, repr, arguments,
traceback, the whole cause chain), returns from a poll or shows in a repr: a good
password, a wrong one, pools read and written, and the summary cut short, garbled or
dropped. Simulated miners on 127.0.97.121-140."""

from __future__ import annotations

import json
import logging
from typing import Any

import pytest

from custom_components.asic_miner.driver import (
    AsicMinerError,
    MinerAuthenticationError,
    MinerConfig,
    NumberKey,
    PoolConfig,
)
from tests.simulator.epic import EpicSim
from tests.simulator.epic.testing import S19XP_POWER, StartEpic, addresses, connect, epic_fixture
from tests.simulator.faults import Fault

from .leaks import POOL_PASSWORD, WRONG_PASSWORD, Secrets, as_text, exception_texts

start_epic = epic_fixture(addresses(97, 121, 140))
EPIC_PASSWORD = "EpicCtlPw8Vq"
HELD_POOL_PASSWORD = "HeldPoolPw5Kx"  # one the miner already has for its pool


def _secrets() -> Secrets:
    secrets = Secrets()
    secrets.add("ePIC password", EPIC_PASSWORD)
    secrets.add("wrong password", WRONG_PASSWORD)
    secrets.add("pool password", POOL_PASSWORD)
    secrets.add("held pool password", HELD_POOL_PASSWORD)
    return secrets


async def _sim(start_epic: StartEpic) -> EpicSim:
    sim = await start_epic(S19XP_POWER, password=EPIC_PASSWORD)
    sim.state.stratum_configs[0]["password"] = HELD_POOL_PASSWORD
    return sim


def _check(texts: list[str], caplog: pytest.LogCaptureFixture) -> None:
    secrets = _secrets()
    assert texts, "nothing was exercised"
    logged = "\n".join(r.getMessage() + repr(r.args) for r in caplog.records)
    assert secrets.leaks(logged) == []
    for text in texts:
        assert secrets.leaks(text) == []


async def test_polls_controls_and_pools_keep_every_secret(
    start_epic: StartEpic, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    sim = await _sim(start_epic)
    texts: list[str] = []
    async with await connect(sim, password=EPIC_PASSWORD) as miner:
        data = await miner.get_data()
        texts += [as_text(data), repr(data), repr(miner), repr(miner.api), repr(miner.credentials)]  # type: ignore[attr-defined]
        config = await miner.get_config()
        assert HELD_POOL_PASSWORD in [p.password for p in config.pools]  # it was read
        texts.append(repr(config))
        await miner.check_credentials()
        pool = PoolConfig("stratum+tcp://pool.example.org:3333", "me.rig", POOL_PASSWORD)
        await miner.send_config(MinerConfig(pools=[pool]))
        assert sim.state.stratum_configs[0]["password"] == POOL_PASSWORD  # it was sent
        await miner.set_number(NumberKey.POWER_TARGET, 3000)
        await miner.fault_light_on()
        await miner.stop_mining()
        texts.append(as_text(await miner.get_data()))
    _check(texts, caplog)


async def test_a_wrong_password_error_names_no_password(
    start_epic: StartEpic, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    sim = await _sim(start_epic)
    texts: list[str] = []
    async with await connect(sim, password=WRONG_PASSWORD) as miner:
        texts.append(repr(miner))
        for call in (
            miner.check_credentials,
            miner.reboot,
            lambda: miner.set_number(NumberKey.POWER_TARGET, 3000),
            lambda: miner.send_config(
                MinerConfig(pools=[PoolConfig("stratum+tcp://p.example:1", "u", POOL_PASSWORD)])
            ),
        ):
            with pytest.raises(MinerAuthenticationError) as caught:
                await call()
            texts += exception_texts(caught.value)
    _check(texts, caplog)


@pytest.mark.parametrize("fault", [Fault.TRUNCATED, Fault.GARBAGE, Fault.DROP])
async def test_a_damaged_summary_leaks_no_pool_password(
    start_epic: StartEpic, caplog: pytest.LogCaptureFixture, fault: Fault
) -> None:
    caplog.set_level(logging.DEBUG)
    sim = await _sim(start_epic)
    texts: list[str] = []
    async with await connect(sim, password=EPIC_PASSWORD) as miner:
        await miner.get_data()
        sim.set_fault(fault, protocol="http")
        errors: list[Any] = []
        for call in (miner.get_config, miner.get_data, miner.check_light):
            try:
                await call()
            except AsicMinerError as err:
                errors.append(err)
        assert errors, "the fault failed nothing"
        for err in errors:
            texts += exception_texts(err)
    _check(texts, caplog)


async def test_a_summary_cut_right_after_a_pool_password_leaks_it_nowhere(
    start_epic: StartEpic, caplog: pytest.LogCaptureFixture
) -> None:
    """The parser quotes the end of a cut reply: the cut (TRUNCATED keeps 3/5 of the body)
    is placed just after the pool password, which the error must not carry."""
    caplog.set_level(logging.DEBUG)
    sim = await _sim(start_epic)
    body = json.dumps(sim.state.summary(sim.hostname))
    end = body.index(HELD_POOL_PASSWORD) + len(HELD_POOL_PASSWORD) + 2
    # the pool URL (after the password in the reply) padded until three fifths of the
    # body end just past the password
    while len(body) * 3 // 5 < end:
        sim.state.stratum_configs[0]["pool"] += "x" * 10
        body = json.dumps(sim.state.summary(sim.hostname))
        end = body.index(HELD_POOL_PASSWORD) + len(HELD_POOL_PASSWORD) + 2
    assert len(body) * 3 // 5 < end + 12
    async with await connect(sim, password=EPIC_PASSWORD) as miner:
        sim.set_fault(Fault.TRUNCATED, protocol="http")
        with pytest.raises(AsicMinerError) as caught:
            await miner.get_config()
        texts = list(exception_texts(caught.value))
    _check(texts, caplog)
