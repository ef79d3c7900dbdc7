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
from typing import Any

import aiohttp
from hypothesis import event, given, settings
from hypothesis import strategies as st

from custom_components.asic_miner.driver.backends.antminer import AntminerModern, AntminerOld
from custom_components.asic_miner.driver.backends.whatsminer_v2 import WhatsminerV2
from custom_components.asic_miner.driver.backends.whatsminer_v3 import WhatsminerV3
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
def test_modern_antminer_poll(replies: dict[str, bytes]) -> None:
    _check(asyncio.run(_poll(AntminerModern, "127.0.18.10", replies)))


@settings(max_examples=socket_examples())
@given(_replies(samples.antminer("antminer-s9")))
def test_old_antminer_poll(replies: dict[str, bytes]) -> None:
    _check(asyncio.run(_poll(AntminerOld, "127.0.18.11", replies)))


@settings(max_examples=socket_examples())
@given(_replies(samples.whatsminer_v2()))
def test_whatsminer_v2_poll(replies: dict[str, bytes]) -> None:
    _check(asyncio.run(_poll(WhatsminerV2, "127.0.18.12", replies)))


@settings(max_examples=socket_examples())
@given(_replies(samples.whatsminer_v3()))
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
