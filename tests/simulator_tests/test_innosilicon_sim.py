"""The simulated Innosilicon A9 speaks as captured: summary, stats and pools in the
capture's keys and types with innominer's Description in each STATUS, any other command an
"Invalid command" error with it too, and the web's JWT login whose token the commands need
(an unknown one answered "expired"), and the pools its web writes served by its RPC.
Sims on 127.0.106.60-69."""

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


def _slots(*pools: tuple[str, str, str]) -> dict[str, str]:
    form: dict[str, str] = {}
    for n in range(1, 4):
        url, user, password = pools[n - 1] if n <= len(pools) else ("", "", "")
        form |= {f"Pool{n}": url, f"UserName{n}": user, f"Password{n}": password}
    return form


async def test_the_web_pools_written_are_the_pools_mined_with(start_inno: StartInno) -> None:
    """``updatePools`` as foreman-apps sends it (a form) and as pyasic does (JSON): the web's
    ``pools`` and the RPC's pools reply then list the slots given a URL."""
    sim = await start_inno()
    base = f"http://{sim.address}/api"
    rpc = RpcClient(sim.address, timeout=3)
    async with aiohttp.ClientSession() as session:
        auth = await _post(session, f"{base}/auth", data={"username": "admin", "password": "admin"})
        bearer = {"Authorization": f"Bearer {auth['jwt']}"}
        listed = await _post(session, f"{base}/pools", headers=bearer)
        assert [(p["url"], p["user"]) for p in listed["pools"]] == [
            (p["URL"], p["User"]) for p in captures.POOLS
        ]
        form = _slots(("stratum+tcp://a.invalid:3357", "w.1", "pw1"))
        answer = await _post(session, f"{base}/updatePools", headers=bearer, data=form)
        assert answer == captures.POOLS_UPDATED
        rpc_pools = (await rpc.query("pools"))["POOLS"]
        assert [(p["URL"], p["User"], p["Stratum URL"]) for p in rpc_pools] == [
            ("stratum+tcp://a.invalid:3357", "w.1", "a.invalid")
        ]
        assert rpc_pools[0].keys() == captures.POOLS[0].keys()
        pyasic_body = _slots(
            ("stratum+tcp://b.invalid:1", "w.2", ""), ("stratum+tcp://c:2", "w", "")
        )
        await _post(session, f"{base}/updatePools", headers=bearer, json=pyasic_body)
        listed = await _post(session, f"{base}/pools", headers=bearer)
    assert listed == {
        "success": True,
        "pools": [
            {"url": "stratum+tcp://b.invalid:1", "user": "w.2", "pass": ""},
            {"url": "stratum+tcp://c:2", "user": "w", "pass": ""},
        ],
    }
    assert [p["URL"] for p in (await rpc.query("pools"))["POOLS"]] == [
        "stratum+tcp://b.invalid:1",
        "stratum+tcp://c:2",
    ]
