"""No Hiveon web password or pool password shows in what the driver logs (any logger,
DEBUG), raises (str, repr, arguments, traceback, the whole cause chain), returns from a
poll or shows in a repr: a good login, a wrong one, pools read (get_miner_conf.cgi lists
every pool password) and written, and the configuration reply cut short, garbled or
dropped. Simulated miners on 127.0.101.81-89 (Home Assistant's side:
test_secrets_home_assistant.py's "hiveon" case)."""

from __future__ import annotations

import logging

import pytest

from custom_components.asic_miner.driver import (
    AsicMinerError,
    Credentials,
    MinerAuthenticationError,
    MinerConfig,
    PoolConfig,
    find_miner,
)
from tests.simulator.faults import Fault
from tests.simulator.hiveon.testing import StartHiveon, addresses, hiveon_fixture

from .leaks import (
    ANTMINER_PASSWORD,
    POOL_PASSWORD,
    WRONG_PASSWORD,
    Secrets,
    as_text,
    exception_texts,
)

start_hiveon = hiveon_fixture(addresses(81, 89))
HELD_POOL_PASSWORD = "HvHeldPw8Lq"  # one the miner already holds


def _secrets() -> Secrets:
    secrets = Secrets()
    secrets.add_login("web password", "root", ANTMINER_PASSWORD)
    secrets.add("wrong password", WRONG_PASSWORD)
    secrets.add("pool password", POOL_PASSWORD)
    secrets.add("held pool password", HELD_POOL_PASSWORD)
    return secrets


async def test_polls_pools_and_faults_keep_every_secret(
    start_hiveon: StartHiveon, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    sim = await start_hiveon(password=ANTMINER_PASSWORD)
    sim.state.pools[0]["pass"] = HELD_POOL_PASSWORD
    texts: list[str] = []
    credentials = Credentials(password=ANTMINER_PASSWORD)
    async with await find_miner(sim.address, credentials=credentials, timeout=3) as miner:
        texts += [repr(miner), repr(miner.credentials), repr(miner.web)]
        data = await miner.get_data()
        texts += [as_text(data), repr(data)]
        config = await miner.get_config()
        assert HELD_POOL_PASSWORD in [p.password for p in config.pools]  # it was read
        texts.append(repr(config))
        pool = PoolConfig("stratum+tcp://pool.example.org:3333", "me.rig", POOL_PASSWORD)
        await miner.send_config(MinerConfig(pools=[pool]))
        assert sim.state.pools[0]["pass"] == POOL_PASSWORD  # it was sent
        for fault in (Fault.TRUNCATED, Fault.GARBAGE, Fault.DROP):
            sim.set_fault(fault, seconds=0.2)
            try:
                texts.append(repr(await miner.get_config()))
            except AsicMinerError as err:
                texts.extend(exception_texts(err))
            sim.clear_faults()
    wrong = Credentials(password=WRONG_PASSWORD)
    async with await find_miner(sim.address, credentials=wrong, timeout=3) as miner:
        with pytest.raises(MinerAuthenticationError) as raised:
            await miner.get_config()
        texts.extend(exception_texts(raised.value))
    secrets = _secrets()
    logged = "\n".join(r.getMessage() + repr(r.args) for r in caplog.records)
    assert secrets.leaks(logged) == []
    for text in texts:
        assert secrets.leaks(text) == []
