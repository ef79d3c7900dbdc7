"""HTTP transport: status mapping, tolerant JSON, timeouts, the borrowed session."""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import AsyncIterator

import aiohttp
import pytest
from aiohttp import web

from custom_components.asic_miner.driver import (
    Credentials,
    MinerAuthenticationError,
    MinerCommandError,
    MinerConnectionError,
    MinerProtocolError,
    MinerTimeoutError,
)
from custom_components.asic_miner.driver.transport.http import WebClient
from tests.simulator.digest import DigestAuth

HOST = "127.0.3.2"
SECRET = "s3cr3t-Pa55"


@contextlib.asynccontextmanager
async def web_server(routes: list[web.RouteDef]) -> AsyncIterator[int]:
    app = web.Application()
    app.add_routes(routes)
    runner = web.AppRunner(app, shutdown_timeout=0.1)
    await runner.setup()
    site = web.TCPSite(runner, HOST, 0)
    await site.start()
    port = runner.addresses[0][1]
    try:
        yield port
    finally:
        await runner.cleanup()


@pytest.fixture
async def session() -> AsyncIterator[aiohttp.ClientSession]:
    async with aiohttp.ClientSession() as client_session:
        yield client_session


def _client(session: aiohttp.ClientSession, port: int, timeout: float = 2) -> WebClient:
    return WebClient(
        HOST,
        lambda: session,
        credentials=Credentials("root", SECRET),
        timeout=timeout,
        port=port,
    )


async def test_401_is_an_authentication_error_without_the_password(
    session: aiohttp.ClientSession,
) -> None:
    async def locked(_: web.Request) -> web.Response:
        challenge = 'Digest realm="antMiner Configuration", nonce="abc123", qop="auth"'
        return web.Response(status=401, headers={"WWW-Authenticate": challenge})

    async with web_server([web.get("/cgi-bin/x.cgi", locked)]) as port:
        with pytest.raises(MinerAuthenticationError) as caught:
            await _client(session, port).get_json("/cgi-bin/x.cgi")
    assert SECRET not in str(caught.value)
    assert SECRET not in repr(caught.value.__cause__ or "")


async def test_success_false_is_a_command_error_with_the_message(
    session: aiohttp.ClientSession,
) -> None:
    async def refuse(_: web.Request) -> web.Response:
        return web.json_response({"success": False, "message": "invalid pool url", "code": "E7"})

    async with web_server([web.post("/cgi-bin/set.cgi", refuse)]) as port:
        with pytest.raises(MinerCommandError, match="invalid pool url") as caught:
            await _client(session, port).post_json("/cgi-bin/set.cgi", {"a": 1})
    assert caught.value.code == "E7"


async def test_json_bodies_are_repaired_like_rpc_replies(session: aiohttp.ClientSession) -> None:
    async def sloppy(_: web.Request) -> web.Response:
        return web.Response(text='{"blink": true,}\x00', content_type="text/html")

    async with web_server([web.get("/cgi-bin/b.cgi", sloppy)]) as port:
        assert await _client(session, port).get_json("/cgi-bin/b.cgi") == {"blink": True}


async def test_json_and_form_bodies_are_sent_as_given(session: aiohttp.ClientSession) -> None:
    seen: list[tuple[str | None, str]] = []

    async def record(request: web.Request) -> web.Response:
        seen.append((request.content_type, await request.text()))
        return web.json_response({"ok": True})

    async with web_server([web.post("/echo", record)]) as port:
        client = _client(session, port)
        await client.post_json("/echo", {"blink": "true"})
        await client.post_form("/echo", {"action": "startBlink"})
    assert seen == [
        ("application/json", '{"blink": "true"}'),
        ("application/x-www-form-urlencoded", "action=startBlink"),
    ]


