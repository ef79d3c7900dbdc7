"""HTTP 80 of a simulated MARA miner: ``/kaonsu/v1/<name>`` behind the Antminer's digest
auth (the "antMiner" realm every path challenges, as on stock firmware), with faults."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from aiohttp import web
from aiohttp.typedefs import Handler

from ..antminer.web_server import UNAUTHORIZED_PAGE
from ..digest import DigestAuth
from ..faults import Fault
from ..http_listener import HttpListener, catch_all
from . import replies

if TYPE_CHECKING:
    from .miner import MaraSim

BASE = "/kaonsu/v1/"


class MaraWeb(HttpListener):
    def __init__(self, miner: MaraSim, host: str, port: int) -> None:
        super().__init__(
            host, port, miner.faults, lambda: catch_all(self._dispatch), screen=self._challenge
        )
        self._miner = miner
        self._auth = DigestAuth()

    def _challenge(self, request: web.Request) -> web.Response | None:
        miner = self._miner
        header = request.headers.get("Authorization")
        wrong = miner.faults.active(Fault.WRONG_PASSWORD, "http")
        if wrong or not self._auth.check(header, request.method, miner.state.password):
            return web.Response(
                status=401,
                text=UNAUTHORIZED_PAGE,
                content_type="text/html",
                headers={"WWW-Authenticate": self._auth.challenge()},
            )
        return None

    async def _dispatch(self, request: web.Request) -> web.StreamResponse:
        if not request.path.startswith(BASE):
            return web.Response(status=404, text="404 Not Found")
        name = request.path.removeprefix(BASE)
        self._miner.state.received.append((request.method, name))
        route = self._routes().get((request.method, name))
        if route is None:
            return web.Response(status=404, text="404 Not Found")
        return await route(request)

    def _routes(self) -> dict[tuple[str, str], Handler]:
        state = self._miner.state

        def reading(make: Any) -> Handler:
            async def handle(request: web.Request) -> web.Response:
                return _json(make())

            return handle

        return {
            ("GET", "brief"): reading(state.brief),
            ("GET", "overview"): reading(self._overview),
            ("GET", "hashboards"): reading(state.hashboards),
            ("GET", "fans"): reading(state.fans),
            ("GET", "pools"): reading(state.pool_list),
            ("GET", "miner_config"): reading(state.miner_config),
            ("GET", "locate_miner"): reading(lambda: {"blinking": state.blinking}),
            ("GET", "network_config"): reading(lambda: {"hostname": state.hostname}),
            ("POST", "miner_config"): self._set_config,
            ("POST", "locate_miner"): self._locate,
            ("POST", "maintenance"): self._maintenance,
        }

    def _overview(self) -> dict[str, Any]:
        return replies.overview(self._miner.spec, self._miner.mac)

    async def _set_config(self, request: web.Request) -> web.Response:
        problem = self._miner.state.apply(await _body(request))
        return _json({"error": True, "msg": problem} if problem else {"error": False})

    async def _locate(self, request: web.Request) -> web.Response:
        body = await _body(request)
        blinking = body.get("blinking") if isinstance(body, dict) else None
        if not isinstance(blinking, bool):
            return _json({"error": True, "msg": "blinking must be true or false"})
        self._miner.state.blinking = blinking
        return _json({"blinking": blinking})

    async def _maintenance(self, request: web.Request) -> web.Response:
        body = await _body(request)
        kind = body.get("type") if isinstance(body, dict) else None
        if kind == "reboot":
            self._miner.schedule_reboot()
        elif kind == "reload":
            self._miner.state.reloads += 1
        else:
            return _json({"error": True, "msg": "unknown maintenance type"})
        return _json({"error": False})


async def _body(request: web.Request) -> Any:
    try:
        return json.loads(await request.read() or b"null")
    except ValueError:
        return None


def _json(value: Any) -> web.Response:
    return web.Response(body=json.dumps(value).encode(), content_type="application/json")
