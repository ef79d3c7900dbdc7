"""FluxOS's web API: ``http://<miner>:8080/<command>`` behind a token.

``POST /token {"command": "token", "user": …, "password": …}`` answers the token in
``Token[0].Token``; every other request carries it in a ``Token`` header. A read is a GET,
a change POSTs its fields with ``"command": <name>`` (pyasic web/auradine.py, asic-rs
firmwares/auradine backends/v1/web.rs). Each answer has a cgminer-style ``STATUS``; "E"
is a refusal. A token the firmware no longer takes (HTTP 401, or an "E" naming the token or
session, as asic-rs tells them) is renewed once and the request sent again.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Mapping
from typing import Any, Final

import aiohttp

from ...credentials import Credentials
from ...errors import MinerAuthenticationError, MinerCommandError, MinerProtocolError
from ...transport.http import WebClient
from ...transport.json_repair import parse_json
from . import replies

PORT: Final = 8080
_EXPIRED_WORDS: Final = ("TOKEN", "SESSION", "EXPIRED", "UNAUTHORIZED")


class TokenRefused(MinerAuthenticationError):
    """The token was not taken: renewed once before this reaches a caller."""


class AuradineApi:
    def __init__(
        self,
        host: str,
        session: Callable[[], aiohttp.ClientSession],
        credentials: Credentials,
        timeout: float,
    ) -> None:
        self.host = host
        self.web = WebClient(host, session, timeout=timeout, port=PORT)
        self._credentials = credentials
        self._token: str | None = None
        self._login_lock = asyncio.Lock()
        self.logins = 0  # tokens asked for (a renewal counts)

    def __repr__(self) -> str:
        return f"<AuradineApi {self.host}:{PORT}>"

    async def get(self, name: str) -> dict[str, Any]:
        return await self._send("GET", name, None)

    async def post(self, name: str, body: Mapping[str, Any]) -> dict[str, Any]:
        return await self._send("POST", name, {**body, "command": name})

    async def _send(self, method: str, name: str, body: dict[str, Any] | None) -> dict[str, Any]:
        token = await self._current_token()
        try:
            return await self._request(method, name, body, token)
        except TokenRefused:
            token = await self._renewed(token)
        try:
            return await self._request(method, name, body, token)
        except TokenRefused as err:
            raise MinerAuthenticationError(
                f"{self.host}: {name}: the miner refused a fresh login token"
            ) from err

    async def _request(
        self, method: str, name: str, body: dict[str, Any] | None, token: str
    ) -> dict[str, Any]:
        try:
            text = await self.web.request_text(
                method, "/" + name, headers={"Token": token}, json=body
            )
        except MinerAuthenticationError as err:
            raise TokenRefused(f"{self.host}: {name}: token refused") from err
        answer = parse_json(text, allow_truncated=False)
        if not isinstance(answer, dict):
            raise MinerProtocolError(f"{self.host}: {name} answered no JSON object")
        refusal = replies.refusal(answer)
        if refusal is not None:
            if any(word in refusal.upper() for word in _EXPIRED_WORDS):
                raise TokenRefused(f"{self.host}: {name}: {refusal}")
            raise MinerCommandError(f"{self.host}: {name}: {refusal}")
        return answer

    async def _current_token(self) -> str:
        async with self._login_lock:
            if self._token is None:
                self._token = await self._login()
            return self._token

    async def _renewed(self, refused: str) -> str:
        async with self._login_lock:
            token = self._token
            if token is None or token == refused:  # not renewed meanwhile by another request
                token = self._token = await self._login()
            return token

    async def _login(self) -> str:
        self.logins += 1
        body = {
            "command": "token",
            "user": self._credentials.username or "",
            "password": self._credentials.password or "",
        }
        text = await self.web.request_text("POST", "/token", json=body)
        try:
            answer = parse_json(text, allow_truncated=False)
        except MinerProtocolError:
            # the parser's error quotes the reply, which would hold the token
            raise MinerProtocolError(f"{self.host}: token answered unreadable JSON") from None
        token = replies.token(answer)
        if token is None:
            raise MinerAuthenticationError(
                f"{self.host} rejected the username or password (no token given)"
            )
        return token
