"""The simulated Goldshells answer in their captures' shapes: the same keys and types in
every ``/mcb/`` reply, mining and asleep, the model table's boards and rated rate; the
token asked where the firmware asks for it. Simulated miners on 127.0.103.180-199."""

from __future__ import annotations

from typing import Any

import aiohttp
import pytest

from tests.simulator.goldshell import MODELS
from tests.simulator.goldshell.testing import (
    SCBOX,
    SCLITE,
    StartGoldshell,
    addresses,
    goldshell_fixture,
)

start_goldshell = goldshell_fixture(addresses(103, 180, 199))


def _shape(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _shape(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_shape(v) for v in value[:1]]
    return type(value).__name__ if not isinstance(value, int | float) else "number"


async def _get(address: str, path: str, token: str | None = None) -> tuple[int, Any]:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    async with (
        aiohttp.ClientSession() as session,
        session.get(f"http://{address}{path}", headers=headers) as response,
    ):
        body = await response.text()
        return response.status, (await response.json() if response.status == 200 else body)


@pytest.mark.parametrize("model", list(MODELS))
async def test_replies_keep_the_captured_keys_and_types(
    start_goldshell: StartGoldshell, model: str
) -> None:
    sim = await start_goldshell(model)
    spec = sim.spec
    status, login = await _get(sim.address, "/user/login?username=admin&password=123456789")
    assert status == 200
    token = login["JWT Token"]
    assert (await _get(sim.address, "/mcb/status"))[1] == spec.status  # no token needed
    _, setting = await _get(sim.address, "/mcb/setting", token)
    assert _shape(setting) == _shape(spec.setting)
    code, devs = await _get(sim.address, "/mcb/cgminer?cgminercmd=devs", token)
    if not spec.devs_answer:
        assert code == 500
        return
    assert _shape(devs) == _shape(spec.devs)
    assert len(devs["data"]) == spec.boards
    assert sum(row["hashrate"] for row in devs["data"]) == pytest.approx(spec.rated_mhs)
    sim.state.setting["select"] = len(spec.setting["powerplans"]) - 1  # the sleep plan
    _, asleep = await _get(sim.address, "/mcb/cgminer?cgminercmd=devs", token)
    assert _shape(asleep) == _shape(spec.devs)
    assert {row["hashrate"] for row in asleep["data"]} == {0.0}


async def test_the_token_is_asked_except_for_the_status(start_goldshell: StartGoldshell) -> None:
    sim = await start_goldshell(SCLITE)
    assert (await _get(sim.address, "/mcb/setting"))[0] == 401
    assert (await _get(sim.address, "/mcb/setting", "eyJ-wrong"))[0] == 401
    assert (await _get(sim.address, "/mcb/status"))[0] == 200
    assert (await _get(sim.address, "/user/login?username=admin&password=wrong"))[0] == 401
    older = await start_goldshell(SCBOX, token_required=False)
    assert (await _get(older.address, "/mcb/setting"))[0] == 200


async def test_the_home_page_is_the_cloud_box_ui(start_goldshell: StartGoldshell) -> None:
    sim = await start_goldshell(SCLITE)
    async with aiohttp.ClientSession() as session, session.get(f"http://{sim.address}/") as r:
        assert "<title>cloud-box</title>" in await r.text()
