"""No SSH password and no pool password shows in what the BOSminer backend logs (every
logger, asyncssh's too, at DEBUG), raises (str, repr, arguments, traceback, the whole cause
chain), returns from a poll, or prints in a repr: logins right and wrong, a changed host
key, pools written into bosminer.toml and read back, a connection dropped mid-write.

Simulated miners in this process on 127.0.70.160-179.
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import AsyncIterator, Awaitable, Callable

import pytest

from custom_components.asic_miner.driver import (
    AsicMinerError,
    Credentials,
    MinerAuthenticationError,
    MinerConfig,
    PoolConfig,
    find_miner,
)
from custom_components.asic_miner.driver.backends.braiins.bosminer import BraiinsBosminer
from custom_components.asic_miner.driver.errors import HostKeyChanged
from tests.simulator.bosminer import BosminerSim
from tests.simulator.faults import Fault
from tests.simulator.ssh_server import new_host_key, public_key_text

from .leaks import POOL_PASSWORD, WRONG_PASSWORD, Secrets, as_text, exception_texts

SSH_PASSWORD = "BosSshPw5Vq"
_ADDRESSES = (f"127.0.70.{n}" for n in itertools.cycle(range(160, 180)))
POOLS = [
    PoolConfig("stratum+tcp://pool.invalid:3333", "wallet.s9", POOL_PASSWORD),
    PoolConfig("stratum+tcp://backup.invalid:3334", "wallet.s9b", POOL_PASSWORD + "2"),
]

Connect = Callable[..., Awaitable[tuple[BosminerSim, BraiinsBosminer]]]


@pytest.fixture
def secrets() -> Secrets:
    found = Secrets()
    found.add("SSH password", SSH_PASSWORD)
    found.add("wrong password", WRONG_PASSWORD)
    found.add("pool password", POOL_PASSWORD)
    return found


@pytest.fixture
async def connect() -> AsyncIterator[Connect]:
    started: list[tuple[BosminerSim, BraiinsBosminer]] = []

    async def start(password: str = SSH_PASSWORD) -> tuple[BosminerSim, BraiinsBosminer]:
        sim = BosminerSim("braiins-s9-bosminer", next(_ADDRESSES), password=SSH_PASSWORD)
        await sim.start()
        miner = await find_miner(sim.address, credentials=Credentials("root", password))
        assert isinstance(miner, BraiinsBosminer)
        started.append((sim, miner))
        return sim, miner

    yield start
    for sim, miner in started:
        await miner.close()
        await sim.stop()


def _no_leaks(secrets: Secrets, caplog: pytest.LogCaptureFixture, *texts: str) -> None:
    logged = "\n".join(f"{r.name} {r.getMessage()} {r.args!r}" for r in caplog.records)
    assert secrets.leaks(logged) == []
    for text in texts:
        assert secrets.leaks(text) == []


async def test_a_whole_session_shows_no_password(
    connect: Connect, secrets: Secrets, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    sim, miner = await connect()
    data = await miner.get_data()
    await miner.send_config(MinerConfig(pools=POOLS))
    assert POOL_PASSWORD in sim.files["/etc/bosminer.toml"]  # the miner needs it
    config = await miner.get_config()
    assert config.pools[0].password == POOL_PASSWORD  # returned to the caller, not shown
    await miner.fault_light_on()
    await miner.check_credentials()
    _no_leaks(
        secrets,
        caplog,
        as_text(data),
        repr(data),
        repr(config),
        repr(miner),
        repr(miner.credentials),
        repr(vars(miner)),
        "\n".join(sim.ssh.heard.commands),  # the pool passwords went on standard input
    )


async def test_a_wrong_password_is_not_in_the_error(
    connect: Connect, secrets: Secrets, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    _, miner = await connect(password=WRONG_PASSWORD)
    errors: list[BaseException] = []
    for call in (miner.check_credentials, miner.get_data, miner.fault_light_on, miner.get_config):
        with pytest.raises(MinerAuthenticationError) as refused:
            await call()
        errors.append(refused.value)
    with pytest.raises(MinerAuthenticationError) as in_config:
        await miner.send_config(MinerConfig(pools=POOLS))
    errors.append(in_config.value)
    _no_leaks(secrets, caplog, *(text for err in errors for text in exception_texts(err)))


async def test_a_changed_host_key_error_shows_no_password(
    connect: Connect, secrets: Secrets, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    sim, miner = await connect()
    miner.known_ssh_host_key = public_key_text(new_host_key())
    with pytest.raises(HostKeyChanged) as changed:
        await miner.send_config(MinerConfig(pools=POOLS))
    assert sim.ssh.heard.logins == [] or "root" in sim.ssh.heard.logins  # the poll's, if any
    _no_leaks(secrets, caplog, *exception_texts(changed.value))


@pytest.mark.parametrize("fault", [Fault.SILENCE, Fault.GARBAGE, Fault.DROP])
async def test_failures_during_a_pool_write_show_no_password(
    connect: Connect, secrets: Secrets, caplog: pytest.LogCaptureFixture, fault: Fault
) -> None:
    caplog.set_level(logging.DEBUG)
    sim, miner = await connect()
    miner.timeout = 0.5
    sim.set_fault(fault, protocol="ssh")
    with pytest.raises(AsicMinerError) as failed:
        await miner.send_config(MinerConfig(pools=POOLS))
    _no_leaks(secrets, caplog, *exception_texts(failed.value))


async def test_a_failing_write_command_shows_no_password(
    connect: Connect, secrets: Secrets, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    sim, miner = await connect()
    del sim.files["/etc/bosminer.toml"]  # cat fails: "No such file or directory"
    with pytest.raises(AsicMinerError) as failed:
        await miner.send_config(MinerConfig(pools=POOLS))
    assert "cat" in str(failed.value)
    _no_leaks(secrets, caplog, *exception_texts(failed.value))
