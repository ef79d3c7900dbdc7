"""The IceRiver panel's web API: ``POST /user/<page>?post=<n>`` after a login.

``POST /user/loginpost?post=6&user=…&pwd=…`` logs in (pyasic web/iceriver.py logs in this
way before every command; here once, and again only when a request is refused). The
panel's own handler (controllers/user.c of IceRiver's firmware, as published in
mcmickburns/iceriverminer_dump) hands the login to the miner program and answers its
code: ``error`` 0 for a good one, 1001/1002 for an unknown user or a wrong password, 1
and 2 when it cannot reach the miner program (a command error, not a wrong login). It
sets no cookie: one a panel sets is sent back, but none is needed. A request the miner
program refuses as not logged in (``error`` 1004, on which the panel's pages go back to
their login), HTTP 401/403 or the login page has the login renewed once and the request
sent again; still refused after a fresh login, the username or password is wrong. Any
other non-zero ``error`` is the command failing.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from http.cookies import CookieError, SimpleCookie
from typing import Any, Final
from urllib.parse import urlencode

import aiohttp

from ...credentials import Credentials
from ...errors import MinerAuthenticationError, MinerCommandError, MinerProtocolError
from ...transport.http import WebClient
from ...transport.json_repair import parse_json, parse_web_reply
from . import replies

_LOGGER = logging.getLogger(__name__)

LOGIN: Final = "/user/loginpost"
PANEL: Final = "/user/userpanel"
MACHINE: Final = "/user/machineconfig"
_FORM: Final = {"Content-Type": "application/x-www-form-urlencoded"}
# The miner program's answers to a login it refuses: no such user, a wrong password.
_REJECTED: Final = (1001, 1002)


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
        self._logged_in = False
        self._cookie: str | None = None  # "name=value" of a session the panel set; never logged
        self.logins = 0

    def __repr__(self) -> str:
        return f"<IceRiverApi {self.host}>"

    def forget_login(self) -> None:
        """The miner restarts: the next request logs in first."""
        self._logged_in, self._cookie = False, None

    async def login(self) -> None:
        self.forget_login()
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
        code = _login_code(page.text)
        # Nothing of the answer is quoted: when the login fails the panel repeats it.
        if code not in (None, 0) and code not in _REJECTED:
            raise MinerCommandError(f"{self.host}: the login answered error {code}", code=code)
        if page.status != 200 or not (code == 0 or (code is None and cookie is not None)):
            shown = f" (error {code})" if code else ""
            raise MinerAuthenticationError(f"{self.host} rejected the username or password{shown}")
        self._logged_in, self._cookie = True, cookie

    async def post(
        self, page: str, form: Mapping[str, str] | None = None, **params: str
    ) -> dict[str, Any]:
        """``data`` of the panel's answer (``params`` in the query, ``form`` in the body),
        logging in first where there is no login yet and again once when it is refused."""
        if not self._logged_in:
            await self.login()
        data = await self._send(page, params, form)
        if data is None:
            _LOGGER.debug("%s: the panel refused the login; logging in again", self.host)
            await self.login()
            data = await self._send(page, params, form)
            if data is None:
                raise MinerAuthenticationError(
                    f"{self.host} refused the panel's login after a fresh one"
                )
        return data

    async def _send(
        self, page: str, params: dict[str, str], form: Mapping[str, str] | None
    ) -> dict[str, Any] | None:
        path = f"{page}?{urlencode(params)}" if params else page
        headers = {"Cookie": self._cookie} if self._cookie else {}
        body = urlencode(form) if form is not None else None
        try:
            text = await self.web.request_text(
                "POST", path, headers=headers | (_FORM if body else {}), data=body
            )
        except MinerAuthenticationError:
            return None
        if text.lstrip().startswith("<"):
            return None  # the login page: the login is gone
        # Never quoted (nor kept as the error's context): the answers carry pool passwords.
        reply = parse_web_reply(text, self.host, page, secret=True)
        if not isinstance(reply, dict):
            raise MinerProtocolError(f"{self.host}: {page} answered no JSON object")
        code = replies.error_code(reply)
        if code == replies.NOT_LOGGED_IN:
            return None
        if code is None:
            raise MinerProtocolError(f"{self.host}: {page} answered no error code")
        if code != 0:
            # The code only: the firmware's message is its miner program's, unchecked text.
            raise MinerCommandError(f"{self.host}: {page} answered error {code}", code=code)
        data = reply.get("data")
        return data if isinstance(data, dict) else {}


def _login_code(text: str) -> int | None:
    """The login answer's ``error``, None when it is no JSON object with one."""
    try:
        reply = parse_json(text, allow_truncated=False)
    except MinerProtocolError:
        return None
    return replies.error_code(reply) if isinstance(reply, dict) else None


def _session_cookie(header: str) -> str | None:
    try:
        cookie = SimpleCookie(header)
    except CookieError:
        return None
    for name, morsel in cookie.items():
        if morsel.value:
            return f"{name}={morsel.value}"
    return None
