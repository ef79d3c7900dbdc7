"""The IceRiver panel's web API: ``POST /user/<page>?post=<n>`` behind a session cookie.

``POST /user/loginpost?post=6&user=…&pwd=…`` sets the cookie (pyasic web/iceriver.py logs
in this way before every command; here once, and again only when a request is refused).
A request without a valid session does not answer the panel's JSON with ``error`` 0: that
answer, or HTTP 401/403, has the session renewed once and the request sent again; still
refused after a fresh login, the username or password is wrong.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from http.cookies import CookieError, SimpleCookie
from typing import Any, Final
from urllib.parse import urlencode

import aiohttp

from ...credentials import Credentials
from ...errors import MinerAuthenticationError, MinerProtocolError
from ...transport.http import WebClient
from ...transport.json_repair import parse_json
from . import replies

_LOGGER = logging.getLogger(__name__)

LOGIN: Final = "/user/loginpost"
PANEL: Final = "/user/userpanel"


class IceRiverApi:
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
        self._cookie: str | None = None  # "name=value" of the session; never logged
        self.logins = 0

    def __repr__(self) -> str:
        return f"<IceRiverApi {self.host}>"

    async def login(self) -> None:
        self._cookie = None
        query = urlencode(
            {
                "post": "6",
                "user": self._credentials.username or "admin",
                "pwd": self._credentials.password or "",
            }
        )
        page = await self.web.send("POST", f"{LOGIN}?{query}")
        self.logins += 1
        cookie = _session_cookie(page.headers.get("Set-Cookie", ""))
        if page.status != 200 or cookie is None:
            raise MinerAuthenticationError(
                f"{self.host} rejected the username or password (the panel set no session)"
            )
        self._cookie = cookie

    async def post(self, page: str, **params: str) -> dict[str, Any]:
        """``data`` of the panel's answer, logging in first where there is no session and
        again once when the session is refused."""
        if self._cookie is None:
            await self.login()
        data = await self._send(page, params)
        if data is None:
            _LOGGER.debug("%s: the panel refused the session; logging in again", self.host)
            await self.login()
            data = await self._send(page, params)
            if data is None:
                raise MinerAuthenticationError(
                    f"{self.host} refused the panel's session after a fresh login"
                )
        return data

    async def _send(self, page: str, params: dict[str, str]) -> dict[str, Any] | None:
        path = f"{page}?{urlencode(params)}"
        try:
            body = await self.web.request_text("POST", path, headers={"Cookie": self._cookie or ""})
        except MinerAuthenticationError:
            return None
        try:
            reply = parse_json(body, allow_truncated=False)
        except MinerProtocolError:
            if body.lstrip().startswith("<"):
                return None  # the login page: the session is gone
            # Not quoted: the panel's answers carry the pools' passwords.
            raise MinerProtocolError(f"{self.host}: {page} answered unreadable JSON") from None
        if not isinstance(reply, dict):
            raise MinerProtocolError(f"{self.host}: {page} answered no JSON object")
        return replies.panel(reply)


def _session_cookie(header: str) -> str | None:
    try:
        cookie = SimpleCookie(header)
    except CookieError:
        return None
    for name, morsel in cookie.items():
        if morsel.value:
            return f"{name}={morsel.value}"
    return None
