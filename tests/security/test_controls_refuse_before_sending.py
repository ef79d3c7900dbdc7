"""Controls refuse out-of-range values before anything reaches the miner (driver level).

What goes out is counted twice: on the client (every socket and HTTP request the driver
opens) and on the simulator (its request log, which holds writes and configuration reads).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass

import aiohttp
import pytest

from custom_components.asic_miner.driver import (
    Credentials,
    FanConfig,
    FanMode,
    Miner,
    MinerConfig,
    MiningMode,
    MiningModeConfig,
    PoolConfig,
    UnsupportedOperation,
    find_miner,
)
from tests.driver.request_counting import Counts, count_connections, trace_config
from tests.simulator import SimulatedMiner

from .leaks import URL_PASSWORD

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


# Every family on its own address; Whatsminer with a login that may write.
FAMILIES = {
    "antminer-s19pro": "127.0.23.10",
    "antminer-s9": "127.0.23.11",
    "whatsminer-m50s": "127.0.23.12",  # API V2
    "whatsminer-m60s": "127.0.23.13",  # API V3
}

BAD_POOLS: dict[str, tuple[PoolConfig, str]] = {
    "no url": (PoolConfig("  ", "w.1"), "has no URL"),
    "no port": (PoolConfig("stratum+tcp://pool.invalid", "w.1"), "needs a port"),
    "port 0": (PoolConfig("stratum+tcp://pool.invalid:0", "w.1"), "between 1 and 65535"),
    "port 70000": (PoolConfig("pool.invalid:70000", "w.1"), "between 1 and 65535"),
    "port not a number": (PoolConfig("pool.invalid:33a3", "w.1"), "between 1 and 65535"),
    "http scheme": (PoolConfig("http://pool.invalid:3333", "w.1"), "stratum"),
    "space in url": (PoolConfig("stratum+tcp://pool .invalid:3333", "w.1"), "spaces"),
    "no host": (PoolConfig("stratum+tcp://:3333", "w.1"), "no valid host"),
    "no user": (PoolConfig("stratum+tcp://pool.invalid:3333", " "), "no user"),
    "second pool bad": (PoolConfig("stratum+tcp://pool.invalid", "w.2"), "pool 2"),
}

BAD_CONFIGS: dict[str, tuple[MinerConfig, type[Exception], str]] = {
    **{
        name: (
            MinerConfig(pools=[POOL, pool] if name == "second pool bad" else [pool]),
            ValueError,
            message,
        )
        for name, (pool, message) in BAD_POOLS.items()
    },
    "four pools": (MinerConfig(pools=[POOL] * 4), UnsupportedOperation, "4 pools"),
    "fan 101 %": (MinerConfig(fan=FanConfig(FanMode.MANUAL, 101)), ValueError, "fan speed"),
    "fan -1 %": (MinerConfig(fan=FanConfig(FanMode.MANUAL, -1)), ValueError, "fan speed"),
    "power target 0 W": (
        MinerConfig(mining_mode=MiningModeConfig(MiningMode.POWER_TARGET, 0)),
        ValueError,
        "power target",
    ),
    "power target missing": (
        MinerConfig(mining_mode=MiningModeConfig(MiningMode.POWER_TARGET)),
        ValueError,
        "power_target",
    ),
}


@dataclass
class Watched:
    sim: SimulatedMiner
    miner: Miner
    counts: Counts


@pytest.fixture(params=list(FAMILIES))
async def watched(
    request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
) -> AsyncIterator[Watched]:
    """A found miner of each family, with what it sends counted from now on."""
    model, address = request.param, FAMILIES[request.param]
    whatsminer = model.startswith("whatsminer")
    password = "s3cret" if whatsminer else "root"
    options = {"write_api": True} if whatsminer else {}
    async with SimulatedMiner(model, address, password=password, **options) as sim:
        if sim.api_version == 3:
            sim.state.v3_passwords["super"] = password  # type: ignore[attr-defined]
        account = {3: "super", 2: "admin"}.get(sim.api_version or 0, "root")
        counts = count_connections(monkeypatch)
        async with aiohttp.ClientSession(trace_configs=[trace_config(counts)]) as session:
            miner = await find_miner(
                address, credentials=Credentials(account, password), session=session
            )
            async with miner:
                counts.clear()
                sim.state.requests.clear()
                yield Watched(sim, miner, counts)


@pytest.mark.parametrize("case", list(BAD_CONFIGS))
async def test_bad_configuration_is_refused_before_anything_is_sent(
    watched: Watched, case: str
) -> None:
    config, error, message = BAD_CONFIGS[case]
    pools_before = list(watched.sim.state.pools)
    with pytest.raises(error, match=message):
        await watched.miner.send_config(config)
    assert watched.counts.summary()["sent"] == {}, watched.counts.summary()
    assert watched.sim.state.requests.entries == []
    assert watched.sim.state.pools == pools_before


async def test_a_pool_url_login_stays_out_of_the_refusal(watched: Watched) -> None:
    """The message names the pool, but not the password written into its URL."""
    pool = PoolConfig(f"stratum+tcp://w.1:{URL_PASSWORD}@pool.invalid:99999", "w.1")
    with pytest.raises(ValueError, match="between 1 and 65535") as caught:
        await watched.miner.send_config(MinerConfig(pools=[pool]))
    assert "pool.invalid:99999" in str(caught.value)
    assert URL_PASSWORD not in str(caught.value)
    assert watched.counts.summary()["sent"] == {}


async def test_good_pool_forms_are_sent(watched: Watched) -> None:
    """What the checks let through reaches the miner: they refuse no usable form."""
    pools = [
        PoolConfig("stratum+tcp://pool.invalid:3333", "w.1", "x"),
        PoolConfig("pool-b.invalid:443", "w.2", "x"),
        PoolConfig("stratum+ssl://[2001:db8::1]:4443", "w.3", "x"),
    ]
    await watched.miner.send_config(MinerConfig(pools=pools))
    assert [pool["url"] for pool in watched.sim.state.pools] == [pool.url for pool in pools]
