"""The identification web probe follows redirects on plain http, never into TLS."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import aiohttp
import pytest
from aiohttp import web

from custom_components.asic_miner.driver.transport.http import WebClient

HOST = "127.0.17.1"
WEB_PORT = 18080
TLS_PORT = 18443


@pytest.fixture
async def tls_connections() -> AsyncIterator[list[int]]:
    """A listener standing in for the https side; it only counts who connects."""
    seen: list[int] = []

    def accepted(_reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        seen.append(1)
        writer.close()

    server = await asyncio.start_server(accepted, HOST, TLS_PORT)
    yield seen
    server.close()
    await server.wait_closed()


@pytest.fixture
async def web_server() -> AsyncIterator[None]:
    async def to_https(_request: web.Request) -> web.Response:
        # What a Whatsminer's LuCI answers on http.
        raise web.HTTPTemporaryRedirect(f"https://{HOST}:{TLS_PORT}/cgi-bin/luci")

    async def moved(_request: web.Request) -> web.Response:
        raise web.HTTPFound("/home")

    async def home(_request: web.Request) -> web.Response:
        return web.Response(text="<title>AxeOS</title>", content_type="text/html")

    app = web.Application()
    app.router.add_get("/", to_https)
    app.router.add_get("/old", moved)
    app.router.add_get("/home", home)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, HOST, WEB_PORT)
    await site.start()
    yield
    await runner.cleanup()


@pytest.mark.usefixtures("web_server")
async def test_redirect_to_https_is_returned_not_followed(tls_connections: list[int]) -> None:
    async with aiohttp.ClientSession() as session:
        client = WebClient(HOST, lambda: session, port=WEB_PORT, timeout=5)
        page = await client.fetch_page("/")

    assert page.status == 307
    assert page.headers["Location"].startswith("https://")
    assert tls_connections == []


@pytest.mark.usefixtures("web_server")
async def test_redirect_on_the_same_site_is_followed() -> None:
    async with aiohttp.ClientSession() as session:
        client = WebClient(HOST, lambda: session, port=WEB_PORT, timeout=5)
        page = await client.fetch_page("/old")

    assert page.status == 200
    assert "AxeOS" in page.text
    assert page.url.endswith("/home")
