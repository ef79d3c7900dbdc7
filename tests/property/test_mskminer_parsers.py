"""MSKMiner's reply parsers on arbitrary JSON and on mutated simulated replies.

Covered: ``backends/mskminer/replies.py`` (model, firmware version, watts, MAC) and the
backend's whole parse of one poll over sockets (a scripted miner answering the joined RPC
request and the web's login and info_v1 with mutated replies). Property: nothing but a
driver error escapes, and what a user sees is sane (finite numbers, nothing negative).
"""

from __future__ import annotations

import asyncio
from functools import cache
from typing import Any

import aiohttp
from hypothesis import given, settings
from hypothesis import strategies as st

from custom_components.asic_miner.driver import Credentials, MinerData
from custom_components.asic_miner.driver.backends.mskminer import replies
from custom_components.asic_miner.driver.backends.mskminer.backend import MskMiner
from tests.simulator.mskminer import rpc as sim_rpc
from tests.simulator.mskminer.state import MskState

from .checks import async_result_or_driver_error, check_miner_data, finite_or_none
from .scripted import ScriptedMiner, encode
from .strategies import json_values, mutated, socket_examples

HOST = "127.0.102.250"


@cache
def _sample() -> dict[str, Any]:
    state = MskState(pools=[("stratum+tcp://pool.invalid:3333", "me.rig")], password="root")
    reads = {name: read(state) for name, read in sim_rpc.READS.items()}
    info = {"network_info": {"result": {"address": HOST, "macaddr": "02:11:22:33:44:55"}}}
    return reads | {"info": info}


def replies_of(name: str) -> st.SearchStrategy[Any]:
    return st.one_of(json_values, mutated(_sample()[name]), st.just(_sample()[name]))


@given(type_=st.one_of(st.none(), st.text(max_size=30)), figures=replies_of("info"))
def test_pure_readers_never_raise(type_: str | None, figures: Any) -> None:
    name = replies.model_name(type_)
    assert name is None or (name and " " not in name)
    version = replies.firmware_version(type_)
    assert version is None or version.replace(".", "").isdigit()
    source = figures if isinstance(figures, dict) else None
    mac = replies.mac(source)
    assert mac is None or len(mac) == 17
    finite_or_none(replies.wattage(source or {}), minimum=0)


async def _poll(version: Any, stats: Any, pools: Any, info: Any) -> Any:
    scripted = ScriptedMiner(
        HOST,
        {
            "version": encode(version),
            "stats": encode(stats),
            "pools": encode(pools),
            "/admin/login": b"",
            "/api/info_v1": encode(info),
        },
    )
    async with scripted.running(), aiohttp.ClientSession() as session:
        miner = MskMiner(HOST, credentials=Credentials("admin", "root"), session=session, timeout=2)
        try:
            return await async_result_or_driver_error(miner.get_data())
        finally:
            await miner.close()


@settings(max_examples=socket_examples(), deadline=None)
@given(
    version=replies_of("version"),
    stats=replies_of("stats"),
    pools=replies_of("pools"),
    info=replies_of("info"),
)
def test_a_poll_parses_to_sane_data_or_a_driver_error(
    version: Any, stats: Any, pools: Any, info: Any
) -> None:
    data = asyncio.run(_poll(version, stats, pools, info))
    if isinstance(data, MinerData):
        check_miner_data(data)


def test_unbroken_replies_poll_like_the_simulator() -> None:
    sample = _sample()
    data = asyncio.run(_poll(sample["version"], sample["stats"], sample["pools"], sample["info"]))
    assert isinstance(data, MinerData), data
    assert (data.model, data.mac, data.wattage) == ("S19-88", "02:11:22:33:44:55", 3358)
