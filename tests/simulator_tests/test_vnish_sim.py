"""The simulated VNish miners speak the protocol as captured: /api/v1 with its open and
token-guarded paths, the unlock answers, the find-miner toggle, the captured summary shape,
the throttle only on 1.3, and cgminer on 4028 naming the firmware in its Type. Simulated
miners on 127.0.73.160-189."""

from __future__ import annotations

import asyncio
import json
from typing import Any

import aiohttp
import pytest

from tests.simulator.families import make_miner
from tests.simulator.faults import Fault
from tests.simulator.vnish import captures
from tests.simulator.vnish.testing import AIR, HYDRO, StartVnish, addresses, vnish_fixture

start_vnish = vnish_fixture(addresses(160, 189))


async def call(
    host: str, method: str, path: str, body: Any = None, token: str | None = None
) -> tuple[int, bytes]:
    headers = {"Authorization": token} if token else {}
    async with (
        aiohttp.ClientSession() as session,
        session.request(method, f"http://{host}{path}", json=body, headers=headers) as response,
    ):
        return response.status, await response.read()


async def unlock(host: str, password: str = "admin") -> str:
    status, body = await call(host, "POST", "/api/v1/unlock", {"pw": password})
    assert status == 200
    token: str = json.loads(body)["token"]
    return token


async def rpc(host: str, command: str) -> dict[str, Any]:
    reader, writer = await asyncio.open_connection(host, 4028)
    writer.write(json.dumps({"command": command}).encode())
    data = await reader.read()
    writer.close()
    reply: dict[str, Any] = json.loads(data.rstrip(b"\x00"))
    return reply


async def test_page_names_anthillos(start_vnish: StartVnish) -> None:
    sim = await start_vnish(AIR)
    status, body = await call(sim.address, "GET", "/")
    assert status == 200
    assert b"AnthillOS" in body


async def test_unlock_answers_a_token_or_403_with_the_authcheck_body(
    start_vnish: StartVnish,
) -> None:
    sim = await start_vnish(AIR, password="s3cret")
    assert len(await unlock(sim.address, "s3cret")) == 32
    status, body = await call(sim.address, "POST", "/api/v1/unlock", {"pw": "admin"})
    assert (status, json.loads(body)) == (403, {"unlock_timeout": None})


@pytest.mark.parametrize("path", ["/summary", "/info", "/status", "/perf-summary"])
async def test_open_paths_answer_without_a_token(start_vnish: StartVnish, path: str) -> None:
    sim = await start_vnish(AIR)
    status, body = await call(sim.address, "GET", "/api/v1" + path)
    assert status == 200
    assert isinstance(json.loads(body), dict)


@pytest.mark.parametrize(
    ("method", "path"),
    [("GET", "/settings"), ("GET", "/autotune/presets"), ("POST", "/mining/stop")],
)
async def test_guarded_paths_answer_401_without_a_token(
    start_vnish: StartVnish, method: str, path: str
) -> None:
    sim = await start_vnish(AIR)
    assert await call(sim.address, method, "/api/v1" + path) == (401, b"")
    assert sim.state.miner_state == "mining"


async def test_bearer_everywhere_bare_token_except_system(start_vnish: StartVnish) -> None:
    sim = await start_vnish(AIR)
    token = await unlock(sim.address)
    assert (await call(sim.address, "GET", "/api/v1/settings", token=token))[0] == 200
    assert (await call(sim.address, "GET", "/api/v1/settings", token=f"Bearer {token}"))[0] == 200
    assert (await call(sim.address, "POST", "/api/v1/system/reboot", token=token))[0] == 401
    status, body = await call(sim.address, "POST", "/api/v1/system/reboot", token=f"Bearer {token}")
    assert (status, json.loads(body)) == (200, {"after": 3})


async def test_find_miner_toggles_each_call(start_vnish: StartVnish) -> None:
    sim = await start_vnish(AIR)
    answers = [json.loads((await call(sim.address, "POST", "/api/v1/find-miner"))[1])]
    answers.append(json.loads((await call(sim.address, "POST", "/api/v1/find-miner"))[1]))
    assert answers == [{"on": True}, {"on": False}]


async def test_summary_chains_have_the_captured_keys(start_vnish: StartVnish) -> None:
    for model, capture in ((AIR, captures.RC3_CHAIN), (HYDRO, captures.HYDRO128_CHAIN)):
        sim = await start_vnish(model)
        summary = json.loads((await call(sim.address, "GET", "/api/v1/summary"))[1])["miner"]
        assert [set(c) for c in summary["chains"]] == [set(capture) | {"status"}] * 3
        assert summary["miner_type"] == f"{sim.spec.name} (Vnish {sim.spec.version})"


async def test_throttle_exists_on_1_3_only(start_vnish: StartVnish) -> None:
    air, hydro = await start_vnish(AIR), await start_vnish(HYDRO)
    token = f"Bearer {await unlock(air.address)}"
    status, body = await call(
        air.address, "POST", "/api/v1/mining/throttle", {"percent": 40}, token
    )
    assert (status, json.loads(body)) == (
        200,
        {"restart_required": False, "reboot_required": False},
    )
    summary = json.loads((await call(air.address, "GET", "/api/v1/summary"))[1])
    assert summary["miner"]["miner_status"]["throttled"] == 40
    hydro_token = f"Bearer {await unlock(hydro.address)}"
    status, _ = await call(
        hydro.address, "POST", "/api/v1/mining/throttle", {"percent": 40}, hydro_token
    )
    assert status == 404
    summary = json.loads((await call(hydro.address, "GET", "/api/v1/summary"))[1])
    assert "throttled" not in summary["miner"]["miner_status"]


async def test_rpc_names_the_firmware_and_joins_commands(start_vnish: StartVnish) -> None:
    sim = await start_vnish(AIR)
    version = await rpc(sim.address, "version")
    assert version["VERSION"][0]["Type"] == "Antminer S19 Pro (Vnish 1.3.4)"
    joined = await rpc(sim.address, "summary+pools")
    assert set(joined) == {"summary", "pools", "id"}
    assert joined["summary"][0]["SUMMARY"][0]["Elapsed"] == sim.state.uptime


async def test_rpc_faults_apply_to_4028(start_vnish: StartVnish) -> None:
    sim = await start_vnish(AIR)
    sim.set_fault(Fault.GARBAGE, protocol="rpc")
    with pytest.raises(json.JSONDecodeError):
        await rpc(sim.address, "version")


async def test_reboot_goes_away_and_comes_back_with_tokens_gone(
    start_vnish: StartVnish,
) -> None:
    sim = await start_vnish(AIR, reboot_seconds=0.2)
    token = await unlock(sim.address)
    await call(sim.address, "POST", "/api/v1/system/reboot", token=f"Bearer {token}")
    await asyncio.sleep(0.2)
    assert not sim.online
    await asyncio.sleep(0.4)
    assert sim.online
    assert (await call(sim.address, "GET", "/api/v1/settings", token=token))[0] == 401


async def test_families_make_both_models() -> None:
    for model in (AIR, HYDRO):
        sim = make_miner(model, "127.0.73.189", password="x", reboot_seconds=1)
        assert type(sim).__name__ == "VnishSim"
        assert sim.state.password == "x"
