"""The simulated Braiins OS REST miners speak the API as published and captured: token login
and expiry, each reply with its capture's fields, refusals, the web root page, BOSer's RPC
version and GraphQL model reads. Raw HTTP and TCP, no driver. On 127.0.72.100-149.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from typing import Any

import aiohttp
import pytest

from tests.simulator.bos_rest import BosRestSim, captures
from tests.simulator.bos_rest.testing import StartBos, bos_fixture
from tests.simulator.families import make_miner
from tests.simulator.faults import Fault

from .client import rpc_raw, strict_json

start_bos = bos_fixture(100, 149)
API = "/api/v1/"


@pytest.fixture
async def http() -> AsyncIterator[aiohttp.ClientSession]:
    async with aiohttp.ClientSession() as session:
        yield session


async def login(http: aiohttp.ClientSession, sim: BosRestSim, password: str = "") -> str:
    url = f"http://{sim.address}{API}auth/login"
    async with http.post(url, json={"username": "root", "password": password}) as response:
        assert response.status == 200
        reply = await response.json()
    assert set(reply) == {"token", "timeout_s"}
    token: str = reply["token"]
    return token


async def call(
    http: aiohttp.ClientSession,
    sim: BosRestSim,
    method: str,
    path: str,
    token: str | None,
    *body: Any,
) -> tuple[int, Any]:
    headers = {"Authorization": token} if token else {}
    url = f"http://{sim.address}{API}{path}"
    payload = body[0] if body else None
    async with http.request(method, url, headers=headers, json=payload) as response:
        text = await response.text()
        if response.content_type == "application/json":
            return response.status, json.loads(text)
        return response.status, text


async def test_web_root_names_the_firmware(
    start_bos: StartBos, http: aiohttp.ClientSession
) -> None:
    sim = await start_bos()
    async with http.get(f"http://{sim.address}/") as response:
        assert "Braiins OS" in await response.text()


async def test_every_read_needs_a_token(start_bos: StartBos, http: aiohttp.ClientSession) -> None:
    sim = await start_bos()
    for path in ("miner/details", "miner/stats", "pools/", "configuration/constraints"):
        status, _ = await call(http, sim, "GET", path, None)
        assert status == 401
        status, _ = await call(http, sim, "GET", path, "not-a-token")
        assert status == 401


async def test_login_refuses_a_wrong_password_and_takes_the_right_one(
    start_bos: StartBos, http: aiohttp.ClientSession
) -> None:
    sim = await start_bos(password="s3cret")
    url = f"http://{sim.address}{API}auth/login"
    for body in ({"username": "root", "password": ""}, {"username": "admin", "password": "s3cret"}):
        async with http.post(url, json=body) as response:
            assert response.status == 401
    token = await login(http, sim, "s3cret")
    status, details = await call(http, sim, "GET", "miner/details", token)
    assert status == 200
    assert details["miner_identity"]["miner_model"] == "Antminer S21 Pro"


@pytest.mark.parametrize("model", ["braiins-s21-bos", "braiins-s19xp-bos2507"])
async def test_replies_have_the_fields_of_their_capture(
    start_bos: StartBos, http: aiohttp.ClientSession, model: str
) -> None:
    sim = await start_bos(model)
    token = await login(http, sim)
    for path, name in (
        ("miner/details", "MINER_DETAILS"),
        ("miner/stats", "MINER_STATS"),
        ("miner/hw/hashboards", "MINER_HW_HASHBOARDS"),
        ("miner/errors", "MINER_ERRORS"),
        ("cooling/state", "COOLING_STATE"),
        ("performance/tuner-state", "PERFORMANCE_TUNER_STATE"),
        ("configuration/miner", "CONFIGURATION_MINER"),
        ("network/", "NETWORK"),
        ("version/", "VERSION"),
    ):
        status, reply = await call(http, sim, "GET", path, token)
        assert status == 200, path
        assert reply.keys() == sim.spec.capture(name).keys(), path
    status, pools = await call(http, sim, "GET", "pools/", token)
    captured = sim.spec.capture("POOLS")
    assert [p.keys() for g in pools for p in g["pools"]] == [
        p.keys() for g in captured for p in g["pools"]
    ]
    assert (await call(http, sim, "GET", "actions/locate", token)) == (200, False)


async def test_paths_answer_with_and_without_the_trailing_slash(
    start_bos: StartBos, http: aiohttp.ClientSession
) -> None:
    sim = await start_bos()
    token = await login(http, sim)
    assert (await call(http, sim, "GET", "pools", token))[0] == 200
    assert (await call(http, sim, "GET", "pools/", token))[0] == 200
    assert (await call(http, sim, "GET", "no/such/thing", token))[0] == 404


async def test_a_token_lives_timeout_s_from_its_last_use(
    start_bos: StartBos, http: aiohttp.ClientSession
) -> None:
    sim = await start_bos(token_seconds=1)
    token = await login(http, sim)
    for _ in range(3):  # used every 0.6 s: kept alive past its first second
        await asyncio.sleep(0.6)
        assert (await call(http, sim, "GET", "miner/details", token))[0] == 200
    await asyncio.sleep(1.1)
    assert (await call(http, sim, "GET", "miner/details", token))[0] == 401


async def test_targets_outside_the_constraints_are_refused_with_422(
    start_bos: StartBos, http: aiohttp.ClientSession
) -> None:
    sim = await start_bos()
    token = await login(http, sim)
    _, constraints = await call(http, sim, "GET", "configuration/constraints", token)
    bounds = constraints["tuner_constraints"]["power_target"]
    too_high = bounds["max"]["watt"] + 1
    status, _ = await call(http, sim, "PUT", "performance/power-target", token, {"watt": too_high})
    assert status == 422
    assert sim.state.power_target == 3500
    body = {"watt": bounds["min"]["watt"]}
    assert (await call(http, sim, "PUT", "performance/power-target", token, body)) == (200, body)
    _, mode = await call(http, sim, "GET", "performance/mode", token)
    assert mode == {"tunermode": {"target": {"powertarget": {"power_target": body}}}}


async def test_controls_change_the_state(start_bos: StartBos, http: aiohttp.ClientSession) -> None:
    sim = await start_bos()
    token = await login(http, sim)
    assert (await call(http, sim, "PUT", "actions/pause", token)) == (200, True)
    _, details = await call(http, sim, "GET", "miner/details", token)
    assert details["status"] == 3  # MINER_STATUS_PAUSED
    _, stats = await call(http, sim, "GET", "miner/stats", token)
    assert stats["power_stats"]["approximated_consumption"]["watt"] == 0
    assert (await call(http, sim, "PUT", "actions/resume", token)) == (200, True)
    assert (await call(http, sim, "PUT", "actions/locate", token, True)) == (200, True)
    assert (await call(http, sim, "GET", "actions/locate", token)) == (200, True)
    rate = {"terahash_per_second": 150.0}
    assert (await call(http, sim, "PUT", "performance/hashrate-target", token, rate)) == (200, rate)
    _, tuner = await call(http, sim, "GET", "performance/tuner-state", token)
    assert tuner["mode_state"]["hashratetargetmodestate"]["current_target"] == rate


async def test_reboot_answers_204_and_comes_back_without_the_tokens(
    start_bos: StartBos, http: aiohttp.ClientSession
) -> None:
    sim = await start_bos()
    token = await login(http, sim)
    assert (await call(http, sim, "PUT", "actions/reboot", token))[0] == 204
    for _ in range(40):
        await asyncio.sleep(0.05)
        if sim.state.reboots and sim.online:
            break
    assert sim.online
    assert (await call(http, sim, "GET", "miner/details", token))[0] == 401


async def test_rpc_version_names_boser(start_bos: StartBos) -> None:
    sim = await start_bos()
    reply = strict_json(await rpc_raw(sim.address, "version"))
    assert reply["VERSION"] == captures.BOSER_VERSION["VERSION"]
    assert reply["STATUS"][0]["STATUS"] == "S"
    other = strict_json(await rpc_raw(sim.address, "summary"))
    assert (other["STATUS"][0]["STATUS"], other["STATUS"][0]["Code"]) == ("E", 14)


async def test_graphql_answers_the_model_and_version_reads(
    start_bos: StartBos, http: aiohttp.ClientSession
) -> None:
    sim = await start_bos()
    url = f"http://{sim.address}/graphql"
    async with http.post(url, json={"query": "{ bosminer { info { modelName } } }"}) as response:
        assert (await response.json())["data"]["bosminer"]["info"]["modelName"] == (
            "Antminer S21 Pro"
        )
    async with http.post(url, json={"query": "{ bos { info { version { full } } } }"}) as response:
        full = (await response.json())["data"]["bos"]["info"]["version"]["full"]
    assert full == "2026-04-14-0-912d084c-26.04-plus"


async def test_faults_reach_both_ports(start_bos: StartBos, http: aiohttp.ClientSession) -> None:
    sim = await start_bos()
    sim.set_fault(Fault.GARBAGE)
    async with http.get(f"http://{sim.address}/") as response:
        assert b"Braiins OS" not in await response.read()
    with pytest.raises(json.JSONDecodeError):
        strict_json(await rpc_raw(sim.address, "version"))
    sim.clear_faults()
    sim.set_fault(Fault.WRONG_PASSWORD)
    url = f"http://{sim.address}{API}auth/login"
    async with http.post(url, json={"username": "root", "password": ""}) as response:
        assert response.status == 401


async def test_the_families_table_makes_it() -> None:
    sim = make_miner("braiins-s21-bos", "127.0.72.149", password="pw", reboot_seconds=0.1)
    assert isinstance(sim, BosRestSim)
    assert sim.state.password == "pw"
