"""The aiohttp listener of one simulated miner, with the HTTP faults of its FaultPlan
(protocol "http") injected; rebuilt on each start, and a stop ends the requests a SILENCE
or DELAY holds. A family subclasses it with its routes and its firmware's quirks."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterable, Sequence

from aiohttp import web
from aiohttp.typedefs import Handler, Middleware

from .faults import GARBAGE_BYTES, Fault, FaultPlan

Routes = Callable[[], Iterable[web.AbstractRouteDef]]
Cut = Callable[[web.Response, bytes], web.Response]
Screen = Callable[[web.Request], web.StreamResponse | None]
SHUTDOWN_TIMEOUT = 0.3


def catch_all(handler: Handler) -> list[web.AbstractRouteDef]:
    """Every method and path to one handler, which routes them as the firmware does."""
    return [web.route("*", "/{tail:.*}", handler)]


def _cut(body: bytes) -> bytes:
    return body[: max(1, len(body) * 3 // 5)]


def cut_keeping_status(response: web.Response, body: bytes) -> web.Response:
    """TRUNCATED: the first three fifths of the body, with the reply's status and type."""
    return web.Response(status=response.status, body=_cut(body), content_type=response.content_type)


def cut_keeping_headers(response: web.Response, body: bytes) -> web.Response:
    """TRUNCATED: the first three fifths of the body under the reply's headers, as a 200."""
    return web.Response(body=_cut(body), headers=response.headers)


class HttpListener:
    """``routes`` is called on each start. Quirks: ``cut`` shapes a TRUNCATED reply;
    ``screen`` may answer a request before DELAY and the reply faults (it runs after
    SILENCE); ``outer`` middlewares run before the faults, ``inner`` ones between the
    faults and the handler."""

    def __init__(
        self,
        host: str,
        port: int,
        faults: FaultPlan,
        routes: Routes,
        *,
        cut: Cut = cut_keeping_status,
        screen: Screen | None = None,
        outer: Sequence[Middleware] = (),
        inner: Sequence[Middleware] = (),
    ) -> None:
        self.host, self.port = host, port
        self._fault_plan = faults
        self._routes_of = routes
        self._cut_reply = cut
        self._screen = screen
        self._outer, self._inner = tuple(outer), tuple(inner)
        self._runner: web.AppRunner | None = None
        self._closing = asyncio.Event()

    async def start(self) -> None:
        self._closing = asyncio.Event()
        app = web.Application(middlewares=(*self._outer, self._inject_faults, *self._inner))
        app.add_routes(self._routes_of())
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
        self._closing.set()  # ends held requests
        if self._runner is not None:
            runner, self._runner = self._runner, None
            await runner.cleanup()

    async def _hold(self, request: web.Request, seconds: float | None) -> None:
        """Wait (for good when ``seconds`` is None) unless the miner stops first; then drop
        the connection, so no handler outlives stop()."""
        try:
            await asyncio.wait_for(self._closing.wait(), seconds)
        except TimeoutError:
            return
        if request.transport is not None:
            request.transport.abort()
        raise web.HTTPServiceUnavailable  # never reaches the client

    @web.middleware
    async def _inject_faults(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        faults = self._fault_plan
        if faults.active(Fault.SILENCE, "http"):
            await self._hold(request, None)
        if self._screen is not None and (answer := self._screen(request)) is not None:
            return answer
        if delay := faults.delay("http"):
            await self._hold(request, delay)
        response = await handler(request)
        if faults.active(Fault.GARBAGE, "http"):
            return web.Response(body=GARBAGE_BYTES, content_type="text/html")
        if not isinstance(response, web.Response) or not isinstance(response.body, bytes):
            return response
        body = response.body
        if faults.active(Fault.TRUNCATED, "http"):
            return self._cut_reply(response, body)
        if faults.active(Fault.DROP, "http"):
            return await _drop_midway(request, response, body)
        return response


async def _drop_midway(
    request: web.Request, response: web.Response, body: bytes
) -> web.StreamResponse:
    """The headers and half the body, then the connection dropped."""
    stream = web.StreamResponse(status=response.status)
    stream.content_type = response.content_type
    stream.content_length = len(body)
    await stream.prepare(request)
    await stream.write(body[: len(body) // 2])
    if request.transport is not None:
        request.transport.abort()
    return stream
