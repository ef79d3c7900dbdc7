"""The simulated Auradine speaks FluxOS as captured: a token for admin and its password only,
every other path 401 without it, the web's and GCMiner's replies with the captured keys and
types (asleep: no rate, the idle power), changes answered and applied, and an unknown RPC
command refused. Simulated miners on 127.0.109.60-99, spoken to with plain sockets and
aiohttp (no driver)."""

from __future__ import annotations

import asyncio
import json
from typing import Any

import aiohttp
import pytest

from tests.simulator.auradine import captures
from tests.simulator.auradine.miner import AuradineSim
from tests.simulator.auradine.testing import AT1500, AT2880, addresses, auradine_fixture

start_auradine = auradine_fixture(addresses(109, 60, 99))


async def web(sim: AuradineSim, method: str, path: str, **kwargs: Any) -> tuple[int, Any]:
    async with (
        aiohttp.ClientSession() as session,
        session.request(method, f"http://{sim.address}:8080{path}", **kwargs) as response,
    ):
        text = await response.text()
        return response.status, json.loads(text) if response.status == 200 else text


async def token(sim: AuradineSim, password: str = "admin") -> Any:
    body = {"command": "token", "user": "admin", "password": password}
    return (await web(sim, "POST", "/token", json=body))[1]


async def rpc(sim: AuradineSim, command: str) -> Any:
    reader, writer = await asyncio.open_connection(sim.address, 4028)
    writer.write(json.dumps({"command": command}).encode())
    await writer.drain()
    data = await reader.read()
    writer.close()
    return json.loads(data)


def _shape(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _shape(v) for k, v in value.items() if k not in ("When",)}
    if isinstance(value, list):
        return [_shape(v) for v in value[:1]]
    return type(value) if not isinstance(value, int | float) or isinstance(value, bool) else "n"


async def test_a_token_only_for_the_right_password(start_auradine: Any) -> None:
    sim: AuradineSim = await start_auradine(AT1500)
    refused = await token(sim, "wrong")
    assert refused["STATUS"][0]["STATUS"] == "E"
    assert "Token" not in refused
    assert (await web(sim, "GET", "/ipreport"))[0] == 401
    given = (await token(sim))["Token"][0]["Token"]
    status, report = await web(sim, "GET", "/ipreport", headers={"Token": given})
    assert status == 200
    assert set(report["IPReport"][0]) == set(captures.IPREPORT)


@pytest.mark.parametrize("model", [AT1500, AT2880])
async def test_replies_keep_the_captured_keys_and_types(start_auradine: Any, model: str) -> None:
    sim: AuradineSim = await start_auradine(model)
    headers = {"Token": (await token(sim))["Token"][0]["Token"]}
    for name, capture in (("psu", captures.PSU), ("mode", captures.MODE), ("led", captures.LED)):
        _, reply = await web(sim, "GET", f"/{name}", headers=headers)
        assert _shape(reply[name.upper() if name != "mode" else "Mode"][0]) == _shape(capture)
    _, fans = await web(sim, "GET", "/fan", headers=headers)
    assert len(fans["Fan"]) == 4
    summary = await rpc(sim, "summary")
    assert _shape(summary["SUMMARY"][0]) == _shape(captures.SUMMARY)
    devs = await rpc(sim, "devs")
    assert [_shape(d) for d in devs["DEVS"]] == [_shape(captures.DEV_ENTRY)] * 3
    assert (await rpc(sim, "devdetails"))["DEVDETAILS"][0]["Model"] == sim.spec.name
    assert (await rpc(sim, "nonsense"))["STATUS"][0]["STATUS"] == "E"


async def test_sleep_power_and_light_are_applied(start_auradine: Any) -> None:
    sim: AuradineSim = await start_auradine(AT1500)
    headers = {"Token": (await token(sim))["Token"][0]["Token"]}
    await web(sim, "POST", "/mode", headers=headers, json={"sleep": "on", "command": "mode"})
    assert (await rpc(sim, "summary"))["SUMMARY"][0]["MHS 5s"] == 0.0
    _, psu = await web(sim, "GET", "/psu", headers=headers)
    assert psu["PSU"][0]["PowerIn"] == captures.PSU["PowerIn"]  # captured while asleep
    body = {"mode": "custom", "tune": "power", "power": 2500, "command": "mode"}
    await web(sim, "POST", "/mode", headers=headers, json=body)
    await web(sim, "POST", "/led", headers=headers, json={"code": 3, "command": "led"})
    _, mode = await web(sim, "GET", "/mode", headers=headers)
    assert (mode["Mode"][0]["Power"], mode["Mode"][0]["Sleep"]) == (2500, "on")
    _, refused = await web(sim, "POST", "/led", headers=headers, json={"code": 9})
    assert refused["STATUS"][0]["STATUS"] == "E"
    assert sim.state.led_code == 3


async def test_pools_written_are_listed_by_the_rpc_and_the_web(start_auradine: Any) -> None:
    sim: AuradineSim = await start_auradine(AT1500)
    headers = {"Token": (await token(sim))["Token"][0]["Token"]}
    new = [{"url": "stratum+tcp://a.pool.invalid:3333", "user": "w.1", "pass": "p"}]
    body = {"pools": new, "command": "updatepools"}
    _, answer = await web(sim, "POST", "/updatepools", headers=headers, json=body)
    assert answer["STATUS"][0]["STATUS"] == "S"
    listed = (await rpc(sim, "pools"))["POOLS"]
    assert [(p["URL"], p["User"]) for p in listed] == [("stratum+tcp://a.pool.invalid:3333", "w.1")]
    assert _shape(listed[0]) == _shape(captures.POOL_ENTRY)
    _, on_web = await web(sim, "GET", "/pools", headers=headers)
    assert on_web["POOLS"] == [{"POOL": 0, "URL": new[0]["url"], "User": "w.1"}]
    assert '"pass"' not in json.dumps(sim.state.received)  # its own log keeps no password
    for bad in ([], [{"url": "stratum+tcp://b:1", "user": "u"}], "x"):
        _, refused = await web(sim, "POST", "/updatepools", headers=headers, json={"pools": bad})
        assert refused["STATUS"][0]["STATUS"] == "E"
    assert sim.state.pools == [(new[0]["url"], "w.1")]


async def test_the_fans_target_follows_a_percentage(start_auradine: Any) -> None:
    sim: AuradineSim = await start_auradine(AT1500)
    headers = {"Token": (await token(sim))["Token"][0]["Token"]}
    body = {"percentage": 50, "command": "fan"}
    _, answer = await web(sim, "POST", "/fan", headers=headers, json=body)
    assert answer["STATUS"][0]["STATUS"] == "S"
    _, fans = await web(sim, "GET", "/fan", headers=headers)
    assert [(f["Target"], f["Max"]) for f in fans["Fan"]] == [(3850, 7700)] * 4
    assert [_shape(f) for f in fans["Fan"]] == [_shape(captures.FAN_ENTRY)] * 4
    for refused_body in ({"percentage": 101}, {"percentage": 50, "index": 1}, {}):
        _, refused = await web(sim, "POST", "/fan", headers=headers, json=refused_body)
        assert refused["STATUS"][0]["STATUS"] == "E"
    assert sim.state.fan_target_rpm == 3850
    await web(sim, "POST", "/mode", headers=headers, json={"mode": "normal", "command": "mode"})
    _, mode = await web(sim, "GET", "/mode", headers=headers)
    assert mode["Mode"][0]["Mode"] == "normal"
