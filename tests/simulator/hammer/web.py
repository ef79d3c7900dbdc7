"""HTTP 80 of a simulated "blackMiner": the CGI pyasic's HammerWebAPI reads (web/hammer.py),
behind digest auth (root; realm "blackMiner": pyasic's factory knows the firmware by that
prefix of the realm, the rest of it is not public). Replies from captures.py.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from aiohttp import web

from ..digest import DigestAuth
from ..faults import Fault
from ..http_listener import HttpListener
from . import captures

if TYPE_CHECKING:
    from .miner import HammerSim

REALM = "blackMiner"
CGI = "/cgi-bin/"


class BlackMinerWeb(HttpListener):
    def __init__(self, miner: HammerSim, host: str, port: int) -> None:
        super().__init__(host, port, miner.faults, self._routes, screen=self._challenge)
        self._miner = miner
        self._auth = DigestAuth(REALM)

    def _challenge(self, request: web.Request) -> web.Response | None:
        ok = self._auth.check(
            request.headers.get("Authorization"), request.method, self._miner.state.password
        )
        if ok and not self._miner.faults.active(Fault.WRONG_PASSWORD, "http"):
            return None
        return web.Response(
            status=401,
            text="<html><body><h1>401 Unauthorized</h1></body></html>",
            content_type="text/html",
            headers={"WWW-Authenticate": self._auth.challenge()},
        )

    def reads(self) -> dict[str, Callable[[], dict[str, Any]]]:
        """The CGI reads by name, each building the reply as the miner is now."""
        state = self._miner.state
        return {
            "get_system_info": self._system_info,
            "get_blink_status": lambda: {
                "code": captures.BLINK_ON_CODE if state.blinking else captures.BLINK_OFF_CODE
            },
            "get_miner_conf": lambda: {"pools": [dict(p) for p in state.pools]} | state.conf,
        }

    def _routes(self) -> list[web.RouteDef]:
        routes = [web.get(f"{CGI}{name}.cgi", self._read(b)) for name, b in self.reads().items()]
        return [
            *routes,
            web.get("/", self._index),
            web.post(CGI + "blink.cgi", self._blink),
            web.post(CGI + "set_miner_conf.cgi", self._set_conf),
            web.get(CGI + "reboot.cgi", self._reboot),
            web.post(CGI + "reboot.cgi", self._reboot),
        ]

    def _read(self, build: Callable[[], dict[str, Any]]) -> Any:
        async def handler(request: web.Request) -> web.Response:
            self._miner.state.received.append((request.method, request.path))
            return web.json_response(build())

        return handler

    async def _index(self, _: web.Request) -> web.Response:
        return web.Response(text="<html><body></body></html>", content_type="text/html")

    def _system_info(self) -> dict[str, Any]:
        sim = self._miner
        return captures.SYSTEM_INFO | {
            "minertype": sim.spec.minertype,
            "macaddr": sim.mac,
            "ipaddress": sim.address,
            "uptime": str(sim.state.uptime),
        }

    async def _blink(self, request: web.Request) -> web.Response:
        state = self._miner.state
        state.received.append((request.method, request.path))
        state.blinking = str(_json(await request.text()).get("blink")).lower() == "true"
        code = captures.BLINK_ON_CODE if state.blinking else captures.BLINK_OFF_CODE
        return web.json_response({"code": code})

    async def _set_conf(self, request: web.Request) -> web.Response:
        state = self._miner.state
        state.received.append((request.method, request.path))
        body = _json(await request.text())
        pools = body.pop("pools", None)
        if isinstance(pools, list):
            state.pools = [p for p in pools if isinstance(p, dict)]
        state.conf.update({k: v for k, v in body.items() if k in captures.CONF})
        return web.json_response(captures.SET_CONF_ANSWER)

    async def _reboot(self, request: web.Request) -> web.Response:
        self._miner.state.received.append((request.method, request.path))
        self._miner.schedule_reboot()
        return web.Response(text="")


def _json(text: str) -> dict[str, Any]:
    try:
        value = json.loads(text)
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}
