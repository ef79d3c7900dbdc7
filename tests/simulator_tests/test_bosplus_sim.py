"""The simulated Braiins OS+ 24.09 miner speaks as the captured one: asic-rs's own queries
(asic-rs-firmwares/braiins/src/backends/v25_05/mod.rs, sent verbatim) answered in the
shapes of its v24_09 captures, the login and its cookie, what anyone may read, the schema's
refusal of unknown fields, BOSer's RPC and the root page. Raw HTTP and sockets, no driver.
On 127.0.71.100-139.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from typing import Any

import aiohttp
import pytest

from tests.simulator.bosplus import BosPlusSim, captures
from tests.simulator.bosplus.testing import StartBosPlus, bosplus_fixture
from tests.simulator.faults import GARBAGE_BYTES, Fault

start_bosplus = bosplus_fixture(100, 139)

LOGIN = """mutation ($username: String!, $password: String!) {
  auth { login(username: $username, password: $password) { ... on VoidResult { void } } }
}"""
# asic-rs v25_05/mod.rs GQL_SYSTEM, GQL_BOARDS (without hbSerialNumber: 25.03 on),
# GQL_TUNING, GQL_POOLS, GQL_EVENTS_QUERY.
GQL_SYSTEM = """{ bos { hostname faultLight info { version { full } } uptime { durationS } }
  bosminer { info { workSolver { realHashrate { mhs5S } nominalMhs } fans { name speed rpm }
  summary { power { limitW approxConsumptionW } } } } }"""
GQL_BOARDS = """{ bosminer { info { workSolver { childSolvers { name realHashrate { mhs5S }
  nominalMhs hwDetails { chips frequencyMhz voltageV } temperatures { name degreesC } } } } } }"""
GQL_TUNING = """{ bosminer { config { ... on BosminerConfig { autotuning { mode powerTarget
  hashrateTarget } } } info { summary { power { limitW } } } } }"""
GQL_POOLS = """{ bosminer { config { ... on BosminerConfig { groups { id strategy {
  ... on QuotaStrategy { quota } } } } } info { poolGroups { name pools { url user status
  active shares { acceptedSolutions rejectedSolutions } } } } } }"""
GQL_EVENTS = "{ events { appeals { id kind message timestamp } } }"


@pytest.fixture
async def http() -> AsyncIterator[aiohttp.ClientSession]:
    async with aiohttp.ClientSession(cookie_jar=aiohttp.DummyCookieJar()) as session:
        yield session


async def post(
    http: aiohttp.ClientSession,
    sim: BosPlusSim,
    query: str,
    variables: dict[str, Any] | None = None,
    cookie: str | None = None,
) -> tuple[dict[str, Any], aiohttp.ClientResponse]:
    headers = {"Cookie": f"session_id={cookie}"} if cookie else {}
    body: dict[str, Any] = {"query": query}
    if variables is not None:
        body["variables"] = variables
    async with http.post(f"http://{sim.address}/graphql", json=body, headers=headers) as resp:
        return await resp.json(), resp


async def login(http: aiohttp.ClientSession, sim: BosPlusSim, password: str = "") -> str:
    answer, resp = await post(http, sim, LOGIN, {"username": "root", "password": password})
    assert answer == {"data": {"auth": {"login": {"void": None}}}}
    return resp.cookies["session_id"].value


def _shape(value: Any) -> Any:
    """Keys (recursively) and value types, for comparing shapes."""
    if isinstance(value, dict):
        return {k: _shape(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_shape(value[0])] if value else []
    if isinstance(value, int | float) and not isinstance(value, bool):
        return "number"
    return type(value).__name__


async def test_asic_rs_queries_answer_as_captured(
    start_bosplus: StartBosPlus, http: aiohttp.ClientSession
) -> None:
    sim = await start_bosplus()
    cookie = await login(http, sim)
    system, _ = await post(http, sim, GQL_SYSTEM, cookie=cookie)
    boards, _ = await post(http, sim, GQL_BOARDS, cookie=cookie)
    tuning, _ = await post(http, sim, GQL_TUNING, cookie=cookie)
    pools, _ = await post(http, sim, GQL_POOLS, cookie=cookie)
    events, _ = await post(http, sim, GQL_EVENTS, cookie=cookie)
    # Shapes as captured (asic-rs test/json/v24_09), keys in the query's order.
    assert _shape(system) == {
        "data": {
            "bos": {
                "hostname": "str",
                "faultLight": "bool",
                "info": {"version": {"full": "str"}},
                "uptime": {"durationS": "number"},
            },
            "bosminer": {
                "info": {
                    "workSolver": {"realHashrate": {"mhs5S": "number"}, "nominalMhs": "number"},
                    "fans": [{"name": "str", "speed": "number", "rpm": "number"}],
                    "summary": {"power": {"limitW": "number", "approxConsumptionW": "number"}},
                }
            },
        }
    }
    bos = system["data"]["bos"]
    assert (bos["hostname"], bos["faultLight"]) == (captures.HOSTNAME, False)
    assert bos["info"]["version"]["full"] == captures.VERSION_FULL
    fans = system["data"]["bosminer"]["info"]["fans"]
    assert [(f["name"], f["rpm"], f["speed"]) for f in fans] == [
        ("0", 6414, 100),
        ("1", 6414, 100),
        ("2", 6354, 100),
        ("3", 6324, 100),
    ]
    solvers = boards["data"]["bosminer"]["info"]["workSolver"]["childSolvers"]
    assert [s["name"] for s in solvers] == ["1", "2", "3"]
    assert [[t["name"] for t in s["temperatures"]] for s in solvers] == [["Board", "Chip"]] * 3
    assert solvers[0]["temperatures"][0]["degreesC"] == 56.4375
    assert tuning["data"]["bosminer"]["config"]["autotuning"]["mode"] == "POWER_TARGET"
    assert tuning["data"]["bosminer"]["config"]["autotuning"]["hashrateTarget"] is None
    group = pools["data"]["bosminer"]["info"]["poolGroups"][0]
    assert group["name"] == "foremanGroup"
    assert group["pools"][0] == {
        "url": "stratum+tcp://example.pool.com:3333",
        "user": "asic_rs.test",
        "status": "ALIVE",
        "active": True,
        "shares": {"acceptedSolutions": 111393, "rejectedSolutions": 239},
    }
    assert pools["data"]["bosminer"]["config"]["groups"] == [{"id": "0", "strategy": {"quota": 1}}]
    assert events == {"data": {"events": {"appeals": []}}}


async def test_anyone_reads_the_model_and_version_and_nothing_else(
    start_bosplus: StartBosPlus, http: aiohttp.ClientSession
) -> None:
    sim = await start_bosplus()
    answer, _ = await post(
        http, sim, "{ bosminer { info { modelName } } bos { info { version { full } } } }"
    )
    assert answer == {
        "data": {
            "bosminer": {"info": {"modelName": "Antminer S19"}},
            "bos": {"info": {"version": {"full": captures.VERSION_FULL}}},
        }
    }
    answer, _ = await post(http, sim, "{ bos { hostname } }")
    assert answer["data"] == {"bos": {"hostname": None}}
    assert [e["path"] for e in answer["errors"]] == [["bos", "hostname"]]


async def test_the_login_sets_the_cookie_only_for_the_password(
    start_bosplus: StartBosPlus, http: aiohttp.ClientSession
) -> None:
    sim = await start_bosplus(password='a"b\\c')
    query = LOGIN.replace("... on VoidResult { void }", "__typename ... on AuthError { message }")
    refused, resp = await post(http, sim, query, {"username": "root", "password": ""})
    assert refused["data"]["auth"]["login"]["__typename"] == "AuthError"
    assert "session_id" not in resp.cookies
    cookie = await login(http, sim, 'a"b\\c')
    answer, _ = await post(http, sim, "{ bos { hostname } }", cookie=cookie)
    assert answer == {"data": {"bos": {"hostname": captures.HOSTNAME}}}
    sim.state.expire_sessions()
    answer, _ = await post(http, sim, "{ bos { hostname } }", cookie=cookie)
    assert answer["data"] == {"bos": {"hostname": None}}


async def test_fields_the_schema_lacks_are_refused_whole(
    start_bosplus: StartBosPlus, http: aiohttp.ClientSession
) -> None:
    sim = await start_bosplus()
    cookie = await login(http, sim)
    answer, _ = await post(
        http,
        sim,
        "{ bos { hostname wifi } "
        "bosminer { info { workSolver { hwDetails { hbSerialNumber } } } } }",
        cookie=cookie,
    )
    assert answer["data"] is None
    assert [e["message"] for e in answer["errors"]] == [
        'Unknown field "wifi" on type "BosQuery".',
        'Unknown field "hbSerialNumber" on type "HwDetails".',
    ]


async def test_controls_change_what_it_reports(
    start_bosplus: StartBosPlus, http: aiohttp.ClientSession
) -> None:
    sim = await start_bosplus()
    cookie = await login(http, sim)
    rate = "{ bosminer { info { workSolver { realHashrate { mhs5S } } } } }"
    before, _ = await post(http, sim, rate, cookie=cookie)
    stop = "mutation { bosminer { stop { ... on BosminerError { message } } } }"
    await post(http, sim, stop, cookie=cookie)
    after, _ = await post(http, sim, rate, cookie=cookie)
    assert before["data"]["bosminer"]["info"]["workSolver"]["realHashrate"]["mhs5S"] > 0
    assert after["data"]["bosminer"]["info"]["workSolver"]["realHashrate"]["mhs5S"] == 0
    # asic-rs v25_05 set_power_limit, verbatim but for the value.
    refused, _ = await post(
        http,
        sim,
        """mutation ($limit: Int!) { bosminer { config { updateAutotuning(
          input: { powerTarget: $limit }, apply: true) { ... on AutotuningOut { autotuning {
          powerTarget, enabled } } ... on AutotuningError { message } } } } }""",
        {"limit": 100},
        cookie=cookie,
    )
    message = refused["data"]["bosminer"]["config"]["updateAutotuning"]["message"]
    assert message == "power target [100W] is not in allowed range [Some(1700), Some(6500)]"


async def test_rpc_answers_as_boser(start_bosplus: StartBosPlus) -> None:
    sim = await start_bosplus()

    async def ask(command: str) -> dict[str, Any]:
        reader, writer = await asyncio.open_connection(sim.address, 4028)
        writer.write(json.dumps({"command": command}).encode())
        await writer.drain()
        data = await reader.read()
        writer.close()
        return json.loads(data)

    assert await ask("version") == captures.RPC_VERSION
    details = await ask("devdetails")
    assert details["STATUS"][0]["Msg"] == "Device Details"
    assert [d["Name"] for d in details["DEVDETAILS"]] == [
        "HashchainManager 1",
        "HashchainManager 2",
        "HashchainManager 3",
    ]
    assert (await ask("summary"))["STATUS"][0]["STATUS"] == "E"
    sim.set_fault(Fault.GARBAGE, protocol="rpc")
    reader, writer = await asyncio.open_connection(sim.address, 4028)
    writer.write(b'{"command": "version"}')
    assert await reader.read() == GARBAGE_BYTES
    writer.close()


async def test_the_root_page_names_the_firmware_and_faults_apply(
    start_bosplus: StartBosPlus, http: aiohttp.ClientSession
) -> None:
    sim = await start_bosplus()
    async with http.get(f"http://{sim.address}/") as resp:
        assert "Braiins OS" in await resp.text()
    sim.set_fault(Fault.GARBAGE, protocol="http")
    async with http.post(
        f"http://{sim.address}/graphql", json={"query": "{ bos { hostname } }"}
    ) as resp:
        assert await resp.read() == GARBAGE_BYTES
