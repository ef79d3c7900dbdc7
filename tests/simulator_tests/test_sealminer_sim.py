"""The simulated SealMiner speaks BDMiner as captured: its RPC replies with the captured keys
and types (suspended: no rate, state "Suspended"), ascset and restart applied, the web's
session cookie for seal and its password only, every other path 401 without it, and the
light switched. Simulated miners on 127.0.110.100-109 (no driver)."""

from __future__ import annotations

import asyncio
import json
from typing import Any

import aiohttp

from tests.simulator.sealminer import captures
from tests.simulator.sealminer.miner import SealSim
from tests.simulator.sealminer.testing import A2, addresses, seal_fixture

start_seal = seal_fixture(addresses(110, 100, 109))


async def rpc(sim: SealSim, command: str, parameter: str | None = None) -> Any:
    reader, writer = await asyncio.open_connection(sim.address, 4028)
    request: dict[str, Any] = {"command": command}
    if parameter is not None:
        request["parameter"] = parameter
    writer.write(json.dumps(request).encode())
    await writer.drain()
    data = await reader.read()
    writer.close()
    return json.loads(data)


async def test_rpc_replies_keep_the_captured_keys(start_seal: Any) -> None:
    sim: SealSim = await start_seal(A2)
    stats = (await rpc(sim, "stats"))["STATS"][0]
    assert set(stats) == set(captures.STATS)
    assert {k: type(v) for k, v in stats.items() if k != "MAC"} == {
        k: type(v) for k, v in captures.STATS.items() if k != "MAC"
    }
    assert set((await rpc(sim, "summary"))["SUMMARY"][0]) == set(captures.SUMMARY)
    assert set((await rpc(sim, "pools"))["POOLS"][0]) == set(captures.POOL_ENTRY)
    assert (await rpc(sim, "version"))["VERSION"][0] == captures.VERSION


async def test_suspend_restart_and_power_limit(start_seal: Any) -> None:
    sim: SealSim = await start_seal(A2)
    assert (await rpc(sim, "ascset", "0,suspend"))["STATUS"][0]["STATUS"] == "S"
    stats = (await rpc(sim, "stats"))["STATS"][0]
    assert (stats["PM State"], stats["MHS(1m)"]) == ("Suspended", 0.0)
    await rpc(sim, "restart")
    assert (await rpc(sim, "stats"))["STATS"][0]["PM State"] == "Running"
    await rpc(sim, "ascset", '0,powerlimit,{"value":"3000"}')
    assert (sim.state.pending_limit, sim.state.power_limit) == (3000, 3500)
    assert (await rpc(sim, "ascset", "1,suspend"))["STATUS"][0]["STATUS"] == "E"


async def test_the_web_wants_a_session_from_the_right_password(start_seal: Any) -> None:
    sim: SealSim = await start_seal(A2)
    base = f"http://{sim.address}/cgi-bin/"
    async with aiohttp.ClientSession(cookie_jar=aiohttp.DummyCookieJar()) as session:
        async with session.get(base + "get_system_info.php") as response:
            assert response.status == 401
        form = {"username": "seal", "origin_pwd": "wrong"}
        async with session.post(base + "login.php", data=form) as response:
            assert "Set-Cookie" not in response.headers
        form["origin_pwd"] = "seal"
        async with session.post(base + "login.php", data=form) as response:
            cookie = response.headers["Set-Cookie"].split(";")[0]
        headers = {"Cookie": cookie}
        async with session.get(base + "get_system_info.php", headers=headers) as response:
            info = await response.json()
        assert set(info) == set(captures.SYSTEM_INFO)
        body = {"key": "led", "value": "off"}
        async with session.post(base + "led_conf.php", headers=headers, json=body) as response:
            assert (await response.json())["STATUS"][0]["STATUS"] == "S"
    assert sim.state.led == "off"
