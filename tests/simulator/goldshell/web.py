"""HTTP 80 of a simulated Goldshell miner: the "cloud-box" page, the JWT login and ``/mcb/``.

``/mcb/status`` answers without a token; every other ``/mcb/`` path wants
``Authorization: Bearer <token>`` and answers 401 without it (crProductGuy/goldshell-box-
tools-productguy docs/firmware-api.md), unless the simulated firmware is the older one
that asks for none. A wrong password at the login: 401 (what the firmware answers then is
not on record; pyasic only knows a reply it cannot parse).
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from aiohttp import web

from ..faults import Fault
from ..http_listener import HttpListener, catch_all

if TYPE_CHECKING:
    from .miner import GoldshellSim

# The stock UI's page is a single-page app titled "cloud-box" (docs/firmware-api.md).
HOME_PAGE = (
    '<!DOCTYPE html><html><head><meta charset="utf-8"><title>cloud-box</title></head>'
    '<body><div id="app"></div></body></html>'
)


class GoldshellWeb(HttpListener):
    def __init__(self, miner: GoldshellSim, host: str, port: int) -> None:
        super().__init__(host, port, miner.faults, lambda: catch_all(self._dispatch))
        self._miner = miner

    def _authorised(self, request: web.Request) -> bool:
        state = self._miner.state
        if not state.token_required:
            return True
        if state.token_check_errors > 0:
            state.token_check_errors -= 1
            return False
        return request.headers.get("Authorization") == f"Bearer {state.token}"

    async def _dispatch(self, request: web.Request) -> web.StreamResponse:
        state = self._miner.state
        path = request.path_qs if request.path == "/mcb/cgminer" else request.path
        state.received.append((request.method, path))
        if request.path == "/":
            return web.Response(text=HOME_PAGE, content_type="text/html")
        if request.path == "/user/login":
            return self._login(request)
        if not request.path.startswith("/mcb/"):
            return web.Response(status=404, text="404 page not found")
        name = request.path.removeprefix("/mcb/")
        if name == "status" and request.method == "GET":
            return _json(self._miner.spec.status)
        if not self._authorised(request):
            return web.Response(status=401, text="Unauthorized")
        return await self._mcb(request, name)

    def _login(self, request: web.Request) -> web.Response:
        state = self._miner.state
        query = request.query
        wrong = self._miner.faults.active(Fault.WRONG_PASSWORD, "http")
        if wrong or query.get("username") != "admin" or query.get("password") != state.password:
            return web.Response(status=401, text="Unauthorized")
        state.logins += 1
        return _json({"JWT Token": state.token})

    async def _mcb(self, request: web.Request, name: str) -> web.Response:
        miner, state = self._miner, self._miner.state
        if request.method == "GET":
            if name == "setting":
                return _json(state.setting)
            if name == "pools":
                return _json(state.pools)
            if name == "cgminer" and request.query.get("cgminercmd") == "devs":
                if not miner.spec.devs_answer:
                    return web.Response(status=500, text="Internal Server Error")
                return _json(state.devs())
            return web.Response(status=404, text="404 page not found")
        if request.method != "PUT":
            return web.Response(status=405)
        body = await _body(request)
        if name == "setting":
            problem = state.apply_setting(body)
        elif name == "newpool":
            problem = state.new_pool(body)
        elif name == "delpool":
            problem = state.del_pool(body)
        elif name == "restart":
            state.restarts += 1
            miner.schedule_reboot()
            return web.Response(text="")
        else:
            return web.Response(status=404, text="404 page not found")
        if problem:
            return web.Response(status=400, text=problem)
        return _json({})


async def _body(request: web.Request) -> Any:
    try:
        return json.loads(await request.read() or b"null")
    except ValueError:
        return None


def _json(value: Any) -> web.Response:
    return web.Response(body=json.dumps(value).encode(), content_type="application/json")
