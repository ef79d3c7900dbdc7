"""HTTP 80 of a simulated BOS+ miner: ``POST /graphql`` (the login's ``session_id`` cookie,
queries and mutations as gql.py runs them), the web root page, and injected faults."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING

from aiohttp import web

from ..faults import GARBAGE_BYTES, Fault
from . import captures, gql, tree
from .schema import SCHEMA_24_09

if TYPE_CHECKING:
    from .miner import BosPlusSim

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]
SHUTDOWN_TIMEOUT = 0.3
COOKIE = "session_id"


class BosPlusWeb:
    def __init__(self, sim: BosPlusSim, host: str, port: int) -> None:
        self._sim = sim
        self.host, self.port = host, port
        self._runner: web.AppRunner | None = None
        self._closing = asyncio.Event()

    async def start(self) -> None:
        self._closing = asyncio.Event()
        app = web.Application(middlewares=[self._middleware])
        app.router.add_post("/graphql", self._graphql)
        app.router.add_get("/", self._index)
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
        self._closing.set()
        if self._runner is not None:
            runner, self._runner = self._runner, None
            await runner.cleanup()

    async def _hold(self, request: web.Request, seconds: float | None) -> None:
        try:
            await asyncio.wait_for(self._closing.wait(), seconds)
        except TimeoutError:
            return
        if request.transport is not None:
            request.transport.abort()
        raise web.HTTPServiceUnavailable

    @web.middleware
    async def _middleware(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        faults = self._sim.faults
        self._sim.requests.append(request.path)
        if faults.active(Fault.SILENCE, "http"):
            await self._hold(request, None)
        if delay := faults.delay("http"):
            await self._hold(request, delay)
        response = await handler(request)
        if faults.active(Fault.GARBAGE, "http"):
            return web.Response(body=GARBAGE_BYTES, content_type="text/html")
        if not isinstance(response, web.Response) or not isinstance(response.body, bytes):
            return response
        body = response.body
        if faults.active(Fault.TRUNCATED, "http"):
            return web.Response(body=body[: max(1, len(body) * 3 // 5)], headers=response.headers)
        if faults.active(Fault.DROP, "http"):
            return await _drop_midway(request, response, body)
        return response

    async def _index(self, request: web.Request) -> web.Response:
        return web.Response(text=captures.INDEX_PAGE, content_type="text/html")

    async def _graphql(self, request: web.Request) -> web.Response:
        try:
            body = json.loads(await request.read())
        except json.JSONDecodeError, UnicodeDecodeError:
            return web.Response(status=400, text="Invalid JSON body")
        if not isinstance(body, dict) or not isinstance(body.get("query"), str):
            return web.Response(status=400, text="Missing query")
        state = self._sim.state
        authenticated = state.valid(request.cookies.get(COOKIE))
        new_cookies: list[str] = []
        roots = {
            "Query": tree.query(self._sim),
            "Mutation": tree.mutation(self._sim, new_cookies.append),
        }
        variables = body.get("variables") if isinstance(body.get("variables"), dict) else {}
        answer = gql.execute(
            body["query"], SCHEMA_24_09, roots, variables, tree.guard(authenticated)
        )
        response = web.json_response(answer)
        for cookie in new_cookies:
            response.set_cookie(COOKIE, cookie, path="/", httponly=True)
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
