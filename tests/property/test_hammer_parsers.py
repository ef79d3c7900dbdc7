"""The "blackMiner" (Hammer, VolcMiner) reply parsers on arbitrary JSON and on mutated
simulated replies.

Covered: ``backends/hammer/replies.py`` (boards, work mode, fault light) and the backend's
whole parse of one poll over sockets (a scripted miner answering the four RPC commands on
8359 and the three CGI reads with mutated replies). Property: nothing but a driver error
escapes, and what a user sees is sane. Scripted miner on 127.0.107.251.
"""

from __future__ import annotations

import asyncio
import json
from functools import cache
from typing import Any

import aiohttp
from hypothesis import given, settings
from hypothesis import strategies as st

from custom_components.asic_miner.driver import Credentials, MinerData
from custom_components.asic_miner.driver.backends.hammer import replies
from custom_components.asic_miner.driver.backends.hammer.backend import RPC_PORT, HammerMiner
from custom_components.asic_miner.driver.models import lookup
from tests.simulator.hammer import HammerSim
from tests.simulator.hammer import rpc as sim_rpc

from .checks import async_result_or_driver_error, check_miner_data, finite_or_none
from .scripted import ScriptedMiner, encode, read_json_object, serve
from .strategies import json_values, mutated, socket_examples

HOST = "127.0.107.251"
RPC = ("version", "summary", "stats", "pools")
WEB = ("get_system_info", "get_blink_status", "get_miner_conf")


@cache
def _sample() -> dict[str, Any]:
    sim = HammerSim("hammer-d10", HOST)
    rpc = {
        name: json.loads(sim_rpc.encode(read(sim.state, sim.spec)))
        for name, read in sim_rpc.READS.items()
    }
    return rpc | {name: build() for name, build in sim.web.reads().items()}


def replies_of(name: str) -> st.SearchStrategy[Any]:
    return st.one_of(json_values, mutated(_sample()[name]), st.just(_sample()[name]))


@given(stats=replies_of("stats"), conf=replies_of("get_miner_conf"), blink=json_values)
def test_pure_readers_never_raise(stats: Any, conf: Any, blink: Any) -> None:
    entries = stats.get("STATS") if isinstance(stats, dict) else None
    figures = entries[-1] if isinstance(entries, list) and entries else {}
    for board in replies.boards(figures if isinstance(figures, dict) else {}, lookup("D10")):
        finite_or_none(board.hashrate, minimum=0)
        finite_or_none(board.temp)
    assert replies.is_mining(conf if isinstance(conf, dict) else None, None) in (True, False, None)
    assert replies.fault_light(blink if isinstance(blink, dict) else None) in (True, False, None)


async def _poll(answers: dict[str, Any]) -> Any:
    table = {name: encode(answers[name]) for name in RPC}
    table |= {f"/cgi-bin/{name}.cgi": encode(answers[name]) for name in WEB}
    scripted = ScriptedMiner(HOST, table)
    async with (
        scripted.running(),
        serve(HOST, RPC_PORT, read_json_object, scripted.rpc),
        aiohttp.ClientSession() as session,
    ):
        miner = HammerMiner(
            HOST, credentials=Credentials("root", "root"), session=session, timeout=2
        )
        try:
            return await async_result_or_driver_error(miner.get_data())
        finally:
            await miner.close()


@settings(max_examples=socket_examples(), deadline=None)
@given(answers=st.fixed_dictionaries({name: replies_of(name) for name in (*RPC, *WEB)}))
def test_a_poll_parses_to_sane_data_or_a_driver_error(answers: dict[str, Any]) -> None:
    data = asyncio.run(_poll(answers))
    if isinstance(data, MinerData):
        check_miner_data(data)


def test_unbroken_replies_poll_like_the_simulator() -> None:
    data = asyncio.run(_poll(_sample()))
    assert isinstance(data, MinerData), data
    assert (data.model, len(data.hashboards), data.hashboards[0].temp) == ("D10", 3, 45)
