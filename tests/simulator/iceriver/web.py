"""HTTP 80 of a simulated IceRiver miner: the panel page and ``POST /user/<page>``.

Parameters are read from the query (as pyasic sends them) or a form (as the panel's own
pages and the captured replay read them). Not captured, so kept plain: a request without a
valid session is redirected to the panel page (302 to ``/``), and a login with a wrong
password answers the panel's envelope with ``error`` 1 and sets no cookie.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from aiohttp import web

from ..faults import Fault
from ..http_listener import HttpListener, catch_all
from . import captures

if TYPE_CHECKING:
    from .miner import IceRiverSim

COOKIE = "session"  # the firmware's cookie name is not public


class IceRiverWeb(HttpListener):
    def __init__(self, miner: IceRiverSim, host: str, port: int) -> None:
        super().__init__(host, port, miner.faults, lambda: catch_all(self._dispatch))
        self._miner = miner

    async def _dispatch(self, request: web.Request) -> web.StreamResponse:
        state = self._miner.state
        if request.method == "GET" and request.path in ("/", "/index.html"):
            page = f"<HTML><HEAD>{captures.INDEX_TITLE}</HEAD><BODY></BODY></HTML>"
            return web.Response(text=page, content_type="text/html")
        if request.method != "POST" or not request.path.startswith("/user/"):
            return web.Response(status=404, text="404 Not Found")
        params = dict(request.query) | {k: str(v) for k, v in (await request.post()).items()}
        page = request.path.removeprefix("/user/")
        state.received.append((page, params.get("post", "")))
        if page == "loginpost" and params.get("post") == "6":
            return self._login(params)
        refused = self._miner.faults.active(Fault.WRONG_PASSWORD, "http")
        if refused or request.cookies.get(COOKIE) not in state.sessions:
            raise web.HTTPFound("/")
        if page == "userpanel" and params.get("post") == "4":
            return _json(state.panel())
        if page == "userpanel" and params.get("post") == "5":
            state.locate = params.get("locate") == "1"
            return _json(captures.ACCEPTED)
        return _json(captures.UNSERVED)

    def _login(self, params: dict[str, str]) -> web.Response:
        session = self._miner.state.login(params.get("user"), params.get("pwd"))
        if session is None or self._miner.faults.active(Fault.WRONG_PASSWORD, "http"):
            return _json({**captures.ACCEPTED, "error": 1})
        response = _json(captures.ACCEPTED)
        response.set_cookie(COOKIE, session, path="/")
        return response


def _json(value: Any) -> web.Response:
    return web.Response(body=json.dumps(value).encode(), content_type="application/json")
