"""HTTP 80 of a simulated BOS+ miner: ``POST /graphql`` (the login's ``session_id`` cookie,
queries and mutations as gql.py runs them), the web root page, and injected faults."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from aiohttp import web
from aiohttp.typedefs import Handler

from ..http_listener import HttpListener, cut_keeping_headers
from . import captures, gql, tree
from .schema import SCHEMA_24_09

if TYPE_CHECKING:
    from .miner import BosPlusSim

COOKIE = "session_id"


class BosPlusWeb(HttpListener):
    def __init__(self, sim: BosPlusSim, host: str, port: int) -> None:
        super().__init__(
            host,
            port,
            sim.faults,
            lambda: [web.post("/graphql", self._graphql), web.get("/", self._index)],
            cut=cut_keeping_headers,
            outer=[self._log],
        )
        self._sim = sim

    @web.middleware
    async def _log(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        """Every request, silenced ones too, before the faults act."""
        self._sim.requests.append(request.path)
        return await handler(request)

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
