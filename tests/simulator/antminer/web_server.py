"""HTTP 80: the stock web interface behind digest auth, with injected faults."""

from __future__ import annotations

from typing import TYPE_CHECKING

from aiohttp import web

from ..digest import DigestAuth
from ..faults import Fault
from ..http_listener import HttpListener
from . import web_modern, web_old
from .models import Firmware

if TYPE_CHECKING:
    from .miner import SimulatedMiner

UNAUTHORIZED_PAGE = (
    '<?xml version="1.0" encoding="iso-8859-1"?>\n'
    "<!DOCTYPE html>\n<html><head><title>401 Unauthorized</title></head>"
    "<body><h1>401 Unauthorized</h1></body></html>\n"
)


class WebServer(HttpListener):
    """The web listener of one simulated miner; rebuilt on each start."""

    def __init__(self, miner: SimulatedMiner, host: str, port: int) -> None:
        super().__init__(
            host, port, miner.faults, self._routes, cut=_cut_keeping_type, screen=self._challenge
        )
        self._miner = miner
        self._auth = DigestAuth()

    def _routes(self) -> list[web.RouteDef]:
        routes = web_old.routes if self._miner.spec.firmware is Firmware.OLD else web_modern.routes
        return routes(self._miner)

    def _challenge(self, request: web.Request) -> web.Response | None:
        """The digest check, after SILENCE; only the real reply is delayed and faulted, so
        a digest round trip costs the delay once."""
        authorized = self._auth.check(
            request.headers.get("Authorization"), request.method, self._miner.password
        )
        if not authorized or self._miner.faults.active(Fault.WRONG_PASSWORD, "http"):
            return self._unauthorized()
        return None

    def _unauthorized(self) -> web.Response:
        return web.Response(
            status=401,
            text=UNAUTHORIZED_PAGE,
            content_type="text/html",
            headers={"WWW-Authenticate": self._auth.challenge()},
        )


def _cut_keeping_type(response: web.Response, body: bytes) -> web.Response:
    """TRUNCATED: the first three fifths of the body with the reply's type, as a 200."""
    return web.Response(body=body[: max(1, len(body) * 3 // 5)], content_type=response.content_type)
