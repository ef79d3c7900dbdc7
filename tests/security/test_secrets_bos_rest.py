"""No login password, token or pool password of a Braiins OS REST miner shows in what the
driver logs (any logger, DEBUG), raises (str, repr, arguments, traceback, the whole cause
and context chain), returns (poll data, configuration) or its reprs: through polls,
logins refused, tokens expired and renewed, pools sent (whose answer echoes the pool
passwords, as the published OpenAPI's example does), and replies garbled, cut or dropped,
the login's answer (which carries the token) among them. On 127.0.72.180-219.
"""

from __future__ import annotations

import logging
from typing import Any

import pytest
from aiohttp import web

from custom_components.asic_miner.driver import (
    AsicMinerError,
    Credentials,
    MinerConfig,
    PoolConfig,
)
from custom_components.asic_miner.driver.backends.braiins.rest import BraiinsRest
from tests.simulator.bos_rest import BosRestSim
from tests.simulator.bos_rest.testing import StartBos, bos_fixture
from tests.simulator.bos_rest.web import BosRestWeb
from tests.simulator.faults import Fault

from .leaks import POOL_PASSWORD, WRONG_PASSWORD, Secrets, as_text, exception_texts

start_bos = bos_fixture(180, 219)
LOGIN_PASSWORD = "BosRestPw8Kq"
POOLS = [PoolConfig("stratum+tcp://pool.invalid:3333", "wallet.rig", POOL_PASSWORD)]


class Collected:
    """Every text the driver produced in a test, and the secrets to look for in it."""

    def __init__(self, caplog: pytest.LogCaptureFixture) -> None:
        self.caplog = caplog
        self.secrets = Secrets()
        self.secrets.add_login("login password", "root", LOGIN_PASSWORD)
        self.secrets.add("wrong password", WRONG_PASSWORD)
        self.secrets.add("pool password", POOL_PASSWORD)
        self.texts: list[str] = []

    def add(self, value: Any) -> None:
        if isinstance(value, BaseException):
            self.texts.extend(exception_texts(value))
        else:
            self.texts.append(as_text(value))
            self.texts.append(repr(value))

    async def run(self, call: Any) -> Any:
        try:
            result = await call
        except AsicMinerError as err:
            self.add(err)
            return err
        self.add(result)
        return result

    def leaks(self, sim: BosRestSim) -> list[str]:
        for number, token in enumerate(sim.state.issued):
            self.secrets.add(f"token {number}", token)
        logs = [record.getMessage() for record in self.caplog.records]
        logs += [repr(record.args) for record in self.caplog.records]
        return self.secrets.leaks("\n".join([*self.texts, *logs]))


@pytest.fixture
def collected(caplog: pytest.LogCaptureFixture) -> Collected:
    caplog.set_level(logging.DEBUG)
    return Collected(caplog)


def miner_for(sim: BosRestSim, password: str = LOGIN_PASSWORD) -> BraiinsRest:
    return BraiinsRest(sim.address, credentials=Credentials(password=password), timeout=0.6)


async def test_polls_controls_and_renewals_keep_every_secret(
    start_bos: StartBos, collected: Collected
) -> None:
    sim = await start_bos(password=LOGIN_PASSWORD, cooling_config=True)
    async with miner_for(sim) as miner:
        data = await collected.run(miner.get_data())
        assert data.hashrate
        await collected.run(miner.send_config(MinerConfig(pools=POOLS)))
        assert sim.pool_passwords == [POOL_PASSWORD]  # it was sent, and echoed back
        await collected.run(miner.get_config())
        sim.state.expire_tokens()
        await collected.run(miner.get_data())
        await collected.run(miner.set_number("power_target", 3000))
        collected.add(miner)
        collected.add(miner.api)
        collected.add(miner.web)
        collected.texts.append(repr(miner.credentials))
    assert len(sim.state.issued) == 2
    assert collected.leaks(sim) == []


async def test_a_wrong_password_keeps_both(start_bos: StartBos, collected: Collected) -> None:
    sim = await start_bos(password=LOGIN_PASSWORD)
    async with miner_for(sim, WRONG_PASSWORD) as miner:
        err = await collected.run(miner.get_data())
        collected.add(miner)
    assert isinstance(err, AsicMinerError)
    assert collected.leaks(sim) == []


@pytest.mark.parametrize("fault", [Fault.GARBAGE, Fault.TRUNCATED, Fault.DROP])
async def test_damaged_answers_keep_every_secret(
    start_bos: StartBos, collected: Collected, fault: Fault, monkeypatch: pytest.MonkeyPatch
) -> None:
    sim = await start_bos(password=LOGIN_PASSWORD)
    batch = BosRestWeb._pools_batch

    async def damaged_batch(web_server: BosRestWeb, request: web.Request) -> web.Response:
        sim.set_fault(fault)  # from the pools' answer on, which echoes the password
        return await batch(web_server, request)

    monkeypatch.setattr(BosRestWeb, "_pools_batch", damaged_batch)
    async with miner_for(sim) as miner:
        await collected.run(miner.get_data())
        await collected.run(miner.send_config(MinerConfig(pools=POOLS)))
        assert sim.pool_passwords == [POOL_PASSWORD]
        sim.state.expire_tokens()  # the next login's answer, with its token, damaged too
        await collected.run(miner.get_data())
        sim.clear_faults()
        await collected.run(miner.get_data())
    assert len(sim.state.issued) >= 2  # a token cut off in its answer is issued again
    assert collected.leaks(sim) == []
