"""The simulated Innosilicon A9 speaks as captured: summary, stats and pools in the
capture's keys and types with innominer's Description in each STATUS, any other command an
"Invalid command" error with it too, and the web's JWT login whose token the commands need
(an unknown one answered "expired"). Sims on 127.0.106.60-69."""

from __future__ import annotations

import json
from typing import Any

import aiohttp

from custom_components.asic_miner.driver.transport.rpc import RpcClient
from tests.simulator.innosilicon import captures
from tests.simulator.innosilicon.testing import StartInno, addresses, inno_fixture

start_inno = inno_fixture(addresses(106, 60, 69))


async def test_the_rpc_answers_as_captured(start_inno: StartInno) -> None:
    sim = await start_inno()
    rpc = RpcClient(sim.address, timeout=3)
    summary = await rpc.query("summary")
    assert summary["STATUS"][0]["Description"] == captures.DESCRIPTION
    body = summary["SUMMARY"][0]
    assert {k: v for k, v in body.items() if k != "Elapsed"} == {
        k: v for k, v in captures.SUMMARY.items() if k != "Elapsed"
    }
    stats = await rpc.query("stats")
    assert [e.get("Chain ID") for e in stats["STATS"]] == [0, 1, 2, None]
    pools = await rpc.query("pools")
    assert pools["POOLS"] == list(captures.POOLS)
    other = await rpc.query("devs")
    assert other["STATUS"][0]["STATUS"] == "E"
    assert other["STATUS"][0]["Description"] == captures.DESCRIPTION


async def _post(session: aiohttp.ClientSession, url: str, **kw: Any) -> Any:
    async with session.post(url, **kw) as answer:
        return json.loads(await answer.text())


async def test_the_web_wants_its_token(start_inno: StartInno) -> None:
    sim = await start_inno()
    base = f"http://{sim.address}/api"
    async with aiohttp.ClientSession() as session:
        assert await _post(session, f"{base}/overview") == captures.EXPIRED
        wrong = await _post(session, f"{base}/auth", data={"username": "admin", "password": "x"})
        assert "jwt" not in wrong
        auth = await _post(session, f"{base}/auth", data={"username": "admin", "password": "admin"})
        bearer = {"Authorization": f"Bearer {auth['jwt']}"}
        overview = await _post(session, f"{base}/overview", headers=bearer)
        assert overview.keys() == captures.OVERVIEW.keys()
        assert overview["version"]["ethaddr"].upper() == sim.mac
        assert (await _post(session, f"{base}/restartCgMiner", headers=bearer))["success"]
    assert sim.state.restarts == 1
