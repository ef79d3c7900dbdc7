"""Controls refuse out-of-range values before anything reaches the miner (driver level)."""

from __future__ import annotations

import aiohttp
import pytest

from custom_components.asic_miner.driver import Credentials, MinerConfig, PoolConfig, find_miner
from tests.driver.request_counting import count_connections, trace_config
from tests.simulator import SimulatedMiner

POOL = PoolConfig("stratum+tcp://pool.invalid:3333", "wallet.rig", "x")


@pytest.mark.parametrize(
    ("model", "address"),
    [("whatsminer-m50s", "127.0.19.40"), ("whatsminer-m60s", "127.0.19.41")],
)
async def test_whatsminer_out_of_range_sends_nothing(
    model: str, address: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    async with SimulatedMiner(model, address, password="s3cret", write_api=True) as sim:
        sim.state.v3_passwords["super"] = "s3cret"  # type: ignore[attr-defined]
        account = "super" if sim.api_version == 3 else "admin"
        miner = await find_miner(address, credentials=Credentials(account, "s3cret"))
        async with miner:
            counts = count_connections(monkeypatch)
            for bad in (0, -1, 10**6, 1.5, True):
                with pytest.raises(ValueError, match="power limit"):
                    await miner.set_power_limit(bad)  # type: ignore[arg-type]
            with pytest.raises(ValueError, match="power mode"):
                await miner.set_power_mode("turbo")  # type: ignore[arg-type]
            with pytest.raises(Exception, match="pools"):
                await miner.send_config(MinerConfig(pools=[POOL] * 4))
            assert counts.summary()["sent"] == {}, counts.summary()


@pytest.mark.xfail(
    strict=True,
    reason="stock Antminer send_config reads get_miner_conf.cgi before refusing a 4th pool",
)
async def test_antminer_too_many_pools_sends_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    async with SimulatedMiner("antminer-s19pro", "127.0.19.42", password="root"):
        counts = count_connections(monkeypatch)
        async with aiohttp.ClientSession(trace_configs=[trace_config(counts)]) as session:
            miner = await find_miner("127.0.19.42", session=session)
            counts.clear()
            with pytest.raises(Exception, match="pool"):
                await miner.send_config(MinerConfig(pools=[POOL] * 4))
        assert counts.summary()["sent"] == {}, counts.summary()
