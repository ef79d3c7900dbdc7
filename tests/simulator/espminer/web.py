"""HTTP 80 of a simulated ESP-Miner: the routes each build registers, as esp_http_server
answers them (http_server.c start_rest_server of each version), with injected faults.

Unknown paths: builds with the "/api/*" catch-all (v2.9 on) answer 404
{"error": "unknown route"}; the others (v2.4.5, NerdOS) match every URI with their "/*" GET
file handler, so an unknown GET is redirected to "/" (302, "Redirect to the captive portal")
and any other method gets esp_http_server's 405.
"""

from __future__ import annotations

import asyncio
import gzip
import ipaddress
import json
from typing import TYPE_CHECKING, Any

from aiohttp import web
from aiohttp.typedefs import Handler

from ..http_listener import HttpListener, catch_all, cut_keeping_headers
from . import patch, replies
from .captures import INDEX_PAGE
from .models import OriginRule

if TYPE_CHECKING:
    from .miner import EspMinerSim

CORS = {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Allow-Methods": "GET, POST, PUT, PATCH, DELETE, OPTIONS",
    "Access-Control-Allow-Headers": "Content-Type",
}
METHOD_NOT_ALLOWED = b"Request method for this URI is not handled by server"
PRIVATE = tuple(ipaddress.ip_network(n) for n in ("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"))
LOOPBACK = ipaddress.IPv4Network("127.0.0.0/8")  # the simulator's stand-in for the LAN


def is_private(host: str, lan: ipaddress.IPv4Network = LOOPBACK) -> bool:
    """In the firmware's private ranges, or in ``lan`` (the simulator's LAN: loopback)."""
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False
    return address in lan or any(address in net for net in PRIVATE)


