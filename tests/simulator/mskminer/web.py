"""HTTP 80 of a simulated MSKMiner, as pyasic's MSKMinerWebAPI (pyasic web/mskminer.py)
talks to it: ``POST /admin/login`` with the form ``username``/``password`` (admin / root as
shipped), then ``POST /api/<command>``. Only ``info_v1`` is served, in the one shape public
(pyasic's mskminer_tests fixture, which its authors mark "needs updates with real data"):
``{"network_info": {"result": {"address", "macaddr", "netmask"}}}``; what the real reply
holds besides (hass-miner issue #500 shows "many params") is not known. Nothing is known of
the login's answer or of a session: the login is answered 200 with an empty body and a
wrong password 401, and ``/api/*`` does not check that a login came first.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from aiohttp import web

from ..http_listener import HttpListener, catch_all

if TYPE_CHECKING:
    from .miner import MskSim

NETMASK = "255.255.255.0"


class MskWeb(HttpListener):
    def __init__(self, miner: MskSim, host: str, port: int) -> None:
        super().__init__(host, port, miner.faults, lambda: catch_all(self._dispatch))
        self._miner = miner

    async def _dispatch(self, request: web.Request) -> web.StreamResponse:
        state = self._miner.state
        state.received.append((request.method, request.path))
        if request.method == "POST" and request.path == "/admin/login":
            form = await request.post()
            if (form.get("username"), form.get("password")) != ("admin", state.password):
                return web.Response(status=401)
            state.logins += 1
            return web.Response(status=200)
        if request.method == "POST" and request.path == "/api/info_v1":
            network = {"address": self._miner.address, "macaddr": self._miner.mac.lower()}
            return web.json_response({"network_info": {"result": network | {"netmask": NETMASK}}})
        return web.Response(status=404, text="Not Found")
