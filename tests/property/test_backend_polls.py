"""Whole polls over real sockets: scripted miners answer each backend with mutated replies.

Covered: the parse paths of ``AntminerModern``/``AntminerOld.get_data`` (joined RPC,
new_api stats, the CGI reads), ``WhatsminerV2.get_data`` (joined and lone reads, version,
PSU, error codes) and ``WhatsminerV3.get_data`` (device info, status, setting), plus
``get_config``. The replies are the simulator's, with a few places broken. Property: a
sane MinerData (finite numbers, nothing negative a user would find absurd, slots 0..15)
or an AsicMinerError.
"""

from __future__ import annotations

import asyncio
import copy
from typing import Any

import aiohttp
from hypothesis import event, example, given, settings
from hypothesis import strategies as st

from custom_components.asic_miner.driver.backends.antminer.backend import (
    AntminerModern,
    AntminerOld,
)
from custom_components.asic_miner.driver.backends.whatsminer.v2 import WhatsminerV2
from custom_components.asic_miner.driver.backends.whatsminer.v3 import WhatsminerV3
from custom_components.asic_miner.driver.config import MinerConfig
from custom_components.asic_miner.driver.credentials import Credentials
from custom_components.asic_miner.driver.data import MinerData
from custom_components.asic_miner.driver.miner import Miner

from . import samples
from .checks import async_result_or_driver_error, check_miner_data
from .scripted import ScriptedMiner, encode
from .strategies import damaged_bytes, mutated, socket_examples

TIMEOUT = 0.5


def _replies(table: dict[str, Any]) -> st.SearchStrategy[dict[str, bytes]]:
    """Each reply as it is, mutated, or damaged on the wire."""
    return st.fixed_dictionaries(
        {
            name: st.one_of(
                st.just(encode(reply)), mutated(reply).map(encode), damaged_bytes(reply)
            )
            for name, reply in table.items()
        }
    )


def _with(table: dict[str, Any], name: str, path: tuple[Any, ...], value: Any) -> dict[str, bytes]:
    """The replies with one value replaced (a regression example)."""
    reply = copy.deepcopy(table[name])
    node = reply
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = value
    return {**{n: encode(r) for n, r in table.items()}, name: encode(reply)}


async def _poll(backend: type[Miner], host: str, replies: dict[str, bytes]) -> list[Any]:
    miner = ScriptedMiner(host, replies)
    async with miner.running(), aiohttp.ClientSession() as session:
        subject = backend(
            host, credentials=Credentials("root", "root"), session=session, timeout=TIMEOUT
        )
        try:
            return [
                await async_result_or_driver_error(subject.get_data()),
                await async_result_or_driver_error(subject.get_config()),
            ]
        finally:
            await subject.close()


def _check(outcome: list[Any]) -> None:
    data, config = outcome
    event(f"poll: {type(data).__name__}")
    if isinstance(data, MinerData):
        check_miner_data(data)
    assert isinstance(config, MinerConfig | Exception)


@settings(max_examples=socket_examples())
@given(_replies(samples.antminer()))
@example(_with(samples.antminer(), "stats new_api", ("STATS", 0, "chain", 0, "index"), 10**18))
@example(_with(samples.antminer(), "stats", ("STATS", 1, "fan1"), -4000))
@example(_with(samples.antminer(), "summary", ("SUMMARY", 0, "GHS 5s"), "-1e308"))
def test_modern_antminer_poll(replies: dict[str, bytes]) -> None:
    _check(asyncio.run(_poll(AntminerModern, "127.0.18.10", replies)))


@settings(max_examples=socket_examples())
@given(_replies(samples.antminer("antminer-s9")))
def test_old_antminer_poll(replies: dict[str, bytes]) -> None:
    _check(asyncio.run(_poll(AntminerOld, "127.0.18.11", replies)))


@settings(max_examples=socket_examples())
@given(_replies(samples.whatsminer_v2()))
@example(_with(samples.whatsminer_v2(), "summary", ("SUMMARY", 0, "Fan Speed In"), -3600))
@example(_with(samples.whatsminer_v2(), "summary", ("SUMMARY", 0, "Elapsed"), -5))
@example(_with(samples.whatsminer_v2(), "summary", ("SUMMARY", 0, "Error Code Count"), 10**9))
def test_whatsminer_v2_poll(replies: dict[str, bytes]) -> None:
    _check(asyncio.run(_poll(WhatsminerV2, "127.0.18.12", replies)))


@settings(max_examples=socket_examples())
@given(_replies(samples.whatsminer_v3()))
@example(_with(samples.whatsminer_v3(), "get.miner.status", ("msg", "summary"), "text"))
@example(_with(samples.whatsminer_v3(), "get.device.info", ("msg",), ["a", "b"]))
@example(_with(samples.whatsminer_v3(), "get.miner.status", ("msg", "edevs", 0, "id"), -1))
def test_whatsminer_v3_poll(replies: dict[str, bytes]) -> None:
    _check(asyncio.run(_poll(WhatsminerV3, "127.0.18.13", replies)))


def test_an_unbroken_scripted_miner_polls_like_the_simulator() -> None:
    """The scripted replies reach the parsers: untouched, they give the simulator's figures."""
    replies = {name: encode(reply) for name, reply in samples.antminer().items()}
    data, _config = asyncio.run(_poll(AntminerModern, "127.0.18.14", replies))
    assert isinstance(data, MinerData)
    assert data.hashrate is not None
    assert data.hashrate > 100
    assert len(data.hashboards) == 3
    assert data.mac is not None
