"""HTTP 80 of a simulated IceRiver miner: the panel page and ``POST /user/<page>``.

Parameters are read from the query (as pyasic sends them) or a form (as the panel's own
pages send them), as the firmware's ``param()`` does. Served as controllers/user.c of
IceRiver's firmware of 2023-09-16 serves them (captures.py): the login handed to the
miner program and its code answered, no cookie set; without a login every command is
refused with 1004, and with the miner program down (``state.program_down``) answered as
user.c then answers; ``userpanel`` post=4 (read), 5 (light), 3 (restart);
``machineconfig`` post=1 (the machine page's read), 2 (pools). Other post values get the
replay's ``{"error": 0, "message": ""}``.
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

# The miner program's command behind each page's post value (user.c's sendMessage ids).
_COMMANDS = {
    ("userpanel", "4"): "info",
    ("userpanel", "5"): "setlocate",
    ("userpanel", "3"): "restart",
    ("machineconfig", "1"): "getpool",
    ("machineconfig", "2"): "setpool",
}


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
        page, post = request.path.removeprefix("/user/"), params.get("post", "")
        state.received.append((page, post))
        refused = self._miner.faults.active(Fault.WRONG_PASSWORD, "http")
        if state.program_down:
            down = page == "loginpost" and post == "6"
            return _json(captures.LOGIN_WITHOUT_PROGRAM if down else captures.PROGRAM_UNREACHABLE)
        if page == "loginpost" and post == "6":
            if refused:
                return _json(captures.WRONG_PASSWORD)
            return _json(state.login(params.get("user"), params.get("pwd")))
        command = _COMMANDS.get((page, post))
        if command is None:
            return _json(captures.UNSERVED)
        if refused or not state.logged_in:
            return _json(captures.refused(command, captures.NOT_LOGGED_IN))
        return _json(self._serve(command, params))

    def _serve(self, command: str, params: dict[str, str]) -> dict[str, Any]:
        state = self._miner.state
        if command == "info":
            return state.panel()
        if command == "getpool":
            return state.machine()
        if command == "setlocate":
            state.locate = params.get("locate", "").strip() == "1"
            return captures.PROGRAM_DONE
        if command == "setpool":
            state.set_pools(params)
            return captures.POOLS_SET
        state.restarts += 1
        self._miner.schedule_reboot()
        return captures.PROGRAM_DONE


def _json(value: Any) -> web.Response:
    return web.Response(body=json.dumps(value).encode(), content_type="application/json")
