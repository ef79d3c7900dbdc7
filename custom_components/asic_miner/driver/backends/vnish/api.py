"""VNish's REST API (port 80, ``/api/v1``) with its unlock token.

``POST /unlock {"pw": password}`` answers ``{"token"}`` (403 for a wrong password, 429 after
too many); requests that need it send ``Authorization: Bearer <token>`` (the bearerAuth
scheme of the firmware's own OpenAPI document, v1.2.6-1.3.4; asic-rs sends it so on every
request). The token is kept until the miner refuses it (401: expired, or the miner
rebooted): then one new unlock and the request again; refused again, the login is wrong.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any, Final

import aiohttp

from ...errors import MinerAuthenticationError, MinerProtocolError
from ...transport.http import WebClient
from ...transport.json_repair import parse_web_reply

_LOGGER = logging.getLogger(__name__)

BASE: Final = "/api/v1"
# Replies that carry secrets: the token (/unlock), the pool passwords (/settings).
SECRET_REPLIES: Final = frozenset({"/unlock", "/settings"})


class VnishApi:
    def __init__(
        self,
        host: str,
        session: Callable[[], aiohttp.ClientSession],
        password: str,
        timeout: float,
    ) -> None:
        self.web = WebClient(host, session, timeout=timeout)
        self.host = host
        self._password = password
        self._token: str | None = None
        self.unlocks = 0  # logins sent (renewals included)

    def __repr__(self) -> str:
        return f"<VnishApi {self.host}>"

    @property
    def has_token(self) -> bool:
        return self._token is not None

    async def unlock(self) -> None:
        """A new token; MinerAuthenticationError if the password is refused."""
        self._token = None
        self.unlocks += 1
        try:
            reply = await self._request("POST", "/unlock", {"pw": self._password}, None)
        except MinerAuthenticationError:
            raise MinerAuthenticationError(f"{self.host} refused the unlock password") from None
        token = reply.get("token") if isinstance(reply, dict) else None
        if not isinstance(token, str) or not token:
            raise MinerProtocolError(f"{self.host}: /unlock answered no token")
        self._token = token

    async def get(self, path: str, *, login: bool = False) -> Any:
        return await self.call("GET", path, login=login)

    async def post(self, path: str, body: dict[str, Any] | None = None) -> Any:
        return await self.call("POST", path, body, login=True)

    async def call(
        self, method: str, path: str, body: dict[str, Any] | None = None, *, login: bool
    ) -> Any:
        """A request, with the token when ``login``; None for an empty answer."""
        if not login:
            return await self._request(method, path, body, None)
        if self._token is None:
            await self.unlock()
        try:
            return await self._request(method, path, body, self._token)
        except MinerAuthenticationError:
            _LOGGER.debug("%s: %s %s refused the token; unlocking again", self.host, method, path)
        await self.unlock()
        try:
            return await self._request(method, path, body, self._token)
        except MinerAuthenticationError:
            self._token = None
            raise MinerAuthenticationError(
                f"{self.host} refused {method} {path} after a new unlock"
            ) from None

    async def _request(
        self, method: str, path: str, body: dict[str, Any] | None, token: str | None
    ) -> Any:
        headers = {"Authorization": f"Bearer {token}"} if token is not None else {}
        text = await self.web.request_text(method, BASE + path, json=body, headers=headers)
        # mining/stop and the like answer 200 without a body (None)
        return parse_web_reply(text, self.host, path, secret=path in SECRET_REPLIES)
