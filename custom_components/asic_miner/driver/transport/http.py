"""HTTP to a miner's web interface on aiohttp, with digest auth from aiohttp itself.

The session is borrowed (injected or owned by the Miner) and never closed here. One
``DigestAuthMiddleware`` lives as long as the client, so after the first challenge the
following requests of a poll authenticate without another 401 round trip.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Callable, Mapping
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any

import aiohttp
from yarl import URL

from ..credentials import Credentials
from ..errors import (
    ConnectionDroppedError,
    MinerAuthenticationError,
    MinerCommandError,
    MinerConnectionError,
    MinerProtocolError,
    MinerRefusedError,
    MinerTimeoutError,
)
from .json_repair import parse_json

_LOGGER = logging.getLogger(__name__)

_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_MAX_REDIRECTS = 5


@dataclass(frozen=True, slots=True)
class WebPage:
    """A raw answer, for probes that look at status, headers and text."""

    status: int
    headers: Mapping[str, str]
    text: str
    url: str


class WebClient:
    """Requests to one miner's web interface."""

    def __init__(
        self,
        host: str,
        session: Callable[[], aiohttp.ClientSession],
        *,
        credentials: Credentials | None = None,
        timeout: float = 10.0,
        port: int = 80,
        scheme: str = "http",
    ) -> None:
        self.host = host
        self.session = session
        self.timeout = timeout
        self.port = port
        self.base_url = f"{scheme}://{host}" + ("" if port in (80, 443) else f":{port}")
        self._auth: aiohttp.DigestAuthMiddleware | None = None
        if credentials is not None and credentials.username is not None:
            self._auth = aiohttp.DigestAuthMiddleware(
                credentials.username, credentials.password or ""
            )

    def __repr__(self) -> str:
        return f"<WebClient {self.base_url}>"

    async def get_json(self, path: str) -> Any:
        return await self._request_json("GET", path)

    async def post_json(self, path: str, body: Mapping[str, Any]) -> Any:
        return await self._request_json("POST", path, json=dict(body))

    async def post_form(self, path: str, form: Mapping[str, str]) -> Any:
        return await self._request_json("POST", path, data=dict(form))

    async def fetch_page(self, path: str = "/", *, authenticate: bool = False) -> WebPage:
        """GET a page and return it whatever its status (for identification).

        Redirects are followed only while they stay on this scheme and host. A switch to
        https is returned as the redirect it is: Whatsminer's LuCI answers ``/`` with a 307
        to https on a self-signed certificate, a handshake that can never verify, and each
        such TLS connection reserves a large read buffer (identifying 1,000 miners peaked
        at 291 MB RSS following them, 133 MB without).
        """
        base = URL(self.base_url)
        for _ in range(_MAX_REDIRECTS):
            async with self._open(
                "GET", path, authenticate=authenticate, allow_redirects=False
            ) as response:
                text = await self._read_text(response)
                page = WebPage(response.status, dict(response.headers), text, str(response.url))
                target = _redirect_target(response)
            if page.status not in _REDIRECTS or target is None:
                return page
            if (target.scheme, target.host, target.port) != (base.scheme, base.host, base.port):
                return page
            path = target.path_qs
        return page

    async def send(self, method: str, path: str, *, json: Any = None) -> WebPage:
        """Any method (PATCH too), the answer returned whatever its status and redirects
        not followed: for firmware whose status codes mean their own things (ESP-Miner's
        401 for a client outside private networks, 400 for a refused setting)."""
        async with self._open(
            method, path, authenticate=True, json=json, allow_redirects=False
        ) as response:
            text = await self._read_text(response)
            return WebPage(response.status, dict(response.headers), text, str(response.url))

    async def request_text(self, method: str, path: str, **kwargs: Any) -> str:
        """An authenticated request whose answer need not be JSON (old firmware's "ok")."""
        async with self._open(method, path, authenticate=True, **kwargs) as response:
            text = await self._read_text(response)
            if response.status in (401, 403):
                raise MinerAuthenticationError(
                    f"{self.host} rejected the username or password (HTTP {response.status})"
                )
            if response.status >= 400:
                raise MinerProtocolError(
                    f"{self.host}: {method} {path} answered HTTP {response.status}"
                )
        return text

    async def _request_json(self, method: str, path: str, **kwargs: Any) -> Any:
        data = parse_json(await self.request_text(method, path, **kwargs))
        if isinstance(data, dict) and data.get("success") is False:
            message = data.get("message") or data.get("msg") or "request failed"
            raise MinerCommandError(f"{self.host}: {path}: {message}", code=data.get("code"))
        return data

    @asynccontextmanager
    async def _open(
        self, method: str, path: str, *, authenticate: bool, **kwargs: Any
    ) -> AsyncIterator[aiohttp.ClientResponse]:
        middlewares = (self._auth,) if authenticate and self._auth is not None else ()
        _check_headers(self.host, path, kwargs.get("headers"))
        try:
            async with self.session().request(
                method,
                self.base_url + path,
                middlewares=middlewares,
                timeout=aiohttp.ClientTimeout(total=self.timeout),
                **kwargs,
            ) as response:
                yield response
        except TimeoutError as err:
            raise MinerTimeoutError(
                f"{self.host} did not answer within {self.timeout:g} s"
            ) from err
        except aiohttp.ClientConnectorError as err:
            if isinstance(err.os_error, ConnectionRefusedError):
                raise MinerRefusedError(f"{self.host}:{self.port} refused the connection") from err
            raise MinerConnectionError(f"{self.host}: cannot connect: {err.os_error}") from err
        except (aiohttp.ServerDisconnectedError, aiohttp.ClientPayloadError) as err:
            raise ConnectionDroppedError(f"{self.host}: the connection dropped: {err}") from err
        except aiohttp.ClientConnectionError as err:
            raise MinerConnectionError(f"{self.host}: {type(err).__name__}: {err}") from err
        except aiohttp.ClientError as err:
            # e.g. a malformed digest challenge: the miner answered something we cannot use.
            raise MinerProtocolError(f"{self.host}: {err}") from err

    @staticmethod
    async def _read_text(response: aiohttp.ClientResponse) -> str:
        return await response.text(errors="replace")


def _check_headers(host: str, path: str, headers: Mapping[str, str] | None) -> None:
    """A header value we send that came from the miner (a token, a session cookie) and holds
    a control character, from a damaged reply, is the miner's fault: aiohttp would raise a
    bare ValueError for it. The value is not quoted: it is a secret."""
    for name, value in (headers or {}).items():
        if any(ord(char) < 0x20 or ord(char) == 0x7F for char in value):
            raise MinerProtocolError(
                f"{host}: {path}: the miner's {name} value cannot be sent in a header"
            )


def _redirect_target(response: aiohttp.ClientResponse) -> URL | None:
    """Where a Location header points; None without one or when no URL can be read from it
    (``http://[::1``): the answer is then returned as it is."""
    location = response.headers.get("Location")
    if not location:
        return None
    try:
        return response.url.join(URL(location))
    except ValueError:
        return None
