"""The simulated IceRiver KS3M speaks the panel as captured: the page title pyasic looks
for, a cookie only for admin's password, the userpanel reply in the capture's keys and
types (the miner's own MAC, a running uptime, the light it was set to), nothing without
the session, and the panel's session gone after a reboot. Sims on 127.0.106.50-59."""

from __future__ import annotations

import json
from typing import Any

import aiohttp

from tests.simulator.iceriver import captures
from tests.simulator.iceriver.testing import StartIceRiver, addresses, iceriver_fixture

start_iceriver = iceriver_fixture(addresses(106, 50, 59))


def _shape(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _shape(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_shape(v) for v in value]
    return type(value).__name__


async def _panel(session: aiohttp.ClientSession, host: str, **query: str) -> tuple[int, str]:
    params = {"post": "4", **query}
    async with session.post(
        f"http://{host}/user/userpanel", params=params, allow_redirects=False
    ) as answer:
        return answer.status, await answer.text()


async def test_the_panel_answers_as_captured_behind_its_cookie(
    start_iceriver: StartIceRiver,
) -> None:
    sim = await start_iceriver()
    jar = aiohttp.CookieJar(unsafe=True)
    async with aiohttp.ClientSession(cookie_jar=jar) as session:
        async with session.get(f"http://{sim.address}/") as page:
            assert captures.INDEX_TITLE in await page.text()
        assert (await _panel(session, sim.address))[0] == 302  # no session yet
        login = {"post": "6", "user": "admin", "pwd": "wrong"}
        async with session.post(f"http://{sim.address}/user/loginpost", params=login) as no:
            assert json.loads(await no.text())["error"] == 1
        login["pwd"] = "12345678"
        async with session.post(f"http://{sim.address}/user/loginpost", params=login) as ok:
            assert json.loads(await ok.text()) == captures.ACCEPTED
        status, body = await _panel(session, sim.address)
        assert status == 200
        reply = json.loads(body)
        assert _shape(reply) == _shape(captures.USERPANEL_KS3M)
        assert reply["data"]["mac"].upper().replace("-", ":") == sim.mac
        assert reply["data"]["boards"] == captures.USERPANEL_KS3M["data"]["boards"]
        async with session.post(
            f"http://{sim.address}/user/userpanel", params={"post": "5", "locate": "1"}
        ) as lit:
            assert json.loads(await lit.text()) == captures.ACCEPTED
        assert json.loads((await _panel(session, sim.address))[1])["data"]["locate"] is True
        await sim.reboot()
        assert (await _panel(session, sim.address))[0] == 302  # the session died with it
