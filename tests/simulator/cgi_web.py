"""HTTP 80 of the simulated Scrypt makes with an Antminer-like CGI (Elphapex, Hammer /
VolcMiner): digest auth as root under the make's realm, the reads a subclass lists, and
the stock CGI writes pyasic's clients use: ``blink.cgi`` (answered B000 on, B100 off, the
codes pyasic checks), ``set_miner_conf.cgi`` (keys of the captured configuration kept;
answered as the stock Antminer does, {"stats", "code": "M000", "msg"}: the makes' own
answer is not public and pyasic does not read it), ``reboot.cgi``."""

from __future__ import annotations

import json
from collections.abc import Callable, Collection
from typing import Any, Protocol

from aiohttp import web

from .digest import DigestAuth
from .faults import Fault, FaultPlan
from .http_listener import HttpListener

CGI = "/cgi-bin/"
BLINK_ON_CODE, BLINK_OFF_CODE = "B000", "B100"
SET_CONF_ANSWER: dict[str, Any] = {"stats": "success", "code": "M000", "msg": "OK!"}


class CgiState(Protocol):
    password: str
    pools: list[dict[str, Any]]
    conf: dict[str, Any]
    blinking: bool
    received: list[tuple[str, str]]


class CgiMiner(Protocol):
    faults: FaultPlan
    address: str

    @property
    def state(self) -> Any: ...

    def schedule_reboot(self) -> None: ...


class CgiWeb(HttpListener):
    """A subclass gives ``reads()`` (name → reply builder) and ``conf_keys``."""

    conf_keys: Collection[str] = ()

    def __init__(self, miner: CgiMiner, host: str, port: int, realm: str) -> None:
        super().__init__(host, port, miner.faults, self._routes, screen=self._challenge)
        self._miner = miner
        self._auth = DigestAuth(realm)

    def reads(self) -> dict[str, Callable[[], dict[str, Any]]]:
        raise NotImplementedError

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
            self._note(request)
            return web.json_response(build())

        return handler

    def _note(self, request: web.Request) -> CgiState:
        state: CgiState = self._miner.state
        state.received.append((request.method, request.path))
        return state

    async def _index(self, _: web.Request) -> web.Response:
        return web.Response(text="<html><body></body></html>", content_type="text/html")

    async def _blink(self, request: web.Request) -> web.Response:
        state = self._note(request)
        state.blinking = str(_json(await request.text()).get("blink")).lower() == "true"
        return web.json_response({"code": BLINK_ON_CODE if state.blinking else BLINK_OFF_CODE})

    async def _set_conf(self, request: web.Request) -> web.Response:
        state = self._note(request)
        body = _json(await request.text())
        pools = body.pop("pools", None)
        if isinstance(pools, list):
            state.pools = [p for p in pools if isinstance(p, dict)]
        state.conf.update({k: v for k, v in body.items() if k in self.conf_keys})
        return web.json_response(SET_CONF_ANSWER)

    async def _reboot(self, request: web.Request) -> web.Response:
        self._note(request)
        self._miner.schedule_reboot()
        return web.Response(text="")


def _json(text: str) -> dict[str, Any]:
    try:
        value = json.loads(text)
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}