@pytest.mark.parametrize("damaged", ["tok\nen", "tok\ren", "tok\x00en", "tok\x7fen"])
async def test_a_token_unfit_for_a_header_is_a_protocol_error_not_quoted(
    session: aiohttp.ClientSession, damaged: str
) -> None:
    """A token or cookie from a damaged login reply (VNish, Goldshell, Auradine, IceRiver,
    Innosilicon, SealMiner and the Braiins REST API all send one back in a header) fails
    that request as the miner's fault, before anything is sent, and the error keeps the
    value out."""
    hits: list[str] = []

    async def record(request: web.Request) -> web.Response:
        hits.append(request.path)
        return web.json_response({})

    async with web_server([web.get("/api", record)]) as port:
        client = _client(session, port)
        with pytest.raises(MinerProtocolError, match="Authorization") as caught:
            await client.request_text("GET", "/api", headers={"Authorization": damaged})
        assert await client.request_text("GET", "/api", headers={"Authorization": "ok tok"})
    assert "tok" not in str(caught.value)
    assert hits == ["/api"]


async def test_http_error_status_is_a_protocol_error(session: aiohttp.ClientSession) -> None:
    async with web_server([]) as port:
        with pytest.raises(MinerProtocolError, match="404"):
            await _client(session, port).get_json("/cgi-bin/missing.cgi")


async def test_slow_answer_is_a_timeout_within_the_limit(session: aiohttp.ClientSession) -> None:
    release = asyncio.Event()

    async def slow(_: web.Request) -> web.Response:
        await release.wait()
        return web.json_response({})

    async with web_server([web.get("/slow", slow)]) as port:
        started = time.monotonic()
        with pytest.raises(MinerTimeoutError):
            await _client(session, port, timeout=0.5).get_json("/slow")
        elapsed = time.monotonic() - started
        release.set()
        await asyncio.sleep(0.05)
    assert elapsed < 1.5


async def test_refused_connection(session: aiohttp.ClientSession) -> None:
    async with web_server([]) as port:
        pass  # closed again: nobody listens on that port now
    with pytest.raises(MinerConnectionError) as caught:
        await _client(session, port).get_json("/")
    assert not isinstance(caught.value, MinerTimeoutError)


async def test_injected_session_stays_open(session: aiohttp.ClientSession) -> None:
    async def ok(_: web.Request) -> web.Response:
        return web.json_response({"a": 1})

    async with web_server([web.get("/a", ok)]) as port:
        client = _client(session, port)
        assert await client.get_json("/a") == {"a": 1}
        assert await client.get_json("/a") == {"a": 1}
    assert not session.closed


async def test_digest_login_happens_once_per_client(session: aiohttp.ClientSession) -> None:
    # One challenge, then the middleware answers preemptively: a poll costs no extra 401s.
    digest = DigestAuth()
    statuses: list[int] = []

    async def protected(request: web.Request) -> web.Response:
        if not digest.check(request.headers.get("Authorization"), request.method, SECRET):
            statuses.append(401)
            return web.Response(status=401, headers={"WWW-Authenticate": digest.challenge()})
        statuses.append(200)
        return web.json_response({"path": request.path})

    routes = [web.get("/cgi-bin/{name}", protected), web.post("/cgi-bin/{name}", protected)]
    async with web_server(routes) as port:
        client = _client(session, port)
        assert await client.get_json("/cgi-bin/a.cgi") == {"path": "/cgi-bin/a.cgi"}
        assert await client.get_json("/cgi-bin/b.cgi") == {"path": "/cgi-bin/b.cgi"}
        assert await client.post_json("/cgi-bin/c.cgi", {"x": 1}) == {"path": "/cgi-bin/c.cgi"}
        wrong = WebClient(
            HOST, lambda: session, credentials=Credentials("root", "nope"), port=port, timeout=2
        )
        with pytest.raises(MinerAuthenticationError):
            await wrong.get_json("/cgi-bin/a.cgi")
    assert statuses[:4] == [401, 200, 200, 200]
    assert statuses[4:] == [401, 401]
