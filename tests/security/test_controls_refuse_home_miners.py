"""The home miners (ESP-Miner, Avalon) refuse a bad configuration before anything reaches
them, as every other family does (test_controls_refuse_before_sending.py): the same bad
pools, fan speeds and power targets, counted at the simulated miner's listener, and their
pools unchanged. Miners on 127.0.58.150-159.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

import pytest

from custom_components.asic_miner.driver import (
    Credentials,
    Miner,
    UnsupportedOperation,
    find_miner,
)
from tests.simulator.families import make_miner

from .heard import Heard
from .test_controls_refuse_before_sending import BAD_CONFIGS

MODELS = {
    "espminer-bitaxe-gamma": "127.0.58.150",
    "espminer-bitaxe-gamma-2.12": "127.0.58.151",
    "espminer-bitaxe-supra-2.4": "127.0.58.152",
    "espminer-nerdqaxe-pp": "127.0.58.153",
    "avalon-nano3s": "127.0.58.154",
    "avalon-mini3": "127.0.58.155",
    "avalon-q": "127.0.58.156",
    "avalon-a1566": "127.0.58.157",
}
ONE_POOL = frozenset({"avalon-a1566"})  # the A-series' setpool takes one pool


@dataclass
class Watched:
    model: str
    sim: Any
    miner: Miner
    heard: Heard


@pytest.fixture(params=list(MODELS))
async def watched(
    request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
) -> AsyncIterator[Watched]:
    model: str = request.param
    heard = Heard(monkeypatch)
    async with make_miner(model, MODELS[model], password=None) as sim:
        miner = await find_miner(sim.address, credentials=Credentials(), timeout=3)
        async with miner:
            await miner.get_data()
            heard.clear(sim)
            yield Watched(model, sim, miner, heard)


def _pools(sim: Any) -> str:
    return repr(sim.state.pools) + repr(getattr(sim.state, "pending_pools", None))


@pytest.mark.parametrize("case", list(BAD_CONFIGS))
async def test_bad_configuration_is_refused_before_anything_is_sent(
    watched: Watched, case: str
) -> None:
    config, error, message = BAD_CONFIGS[case]
    if watched.model in ONE_POOL and len(config.pools) > 1:
        error, message = UnsupportedOperation, f"{len(config.pools)} pools"  # more than it has
    before = _pools(watched.sim)
    with pytest.raises(error, match=message):
        await watched.miner.send_config(config)
    assert watched.heard.of(watched.sim) == []
    assert _pools(watched.sim) == before
