"""HTTP 80: the stock web interface behind digest auth, with injected faults."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING

from aiohttp import web

from ..digest import DigestAuth
from ..faults import GARBAGE_BYTES, Fault
from . import web_modern, web_old
from .models import Firmware

if TYPE_CHECKING:
    from .miner import SimulatedMiner

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]

UNAUTHORIZED_PAGE = (
    '<?xml version="1.0" encoding="iso-8859-1"?>\n'
    "<!DOCTYPE html>\n<html><head><title>401 Unauthorized</title></head>"
    "<body><h1>401 Unauthorized</h1></body></html>\n"
)
SHUTDOWN_TIMEOUT = 0.3


class WebServer:
    """The web listener of one simulated miner; rebuilt on each start."""

    def __init__(self, miner: SimulatedMiner, host: str, port: int) -> None:
        self._miner = miner
        self.host, self.port = host, port
        self._auth = DigestAuth()
        self._runner: web.AppRunner | None = None
        self._closing = asyncio.Event()

    async def start(self) -> None:
        self._closing = asyncio.Event()
        app = web.Application(middlewares=[self._middleware])
        module = web_old if self._miner.spec.firmware is Firmware.OLD else web_modern
        app.add_routes(module.routes(self._miner))
        runner = web.AppRunner(app, access_log=None, shutdown_timeout=SHUTDOWN_TIMEOUT)
        await runner.setup()
        site = web.TCPSite(runner, self.host, self.port, reuse_address=True)
        try:
            await site.start()
        except BaseException:
            await runner.cleanup()
            raise
        self._runner = runner

    async def stop(self) -> None:
        self._closing.set()  # ends silenced requests
        if self._runner is not None:
            runner, self._runner = self._runner, None
            await runner.cleanup()

    async def _delay(self, request: web.Request, seconds: float) -> None:
        """Sleep, unless the miner stops first: then drop the connection and end the handler
        (a handler must not outlive stop())."""
        try:
            await asyncio.wait_for(self._closing.wait(), seconds)
        except TimeoutError:
            return
        if request.transport is not None:
            request.transport.abort()
        raise web.HTTPServiceUnavailable  # never reaches the client

    def _unauthorized(self) -> web.Response:
        return web.Response(
            status=401,
            text=UNAUTHORIZED_PAGE,
            content_type="text/html",
            headers={"WWW-Authenticate": self._auth.challenge()},
        )

    @web.middleware
    async def _middleware(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        faults = self._miner.faults
        if faults.active(Fault.SILENCE, "http"):
            await self._closing.wait()
            if request.transport is not None:
                request.transport.abort()
            raise web.HTTPServiceUnavailable  # never reaches the client
        authorized = self._auth.check(
            request.headers.get("Authorization"), request.method, self._miner.password
        )
        if not authorized or faults.active(Fault.WRONG_PASSWORD, "http"):
            return self._unauthorized()
        # Only the real reply is delayed, so a digest round trip costs the delay once.
        if delay := faults.delay("http"):
            await self._delay(request, delay)
        response = await handler(request)
        if faults.active(Fault.GARBAGE, "http"):
            return web.Response(body=GARBAGE_BYTES, content_type="text/html")
        if not isinstance(response, web.Response) or not isinstance(response.body, bytes):
            return response
        body = response.body
        if faults.active(Fault.TRUNCATED, "http"):
            return web.Response(
                body=body[: max(1, len(body) * 3 // 5)], content_type=response.content_type
            )
        if faults.active(Fault.DROP, "http"):
            return await _drop_midway(request, response, body)
        return response


async def _drop_midway(
    request: web.Request, response: web.Response, body: bytes
) -> web.StreamResponse:
    stream = web.StreamResponse(status=response.status)
    stream.content_type = response.content_type
    stream.content_length = len(body)
    await stream.prepare(request)
    await stream.write(body[: len(body) // 2])
    if request.transport is not None:
        request.transport.abort()
    return stream