class EspWeb(HttpListener):
    """The web listener of one simulated ESP-Miner; rebuilt on each start."""

    def __init__(self, miner: EspMinerSim, host: str, port: int) -> None:
        super().__init__(
            host,
            port,
            miner.faults,
            lambda: catch_all(self._dispatch),
            cut=cut_keeping_headers,
            inner=[self._connection_close],
        )
        self._miner = miner

    # -- the firmware's connection handling and access check ---------------------------

    @web.middleware
    async def _connection_close(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        """Builds that close every connection say so on the reply (before the faults)."""
        response = await handler(request)
        if self._miner.spec.firmware.connection_close:
            response.headers["Connection"] = "close"
        return response

    def _allowed(self, request: web.Request) -> bool:
        """is_network_allowed of the build (OriginRule)."""
        rule = self._miner.spec.firmware.origin_rule
        if rule is OriginRule.NONE or self._miner.ap_mode:
            return True
        lan = self._miner.lan
        if not is_private(request.remote or "", lan):
            return False
        origin = request.headers.get("Origin")
        if origin is None:
            return True
        if not origin.startswith("http://"):
            return False
        name = origin.removeprefix("http://").split("/", 1)[0].split(":", 1)[0]
        if is_private(name, lan):
            return True
        if rule is OriginRule.LOCAL_NAMES:
            return name.lower().endswith(".local") or "." not in name
        if rule is OriginRule.NERDOS:
            hostname = self._miner.state.hostname
            return name in (hostname, "localhost") or name.endswith(".local")
        return False

    # -- routes --------------------------------------------------------------------------

    async def _dispatch(self, request: web.Request) -> web.StreamResponse:
        build = self._miner.spec.firmware
        path, method = request.path, request.method
        api = path.startswith("/api/") or path == "/api"
        if api and build.origin_rule is not OriginRule.NONE and not self._allowed(request):
            return _text(401, b"Unauthorized")
        routes = self._routes()
        handler = routes.get((method, path))
        if handler is not None:
            return await handler(request)
        if method == "OPTIONS" and api and build.api_not_found_json:
            return web.Response(status=200, headers=CORS)
        if api and build.api_not_found_json:
            return _json(404, {"error": "unknown route"})
        if method == "GET":
            if path in ("/", "/index.html"):
                return self._index()
            return web.Response(
                status=302, headers={"Location": "/"}, text="Redirect to the captive portal"
            )
        return _text(405, METHOD_NOT_ALLOWED)

    def _routes(self) -> dict[tuple[str, str], Handler]:
        build = self._miner.spec.firmware
        routes: dict[tuple[str, str], Handler] = {
            ("GET", "/api/system/info"): self._info,
            ("PATCH", "/api/system"): self._patch,
            ("POST", "/api/system/restart"): self._restart,
        }
        if build.asic_endpoint:
            routes["GET", "/api/system/asic"] = self._asic
        if build.statistics:
            routes["GET", "/api/system/statistics"] = self._statistics
        if build.identify:
            routes["POST", "/api/system/identify"] = self._identify
        if build.pause:
            routes["POST", "/api/system/pause"] = self._pause
            routes["POST", "/api/system/resume"] = self._resume
        if not build.api_not_found_json:
            for path in ("/api/system", "/api/system/restart"):
                routes["OPTIONS", path] = self._options
        return routes

    def _index(self) -> web.Response:
        page = INDEX_PAGE.format(title=self._miner.spec.firmware.index_title).encode()
        return web.Response(
            body=gzip.compress(page, mtime=0),
            headers={"Content-Type": "text/html", "Content-Encoding": "gzip"},
        )

    async def _options(self, request: web.Request) -> web.Response:
        return web.Response(status=200, headers=CORS)

    async def _info(self, request: web.Request) -> web.Response:
        return self._reply(self._miner.system_info())

    async def _asic(self, request: web.Request) -> web.Response:
        return self._reply(replies.system_asic(self._miner.spec))

    async def _statistics(self, request: web.Request) -> web.Response:
        miner = self._miner
        stats = replies.statistics(miner.state, miner.snapshot(), request.query.get("columns"))
        return self._reply(stats)

    async def _patch(self, request: web.Request) -> web.Response:
        answer = patch.apply(self._miner.spec, self._miner.state, await request.read())
        if answer.status == 200:
            self._miner.settings_changed()
        headers = {**CORS, "Content-Type": answer.content_type}
        return web.Response(status=answer.status, body=answer.body, headers=headers)

    async def _restart(self, request: web.Request) -> web.Response:
        self._miner.schedule_reboot()
        message = "System will restart shortly."
        if self._miner.spec.firmware.restart_json:
            return self._reply({"message": message})
        return web.Response(body=message.encode(), headers={**CORS, "Content-Type": "text/html"})

    async def _identify(self, request: web.Request) -> web.Response:
        # POST_identify toggles: a second press within 30 s ends it.
        state = self._miner.state
        loop = asyncio.get_running_loop()
        if state.identify_until > loop.time():
            state.identify_until = 0.0
            return self._reply({"message": 'The device no longer says "Hi!".'})
        state.identify_until = loop.time() + 30.0
        return self._reply({"message": 'The device says "Hi!" for 30 seconds.'})

    async def _pause(self, request: web.Request) -> web.Response:
        self._miner.state.pause()
        return self._reply({"message": "Mining paused"})

    async def _resume(self, request: web.Request) -> web.Response:
        self._miner.state.resume()
        return self._reply({"message": "Mining resumed"})

    def _reply(self, value: Any) -> web.Response:
        body = replies.dumps(value, self._miner.spec.firmware.formatted_json)
        return web.Response(body=body, headers={**CORS, "Content-Type": "application/json"})


def _text(status: int, body: bytes) -> web.Response:
    """httpd_resp_send_err: the message as text/html."""
    return web.Response(status=status, body=body, headers={"Content-Type": "text/html"})


def _json(status: int, value: Any) -> web.Response:
    body = json.dumps(value, separators=(",", ":")).encode()
    return web.Response(
        status=status, body=body, headers={**CORS, "Content-Type": "application/json"}
    )
