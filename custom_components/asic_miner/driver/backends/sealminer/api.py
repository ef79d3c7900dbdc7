"""The SealMiner web: ``/cgi-bin/<name>.php`` on 80 behind a session cookie.

``POST /cgi-bin/login.php`` with the form ``username=…&origin_pwd=…`` (and the
``X-Requested-With`` header the web UI sends) sets the cookie; every other request carries
it (asic-rs firmwares/sealminer v2025/web.rs). A login answered without a cookie is a
refused password. A request refused with 401/403 (a session the firmware dropped) logs in
again once.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Mapping
from typing import Any, Final

import aiohttp

from ...credentials import Credentials
from ...errors import (
    MinerAuthenticationError,
    MinerConnectionError,
    MinerProtocolError,
    MinerTimeoutError,
)
from ...transport.http import WebClient
from ...transport.json_repair import parse_json

LOGIN: Final = "/cgi-bin/login.php"


class SealWeb:
    def __init__(
        self,
        host: str,
        session: Callable[[], aiohttp.ClientSession],
        credentials: Credentials,
        timeout: float,
    ) -> None:
        self.host = host
        self.web = WebClient(host, session, timeout=timeout)
        self._credentials = credentials
        self._cookie: str | None = None
        self._lock = asyncio.Lock()
        self.logins = 0

    def __repr__(self) -> str:
        return f"<SealWeb {self.host}>"

    async def get(self, name: str) -> Any:
        return await self._send("GET", name, None)

    async def post(self, name: str, body: Mapping[str, Any]) -> Any:
        return await self._send("POST", name, dict(body))

    async def _send(self, method: str, name: str, body: dict[str, Any] | None) -> Any:
        cookie = await self._session_cookie(None)
        try:
            text = await self._request(method, name, body, cookie)
        except MinerAuthenticationError:
            text = await self._request(method, name, body, await self._session_cookie(cookie))
        if not text.strip():
            return None
        return parse_json(text, allow_truncated=False)

    async def _request(self, method: str, name: str, body: Any, cookie: str) -> str:
        path = f"/cgi-bin/{name}.php"
        return await self.web.request_text(method, path, headers={"Cookie": cookie}, json=body)

    async def _session_cookie(self, refused: str | None) -> str:
        async with self._lock:
            cookie = self._cookie
            if cookie is None or cookie == refused:
                cookie = self._cookie = await self._login()
            return cookie

    async def _login(self) -> str:
        self.logins += 1
        form = {
            "username": self._credentials.username or "",
            "origin_pwd": self._credentials.password or "",
        }
        try:
            async with self.web.session().post(
                self.web.base_url + LOGIN,
                data=form,
                headers={"X-Requested-With": "XMLHttpRequest"},
                timeout=aiohttp.ClientTimeout(total=self.web.timeout),
                allow_redirects=False,
            ) as response:
                await response.read()
                found = response.headers.getall("Set-Cookie", [])
                status = response.status
        except TimeoutError as err:
            raise MinerTimeoutError(f"{self.host}: the web login did not answer") from err
        except aiohttp.ClientError as err:
            raise MinerConnectionError(f"{self.host}: web login: {type(err).__name__}") from err
        if status >= 500:
            raise MinerProtocolError(f"{self.host}: the web login answered HTTP {status}")
        cookie = found[0].split(";", 1)[0].strip() if found else ""
        if not cookie:
            raise MinerAuthenticationError(
                f"{self.host} rejected the username or password (no session given)"
            )
        return cookie
