"""Elphapex's reply parsers on arbitrary JSON and on mutated simulated replies.

Covered: ``backends/elphapex/replies.py`` (firmware and API versions, boards with
milli-degree chip temperatures, the work mode) and the backend's whole parse of one poll
over sockets (a scripted miner answering the six CGI reads with mutated replies). Property:
nothing but a driver error escapes, and what a user sees is sane (finite numbers, nothing
negative). Scripted miner on 127.0.107.250.
"""

from __future__ import annotations

import asyncio
from functools import cache
from typing import Any

import aiohttp
from hypothesis import given, settings
from hypothesis import strategies as st

from custom_components.asic_miner.driver import Credentials, MinerData
from custom_components.asic_miner.driver.backends.elphapex import replies
from custom_components.asic_miner.driver.backends.elphapex.backend import ElphapexMiner
from custom_components.asic_miner.driver.models import lookup
from tests.simulator.elphapex import ElphapexSim

from .checks import async_result_or_driver_error, check_miner_data, finite_or_none
from .scripted import ScriptedMiner, encode
from .strategies import json_values, mutated, socket_examples

HOST = "127.0.107.250"
READS = ("get_system_info", "summary", "stats", "pools", "get_blink_status", "get_miner_conf")


@cache
def _sample() -> dict[str, Any]:
    sim = ElphapexSim("elphapex-dg1plus", HOST)
    return {name: build() for name, build in sim.web.reads().items()}


def replies_of(name: str) -> st.SearchStrategy[Any]:
    return st.one_of(json_values, mutated(_sample()[name]), st.just(_sample()[name]))


@given(
    info=replies_of("get_system_info"),
    summary=replies_of("summary"),
    stats=replies_of("stats"),
    conf=replies_of("get_miner_conf"),
)
def test_pure_readers_never_raise(info: Any, summary: Any, stats: Any, conf: Any) -> None:
    version = replies.firmware_version(info if isinstance(info, dict) else {})
    assert version is None or isinstance(version, str)
    api = replies.api_version(summary if isinstance(summary, dict) else None)
    assert api is None or isinstance(api, str)
    entry = stats.get("STATS") if isinstance(stats, dict) else None
    first = entry[0] if isinstance(entry, list) and entry and isinstance(entry[0], dict) else {}
    for board in replies.boards(first, lookup("DG1+")):
        finite_or_none(board.hashrate, minimum=0)
        finite_or_none(board.chip_temp)
    source = conf if isinstance(conf, dict) else None
    assert replies.is_mining(source, None) in (True, False, None)


async def _poll(answers: dict[str, Any]) -> Any:
    scripted = ScriptedMiner(
        HOST, {f"/cgi-bin/{name}.cgi": encode(answer) for name, answer in answers.items()}
    )
    async with scripted.running(), aiohttp.ClientSession() as session:
        miner = ElphapexMiner(
            HOST, credentials=Credentials("root", "root"), session=session, timeout=2
        )
        try:
            return await async_result_or_driver_error(miner.get_data())
        finally:
            await miner.close()


@settings(max_examples=socket_examples(), deadline=None)
@given(answers=st.fixed_dictionaries({name: replies_of(name) for name in READS}))
def test_a_poll_parses_to_sane_data_or_a_driver_error(answers: dict[str, Any]) -> None:
    data = asyncio.run(_poll(answers))
    if isinstance(data, MinerData):
        check_miner_data(data)


def test_unbroken_replies_poll_like_the_simulator() -> None:
    data = asyncio.run(_poll(_sample()))
    assert isinstance(data, MinerData), data
    assert (data.model, data.fw_ver, len(data.hashboards)) == ("DG1+", "1.0.2", 4)
    assert data.hashboards[0].chip_temp == 48.8  # "47125" and "50500" milli-°C
