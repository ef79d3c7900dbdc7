"""Controls refuse out-of-range values before anything reaches the miner (driver level).

What goes out is counted twice: on the client (every socket and HTTP request the driver
opens) and on the simulator (its request log, which holds writes and configuration reads;
for Braiins OS and VNish every request, SSH connections and commands included: heard.py).
Braiins OS and VNish miners on 127.0.87.90-99, ePIC on 127.0.97.180.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

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
from tests.simulator.families import make_miner

from .heard import Heard, pools_held
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
    "braiins-s9-bosminer": "127.0.87.90",  # SSH for the configuration
    "braiins-s19-bosplus": "127.0.87.91",  # GraphQL
    "braiins-s21-bos": "127.0.87.92",  # REST
    "vnish-s19pro": "127.0.87.93",
    "epic-s19xp": "127.0.97.180",
}
ACCOUNTS = {"whatsminer-m50s": "admin", "whatsminer-m60s": "super", "vnish-s19pro": "admin"}
# Pools each firmware's configuration holds; None: no limit (a BOS+ group takes any number).
POOL_SLOTS: dict[str, int | None] = {
    "antminer-s19pro": 3,
    "antminer-s9": 3,
    "whatsminer-m50s": 3,
    "whatsminer-m60s": 3,
    "braiins-s9-bosminer": 8,
    "braiins-s19-bosplus": 8,
    "braiins-s21-bos": 8,
    "vnish-s19pro": 3,
    "epic-s19xp": 3,
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


# What each firmware's configuration cannot carry: refused, not sent without it.
MANUAL_FAN = FanConfig(FanMode.MANUAL, 50)
POWER_TARGET = MiningModeConfig(MiningMode.POWER_TARGET, 3000)
LOW = MiningModeConfig(MiningMode.LOW)
UNCARRIED: dict[str, list[MinerConfig]] = {
    "braiins-s9-bosminer": [MinerConfig(pools=[POOL], mining_mode=LOW)],
    "braiins-s19-bosplus": [
        MinerConfig(pools=[POOL], fan=MANUAL_FAN),
        MinerConfig(pools=[POOL], mining_mode=POWER_TARGET),
    ],
    "braiins-s21-bos": [
        MinerConfig(pools=[POOL], fan=MANUAL_FAN),
        MinerConfig(pools=[POOL], mining_mode=LOW),
    ],
    "vnish-s19pro": [
        MinerConfig(pools=[POOL], fan=MANUAL_FAN),
        MinerConfig(pools=[POOL], mining_mode=POWER_TARGET),
    ],
    # ePIC's power target is a setting of its own (set_number), not a configuration's
    "epic-s19xp": [
        MinerConfig(pools=[POOL], fan=FanConfig(FanMode.IMMERSION)),
        MinerConfig(pools=[POOL], mining_mode=POWER_TARGET),
        MinerConfig(pools=[POOL], mining_mode=LOW),
    ],
}


@dataclass
class Watched:
    model: str
    sim: Any
    miner: Miner
    counts: Counts
    heard: Heard

    def nothing_heard(self) -> None:
        assert self.counts.summary()["sent"] == {}, self.counts.summary()
        assert self.heard.of(self.sim) == []


@pytest.fixture(params=list(FAMILIES))
async def watched(
    request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
) -> AsyncIterator[Watched]:
    """A found miner of each family, with what it sends counted from now on."""
    model, address = request.param, FAMILIES[request.param]
    password = "root" if model.startswith("antminer") else "s3cret"
    heard = Heard(monkeypatch)
    sim = make_miner(model, address, password=password, write_api=True, reboot_seconds=0.3)
    async with sim:
        if isinstance(sim, SimulatedMiner) and sim.api_version == 3:
            sim.state.v3_passwords["super"] = password  # type: ignore[attr-defined]
        account = ACCOUNTS.get(model, "root")
        counts = count_connections(monkeypatch)
        async with aiohttp.ClientSession(trace_configs=[trace_config(counts)]) as session:
            miner = await find_miner(
                address, credentials=Credentials(account, password), session=session
            )
            async with miner:
                await miner.get_data()  # logged in, as a miner in use is
                counts.clear()
                heard.clear(sim)
                yield Watched(model, sim, miner, counts, heard)


@pytest.mark.parametrize("case", list(BAD_CONFIGS))
async def test_bad_configuration_is_refused_before_anything_is_sent(
    watched: Watched, case: str
) -> None:
    config, error, message = BAD_CONFIGS[case]
    pools_before = pools_held(watched.sim)
    with pytest.raises(error, match=message):
        await watched.miner.send_config(config)
    watched.nothing_heard()
    assert pools_held(watched.sim) == pools_before


async def test_what_the_configuration_cannot_carry_is_refused_unsent(watched: Watched) -> None:
    """A fan or mining mode the firmware does not take is refused, not dropped while the
    pools go out."""
    configs = UNCARRIED.get(watched.model)
    if configs is None:
        pytest.skip(f"{watched.model}: its own tests cover its fan and mining modes")
    pools_before = pools_held(watched.sim)
    for config in configs:
        with pytest.raises(UnsupportedOperation):
            await watched.miner.send_config(config)
    watched.nothing_heard()
    assert pools_held(watched.sim) == pools_before


async def test_more_pools_than_the_firmware_holds_are_refused_unsent(watched: Watched) -> None:
    slots = POOL_SLOTS[watched.model]
    if slots is None:
        pytest.skip(f"{watched.model} takes any number of pools")
    pools_before = pools_held(watched.sim)
    with pytest.raises(UnsupportedOperation, match=f"{slots + 1} pools"):
        await watched.miner.send_config(MinerConfig(pools=[POOL] * (slots + 1)))
    watched.nothing_heard()
    assert pools_held(watched.sim) == pools_before


async def test_a_pool_url_login_stays_out_of_the_refusal(watched: Watched) -> None:
    """The message names the pool, but not the password written into its URL."""
    pool = PoolConfig(f"stratum+tcp://w.1:{URL_PASSWORD}@pool.invalid:99999", "w.1")
    with pytest.raises(ValueError, match="between 1 and 65535") as caught:
        await watched.miner.send_config(MinerConfig(pools=[pool]))
    assert "pool.invalid:99999" in str(caught.value)
    assert URL_PASSWORD not in str(caught.value)
    watched.nothing_heard()


def _with_scheme(url: str) -> str:
    """A pool URL as firmware that keeps stratum+tcp pools as host:port shows it (VNish)."""
    return url if "://" in url else "stratum+tcp://" + url


async def test_good_pool_forms_are_sent(watched: Watched) -> None:
    """What the checks let through reaches the miner: they refuse no usable form."""
    pools = [
        PoolConfig("stratum+tcp://pool.invalid:3333", "w.1", "x"),
        PoolConfig("pool-b.invalid:443", "w.2", "x"),
        PoolConfig("stratum+ssl://[2001:db8::1]:4443", "w.3", "x"),
    ]
    await watched.miner.send_config(MinerConfig(pools=pools))
    held = [(_with_scheme(url), user) for url, user in pools_held(watched.sim)]
    assert held == [(_with_scheme(pool.url), pool.user) for pool in pools]
