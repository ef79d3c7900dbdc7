"""No ePIC password (carried in every POST body) or pool password (listed by /summary)
shows in what the driver logs (any logger, DEBUG), raises (str, repr, arguments,
traceback, the whole cause chain), returns from a poll or shows in a repr: a good
password, a wrong one, pools read and written, and the summary cut short, garbled or
dropped. Simulated miners on 127.0.97.121-140."""

from __future__ import annotations

import json
import logging

import pytest

from custom_components.asic_miner.driver import (
    AsicMinerError,
    MinerConfig,
    NumberKey,
    PoolConfig,
)
from tests.simulator.epic import EpicSim
from tests.simulator.epic.testing import S19XP_POWER, StartEpic, addresses, connect, epic_fixture
from tests.simulator.faults import Fault

from .leaks import (
    POOL_PASSWORD,
    WRONG_PASSWORD,
    as_text,
    assert_kept,
    damaged_texts,
    exception_texts,
    login_secrets,
    poll_texts,
    pools_texts,
    refusal_texts,
)

start_epic = epic_fixture(addresses(97, 121, 140))
EPIC_PASSWORD = "EpicCtlPw8Vq"
HELD_POOL_PASSWORD = "HeldPoolPw5Kx"  # one the miner already has for its pool
SECRETS = login_secrets("ePIC password", EPIC_PASSWORD, held_pool_password=HELD_POOL_PASSWORD)


async def _sim(start_epic: StartEpic) -> EpicSim:
    sim = await start_epic(S19XP_POWER, password=EPIC_PASSWORD)
    sim.state.stratum_configs[0]["password"] = HELD_POOL_PASSWORD
    return sim


async def test_polls_controls_and_pools_keep_every_secret(
    start_epic: StartEpic, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    sim = await _sim(start_epic)
    async with await connect(sim, password=EPIC_PASSWORD) as miner:
        texts = await poll_texts(miner)
        await miner.check_credentials()
        texts += await pools_texts(miner, HELD_POOL_PASSWORD)
        assert sim.state.stratum_configs[0]["password"] == POOL_PASSWORD  # it was sent
        await miner.set_number(NumberKey.POWER_TARGET, 3000)
        await miner.fault_light_on()
        await miner.stop_mining()
        texts.append(as_text(await miner.get_data()))
    assert_kept(SECRETS, texts, caplog)


async def test_a_wrong_password_error_names_no_password(
    start_epic: StartEpic, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    sim = await _sim(start_epic)
    pool = PoolConfig("stratum+tcp://p.example:1", "u", POOL_PASSWORD)
    async with await connect(sim, password=WRONG_PASSWORD) as miner:
        texts = [repr(miner)]
        texts += await refusal_texts(
            miner.check_credentials,
            miner.reboot,
            lambda: miner.set_number(NumberKey.POWER_TARGET, 3000),
            lambda: miner.send_config(MinerConfig(pools=[pool])),
        )
    assert_kept(SECRETS, texts, caplog)


@pytest.mark.parametrize("fault", [Fault.TRUNCATED, Fault.GARBAGE, Fault.DROP])
async def test_a_damaged_summary_leaks_no_pool_password(
    start_epic: StartEpic, caplog: pytest.LogCaptureFixture, fault: Fault
) -> None:
    caplog.set_level(logging.DEBUG)
    sim = await _sim(start_epic)
    async with await connect(sim, password=EPIC_PASSWORD) as miner:
        texts = await damaged_texts(
            sim, miner, fault, miner.get_config, miner.get_data, miner.check_light
        )
    assert_kept(SECRETS, texts, caplog)


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
    assert_kept(SECRETS, texts, caplog)
