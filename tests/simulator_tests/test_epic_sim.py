"""The simulated ePIC miner speaks the protocol as captured and documented: GETs on 4028
answering the captured shapes, POST bodies with the password answered {"result", "error"}
(BadPassword, MissingParam) with HTTP 200, the dashboard page on 80, and cgminer's RPC
JSON on 4028 answered as an HTTP server answers bytes that are no request. Independent of
the driver. Simulated miners on 127.0.97.191-210."""

from __future__ import annotations

import asyncio
import json
from typing import Any

import aiohttp

from tests.simulator.epic import captures
from tests.simulator.epic.testing import S19XP, S19XP_POWER, StartEpic, addresses, epic_fixture
from tests.simulator.faults import Fault

start_epic = epic_fixture(addresses(97, 191, 210))


async def call(host: str, method: str, path: str, body: Any = None, port: int = 4028) -> Any:
    async with (
        aiohttp.ClientSession() as session,
        session.request(method, f"http://{host}:{port}{path}", json=body) as response,
    ):
        assert response.status == 200, (path, response.status)
        return json.loads(await response.read())


async def post(host: str, path: str, param: Any, password: str = "letmein") -> Any:
    return await call(host, "POST", path, {"param": param, "password": password})


async def test_the_gets_answer_the_captured_shapes(start_epic: StartEpic) -> None:
    sim = await start_epic(S19XP)
    summary = await call(sim.address, "GET", "/summary")
    assert summary.keys() == captures.SUMMARY.keys()
    assert summary["Software"] == "PowerPlay-BMS v1.5.13"
    assert summary["Hostname"] == sim.hostname
    assert [b["Index"] for b in summary["HBs"]] == [1, 2]
    assert await call(sim.address, "GET", "/capabilities") == captures.CAPABILITIES
    assert await call(sim.address, "GET", "/temps") == captures.TEMPS
    assert (await call(sim.address, "GET", "/network"))["dhcp"]["mac_address"] == sim.mac


async def test_the_dashboard_page_names_the_firmware(start_epic: StartEpic) -> None:
    sim = await start_epic(S19XP)
    async with aiohttp.ClientSession() as session, session.get(f"http://{sim.address}/") as page:
        assert "Miner Web Dashboard" in await page.text()


async def test_a_post_needs_the_password_in_its_body(start_epic: StartEpic) -> None:
    sim = await start_epic(S19XP, password="pw-1")
    assert await post(sim.address, "/miner", "Stop", "wrong") == {
        "result": False,
        "error": "BadPassword",
    }
    assert sim.state.operating_state == "Mining"
    no_password = await call(sim.address, "POST", "/miner", {"param": "Stop"})
    assert no_password == {"result": False, "error": "MissingParam"}
    assert await post(sim.address, "/miner", "Stop", "pw-1") == {"result": True, "error": None}
    assert (await call(sim.address, "GET", "/summary"))["Status"]["Operating State"] == "Idling"


async def test_tuning_within_the_algorithms_bounds(start_epic: StartEpic) -> None:
    sim = await start_epic(S19XP_POWER)
    assert (await post(sim.address, "/perpetualtune/algo", {"algo": "Nope", "target": 1}))[
        "error"
    ] == "MissingParam"
    await post(sim.address, "/perpetualtune/algo", {"algo": "Power", "target": 9000})
    tune = (await call(sim.address, "GET", "/summary"))["PerpetualTune"]
    assert tune == {
        "Algorithm": {
            "Power": {
                "Min Throttle Target": 50,
                "Optimized": False,
                "Target": 4400,  # held within the algorithm's bounds
                "Throttle Step": 5,
                "Throttle Target": None,
                "Unit": "W",
            }
        },
        "Running": True,
    }


async def test_fans_light_and_pools(start_epic: StartEpic) -> None:
    sim = await start_epic(S19XP)
    await post(sim.address, "/fanspeed", {"Manual": 150})
    await post(sim.address, "/identify", True)
    pools = [{"pool": "stratum+tcp://p.invalid:3333", "login": "w", "password": "x"}]
    await post(sim.address, "/coin", {"coin": "BTC", "stratum_configs": pools, "unique_id": False})
    summary = await call(sim.address, "GET", "/summary")
    assert summary["Fans"]["Fan Mode"] == {"Manual": 100}  # "set to a number within range"
    assert summary["Misc"]["Locate Miner State"] is True
    assert summary["StratumConfigs"] == pools
    assert summary["Stratum"]["Current Pool"] == "p.invalid:3333"
    too_many = {"coin": "BTC", "stratum_configs": pools * 4, "unique_id": False}
    assert (await post(sim.address, "/coin", too_many))["result"] is False


async def test_reboot_takes_it_away_and_back(start_epic: StartEpic) -> None:
    sim = await start_epic(S19XP, reboot_seconds=0.2)
    assert (await post(sim.address, "/reboot", 0))["result"] is True
    await asyncio.sleep(0.2)
    assert not sim.online
    await asyncio.sleep(0.4)
    assert sim.online
    assert (await call(sim.address, "GET", "/summary"))["Session"]["Accepted"] == 0


async def test_cgminer_json_on_4028_gets_an_http_refusal(start_epic: StartEpic) -> None:
    sim = await start_epic(S19XP)
    reader, writer = await asyncio.open_connection(sim.address, 4028)
    writer.write(b'{"command":"version"}')
    await writer.drain()
    answer = await asyncio.wait_for(reader.read(), 3)
    writer.close()
    assert answer.split(b" ", 2)[1] == b"400"  # Bad Request


async def test_faults_act_on_the_api(start_epic: StartEpic) -> None:
    sim = await start_epic(S19XP)
    sim.set_fault(Fault.GARBAGE, protocol="http")
    async with (
        aiohttp.ClientSession() as session,
        session.get(f"http://{sim.address}:4028/summary") as response,
    ):
        body = await response.read()
    assert not body.startswith(b"{")
