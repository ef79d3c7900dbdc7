"""The simulated MSKMiner speaks as pyasic's capture of MSKMiner 2.6.0.39 (an S19 with
88-chip boards): version and stats blocks as captured, the pools the miner holds, joined
commands one list each, unknown commands refused, the NUL after the JSON; on 80 the login
and info_v1 as pyasic's MSKMinerWebAPI uses them. Simulated miners on 127.0.102.40-59."""

from __future__ import annotations

import pytest

from tests.simulator.mskminer import captures
from tests.simulator.mskminer.testing import StartMsk, addresses, msk_fixture
from tests.simulator_tests.client import rpc, rpc_raw, web

start_msk = msk_fixture(addresses(40, 59))


async def test_version_and_stats_as_captured(start_msk: StartMsk) -> None:
    sim = await start_msk()
    version = (await rpc(sim.address, "version"))["VERSION"][0]
    assert version == {"BMMiner": "4.11.1 rwglr", "API": "3.1", **captures.PROGRAM}
    stats = (await rpc(sim.address, "stats"))["STATS"]
    assert stats[0] == captures.PROGRAM
    assert list(stats[1]) == list(captures.STATS_FIGURES)
    assert stats[1]["Elapsed"] == pytest.approx(sim.state.uptime, abs=1)
    assert (stats[1]["total_power"], stats[1]["GHS 5s"]) == (3358, 99989.59)


async def test_pools_are_the_ones_the_miner_holds(start_msk: StartMsk) -> None:
    sim = await start_msk()
    sim.state.pools = [("stratum+tcp://mine.invalid:3333", "me.worker")]
    reply = await rpc(sim.address, "pools")
    assert [(p["URL"], p["User"]) for p in reply["POOLS"]] == sim.state.pools
    assert reply["STATUS"][0]["Msg"] == "1 Pool(s)"
    assert "Pool Stale%%" in reply["POOLS"][0]  # sic, as captured


async def test_joined_unknown_and_raw_framing(start_msk: StartMsk) -> None:
    sim = await start_msk()
    joined = await rpc(sim.address, "version+stats+pools")
    assert set(joined) == {"version", "stats", "pools", "id"}
    refused = await rpc(sim.address, "summary")
    assert refused["STATUS"][0]["STATUS"] == "E"
    assert (await rpc_raw(sim.address, "version")).endswith(b"}\x00")


async def test_the_web_login_and_info(start_msk: StartMsk) -> None:
    sim = await start_msk()
    wrong = await web(
        sim.address,
        "/admin/login",
        password=None,
        method="POST",
        form={"username": "admin", "password": "x"},
    )
    assert wrong.status == 401
    login = {"username": "admin", "password": "root"}
    ok = await web(sim.address, "/admin/login", password=None, method="POST", form=login)
    assert ok.status == 200
    info = await web(sim.address, "/api/info_v1", password=None, method="POST")
    assert info.json()["network_info"]["result"]["macaddr"].upper() == sim.mac
    assert sim.state.logins == 1
