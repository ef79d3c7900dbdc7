"""Goldshell's web API on port 80: ``/mcb/<name>``, a JWT bearer token where one is asked.

``GET /user/login?username=…&password=…&cipher=false`` answers ``{"JWT Token": …}``
(pyasic web/goldshell.py); later requests carry ``Authorization: Bearer <token>``. Older
firmware answers without a token, and ``/mcb/status`` never asks for one
(crProductGuy/goldshell-box-tools-productguy docs/firmware-api.md), so a request goes
without one until the miner refuses it (401): then we log in once and send it again.
The firmware's token check races under concurrent requests ("Check Token Error" in its
syslog, same notes), so requests go one at a time (a lock) and a refused one is retried
after a fresh login before it counts as a wrong password.

The login's query string holds the password: its errors never quote the request.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any, Final
from urllib.parse import urlencode

import aiohttp

from ...credentials import Credentials
from ...errors import AsicMinerError, MinerAuthenticationError, MinerProtocolError
from ...transport.http import WebClient
from ...transport.json_repair import parse_json, parse_web_reply

BASE: Final = "/mcb/"
# pools holds the pool passwords: an unreadable one is never quoted.
SECRET_REPLIES: Final = frozenset({"pools"})
_REFUSED: Final = frozenset({401, 403})


class GoldshellApi:
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
        self._token: str | None = None
        self._lock = asyncio.Lock()
        self.logins = 0  # logins sent (a token renewed counts again)

    def __repr__(self) -> str:
        return f"<GoldshellApi {self.host}>"

    async def get(self, name: str) -> Any:
        return await self._send("GET", name)

    async def put(self, name: str, body: dict[str, Any] | None = None) -> Any:
        return await self._send("PUT", name, body)

    async def _send(self, method: str, name: str, body: dict[str, Any] | None = None) -> Any:
        async with self._lock:
            try:
                text = await self._request(method, name, body)
            except MinerAuthenticationError:
                await self._login()
                try:
                    text = await self._request(method, name, body)
                except MinerAuthenticationError:
                    raise MinerAuthenticationError(
                        f"{self.host} refused the login's token for {name}"
                    ) from None
        return self._parse(name, text)

    async def _request(self, method: str, name: str, body: dict[str, Any] | None) -> str:
        headers = {"Authorization": f"Bearer {self._token}"} if self._token else {}
        extra: dict[str, Any] = {} if body is None else {"json": body}
        return await self.web.request_text(method, BASE + name, headers=headers, **extra)

    async def _login(self) -> None:
        username = self._credentials.username or "admin"
        query = urlencode(
            {"username": username, "password": self._credentials.password or "", "cipher": "false"}
        )
        self.logins += 1
        self._token = None
        try:
            page = await self.web.send("GET", f"/user/login?{query}")
        except AsicMinerError as err:
            # Its message names no request; the cause may (the query holds the password).
            raise type(err)(str(err)) from None
        if page.status in _REFUSED:
            raise MinerAuthenticationError(f"{self.host} rejected the username or password")
        if page.status >= 400:
            raise MinerProtocolError(f"{self.host}: the login answered HTTP {page.status}")
        try:
            answer = parse_json(page.text, allow_truncated=False)
        except MinerProtocolError:
            answer = None
        token = answer.get("JWT Token") if isinstance(answer, dict) else None
        if not isinstance(token, str) or not token:
            raise MinerAuthenticationError(f"{self.host}: the login gave no token")
        self._token = token

    def _parse(self, name: str, text: str) -> Any:
        return parse_web_reply(text, self.host, name, secret=name in SECRET_REPLIES)
