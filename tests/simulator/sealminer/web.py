"""HTTP 80 of a simulated SealMiner: ``POST /cgi-bin/login.php`` (form username and
origin_pwd) sets a session cookie; ``get_system_info.php``, ``miner-psu-status.php``,
``led_conf.php`` and ``reboot.php`` want it (401 without). ``/`` is the index page
naming "amazeui"."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from aiohttp import web

from ..faults import Fault
from ..http_listener import HttpListener, catch_all
from . import replies

if TYPE_CHECKING:
    from .miner import SealSim

USER = "seal"
COOKIE = "PHPSESSID"
# NOT CAPTURED: only the word asic-rs looks for in the page (captures.py).
INDEX_PAGE = '<html><head><link rel="stylesheet" href="/css/amazeui.min.css"></head></html>'


class SealWebServer(HttpListener):
    def __init__(self, miner: SealSim, host: str, port: int) -> None:
        super().__init__(host, port, miner.faults, lambda: catch_all(self._dispatch))
        self._miner = miner

    async def _dispatch(self, request: web.Request) -> web.StreamResponse:
        miner, state = self._miner, self._miner.state
        if request.path == "/":
            return web.Response(text=INDEX_PAGE, content_type="text/html")
        name = request.path.removeprefix("/cgi-bin/").removesuffix(".php")
        state.received.append((request.method, name))
        if name == "login" and request.method == "POST":
            form = await request.post()
            wrong = miner.faults.active(Fault.WRONG_PASSWORD, "http")
            if wrong or form.get("username") != USER or form.get("origin_pwd") != state.password:
                return _json({"status": "error"})  # NOT CAPTURED: no cookie is the refusal
            response = _json({"status": "ok"})
            response.set_cookie(COOKIE, state.new_session())
            return response
        if request.cookies.get(COOKIE) not in state.sessions:
            return web.Response(status=401, text="Unauthorized")
        if name == "get_system_info" and request.method == "GET":
            return _json(replies.system_info(state, miner.mac, miner.address))
        if name == "miner-psu-status" and request.method == "GET":
            return _json(replies.psu_status(state))
        if name == "reboot":
            miner.schedule_reboot()
            return _json(replies.done("reboot"))
        if name == "led_conf" and request.method == "POST":
            body = await _body(request)
            value = body.get("value") if isinstance(body, dict) else None
            if not isinstance(body, dict) or body.get("key") != "led" or value not in ("on", "off"):
                return _json(replies.refused("invalid led setting"))
            state.led = value
            return _json(replies.done("led"))
        return web.Response(status=404, text="Not Found")


async def _body(request: web.Request) -> Any:
    try:
        return json.loads(await request.read() or b"null")
    except ValueError:
        return None


def _json(value: Any) -> web.Response:
    return web.Response(body=json.dumps(value).encode(), content_type="application/json")
