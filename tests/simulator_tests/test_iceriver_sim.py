"""The simulated IceRiver KS3M speaks the panel as captured and as the firmware's user.c
answers: the page title pyasic looks for, a login answered with the miner program's code
and no cookie, the userpanel reply in the capture's keys and types (the miner's own MAC,
a running uptime, the light it was set to), every command refused with 1004 before the
login and after a reboot, the machine page's read in the replay's shape, and pools taken
from the machine page's form. Sims on 127.0.106.50-59 and 127.0.118.40-49."""

from __future__ import annotations

import json
from typing import Any

import aiohttp

from tests.simulator.iceriver import captures
from tests.simulator.iceriver.testing import StartIceRiver, addresses, iceriver_fixture

start_iceriver = iceriver_fixture(addresses(106, 50, 59))
start_writable = iceriver_fixture(addresses(118, 40, 49))


def _shape(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _shape(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_shape(v) for v in value]
    return type(value).__name__


async def _post(
    session: aiohttp.ClientSession, host: str, page: str, form: dict[str, str] | None = None,
    **query: str,
) -> Any:  # fmt: skip
    async with session.post(f"http://{host}/user/{page}", params=query, data=form) as answer:
        assert answer.status == 200
        assert "Set-Cookie" not in answer.headers
        return json.loads(await answer.text())


async def _login(session: aiohttp.ClientSession, host: str, password: str) -> Any:
    return await _post(session, host, "loginpost", post="6", user="admin", pwd=password)


async def test_the_panel_answers_as_captured_after_a_login(start_iceriver: StartIceRiver) -> None:
    sim = await start_iceriver()
    async with aiohttp.ClientSession() as session:
        async with session.get(f"http://{sim.address}/") as page:
            assert captures.INDEX_TITLE in await page.text()
        refused = await _post(session, sim.address, "userpanel", post="4")
        assert refused == captures.refused("info", 1004)  # no login yet
        assert await _login(session, sim.address, "wrong") == captures.WRONG_PASSWORD
        assert await _login(session, sim.address, "12345678") == captures.LOGGED_IN
        reply = await _post(session, sim.address, "userpanel", post="4")
        assert _shape(reply) == _shape(captures.USERPANEL_KS3M)
        assert reply["data"]["mac"].upper().replace("-", ":") == sim.mac
        assert reply["data"]["boards"] == captures.USERPANEL_KS3M["data"]["boards"]
        lit = await _post(session, sim.address, "userpanel", post="5", locate="1")
        assert lit == captures.PROGRAM_DONE
        assert (await _post(session, sim.address, "userpanel", post="4"))["data"]["locate"]
        await sim.reboot()
        refused = await _post(session, sim.address, "userpanel", post="4")
        assert refused["error"] == 1004  # the login died with it


async def test_pools_from_the_machine_page_form(start_writable: StartIceRiver) -> None:
    sim = await start_writable()
    blank = {f"pool{n}{field}": "" for n in (2, 3) for field in ("address", "miner", "pwd")}
    form = {
        "pool1address": "stratum+tcp://kas.solo.invalid:5555",
        "pool1miner": "kaspa:me",
        "pool1pwd": "p1",
        **blank,  # the machine page sends its empty slots too
        "fanratio": "1",
        "fanmode": "normal",
        "post": "2",
    }
    async with aiohttp.ClientSession() as session:
        await _login(session, sim.address, "12345678")
        machine = await _post(session, sim.address, "machineconfig", post="1")
        assert _shape(machine) == _shape(captures.MACHINECONFIG_KS3M)
        done = await _post(session, sim.address, "machineconfig", form)
        assert done == captures.POOLS_SET
        panel = await _post(session, sim.address, "userpanel", post="4")
        reread = await _post(session, sim.address, "machineconfig", post="1")
    slots = panel["data"]["pools"]
    assert [(p["addr"], p["user"], p["pass"]) for p in slots] == [
        ("stratum+tcp://kas.solo.invalid:5555", "kaspa:me", "p1"),
        ("", "", ""),
        ("", "", ""),
    ]
    assert _shape(slots) == _shape(captures.USERPANEL_KS3M["data"]["pools"])
    assert reread["data"]["pools"] == slots


async def test_reboot_answers_then_restarts(start_writable: StartIceRiver) -> None:
    sim = await start_writable(reboot_seconds=0.2)
    async with aiohttp.ClientSession() as session:
        await _login(session, sim.address, "12345678")
        assert await _post(session, sim.address, "userpanel", post="3") == captures.PROGRAM_DONE
    assert sim.state.restarts == 1
