"""The login of the Braiins OS public REST API (25.07 on): a token from
``POST /api/v1/auth/login {username, password}`` sent as the ``Authorization`` header.

The token lives ``timeout_s`` seconds from its last use (the firmware renews it with each
request, LoginResponse in the published OpenAPI, asic-rs meta/braiins/25.07/openapi.json):
it is renewed by a new login shortly before that, and once more when a request is answered
401 anyway (the miner restarted, or another client changed the password); a second 401
is the user's to fix (MinerAuthenticationError).

Braiins OS ships root with an empty password; older releases had "root". Where the user
gave no password both are tried, and the one that worked is tried first from then on.
"""

from __future__ import annotations

import asyncio
import time
from typing import Any, Final

from ...credentials import Credentials
from ...errors import MinerAuthenticationError, MinerProtocolError
from ...transport.http import WebClient
from ...transport.json_repair import parse_json
from .base import login_passwords

API: Final = "/api/v1/"
LOGIN: Final = API + "auth/login"
REFUSED: Final = frozenset({400, 401, 403})
# Seconds before the token's end at which it is renewed instead of used.
RENEW_MARGIN: Final = 30.0


class NotRestApi(MinerProtocolError):
    """The login path answered, but not as the REST API does (404, a web page)."""


class RestAuth:
    """Keeps the token of one miner; ``call`` sends an authenticated request."""

    def __init__(self, web: WebClient, credentials: Credentials, *, password_given: bool) -> None:
        self.web = web
        self._username = credentials.username or "root"
        self._passwords = login_passwords(credentials, password_given=password_given)
        self._token: str | None = None
        self._lifetime = 0.0
        self._expires = 0.0
        self._lock = asyncio.Lock()
        self.logins = 0

    def __repr__(self) -> str:
        return f"<RestAuth {self.web.base_url} as {self._username}>"

    @property
    def has_token(self) -> bool:
        return self._token is not None

    async def login(self) -> None:
        """A new token; MinerAuthenticationError when every password is refused,
        NotRestApi when the path is no REST API's."""
        refused: MinerAuthenticationError | None = None
        for password in list(self._passwords):
            try:
                await self._login_with(password)
            except MinerAuthenticationError as err:
                refused = err
                continue
            if password != self._passwords[0]:  # the one that works goes first next time
                self._passwords.remove(password)
                self._passwords.insert(0, password)
            return
        assert refused is not None
        raise refused

    async def _login_with(self, password: str) -> None:
        body = {"username": self._username, "password": password}
        page = await self.web.send("POST", LOGIN, json=body)
        self.logins += 1
        # The OpenAPI lists no refusal status (asic-rs takes any failure for one): 401 and
        # the other statuses that refuse a well-formed login count as a wrong password.
        if page.status in REFUSED:
            raise MinerAuthenticationError(
                f"{self.web.host} rejected the username or password (HTTP {page.status})"
            )
        if page.status != 200:
            raise NotRestApi(f"{self.web.host}: {LOGIN} answered HTTP {page.status}")
        try:
            reply = parse_json(page.text, allow_truncated=False)
        except MinerProtocolError:
            # Not chained: the parser's message quotes the reply, and this one has the token.
            raise NotRestApi(f"{self.web.host}: {LOGIN} answered no JSON") from None
        token = reply.get("token") if isinstance(reply, dict) else None
        if not isinstance(token, str) or not token:
            raise NotRestApi(f"{self.web.host}: {LOGIN} answered no token")
        lifetime = reply.get("timeout_s")
        seconds = float(lifetime) if isinstance(lifetime, int | float) and lifetime > 0 else 0.0
        self._token, self._lifetime = token, seconds
        self._touch()

    def _touch(self) -> None:
        self._expires = time.monotonic() + self._lifetime if self._lifetime else float("inf")

    def _fresh(self) -> bool:
        if self._token is None:
            return False
        margin = min(RENEW_MARGIN, self._lifetime / 10)
        return time.monotonic() < self._expires - margin

    async def _ensure_token(self, stale: str | None = None) -> str:
        async with self._lock:
            # Another request may have logged in while this one waited.
            if self._token is None or self._token == stale or not self._fresh():
                self._token = None
                await self.login()
            assert self._token is not None
            return self._token

    async def call(self, method: str, path: str, body: Any = None, *, read: bool = True) -> Any:
        """The JSON answer to an authenticated request (None for an empty one, or when
        ``read`` is False: answers that echo a secret, as pools/batch its pool passwords,
        are never parsed, so no parse error can quote them)."""
        token = await self._ensure_token()
        try:
            text = await self._send(method, path, token, body)
        except MinerAuthenticationError:
            token = await self._ensure_token(stale=token)
            text = await self._send(method, path, token, body)
        self._touch()
        if not read or not text.strip():
            return None
        return parse_json(text, allow_truncated=False)

    async def _send(self, method: str, path: str, token: str, body: Any) -> str:
        kwargs: dict[str, Any] = {"headers": {"Authorization": token}}
        if body is not None:
            kwargs["json"] = body
        return await self.web.request_text(method, API + path, **kwargs)
