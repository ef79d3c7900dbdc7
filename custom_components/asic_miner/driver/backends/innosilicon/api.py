"""Innosilicon's web API: ``POST /api/<command>`` with a JWT (pyasic web/innosilicon.py).

``POST /api/auth`` with the form ``username``/``password`` answers ``{"jwt": …}``; each
command then carries ``Authorization: Bearer <jwt>``. An answer ``{"success": false,
"token": "expired"}`` has the token renewed once and the command sent again; any other
``success: false`` is the firmware refusing the command. A command's arguments go as a
form, as the login's do (foreman-apps DragonmintChangePoolsAction sends ``updatePools``
so). Neither the token nor a form (pool passwords) is ever logged or quoted.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, Final

import aiohttp

from ...credentials import Credentials
from ...errors import MinerAuthenticationError, MinerCommandError, MinerProtocolError
from ...transport.http import WebClient
from ...transport.json_repair import parse_web_reply

AUTH: Final = "/api/auth"


class InnoWebApi:
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
        self.logins = 0

    def __repr__(self) -> str:
        return f"<InnoWebApi {self.host}>"

    async def auth(self) -> None:
        self._token = None
        form = {
            "username": self._credentials.username or "admin",
            "password": self._credentials.password or "",
        }
        answer = self._object(AUTH, await self.web.request_text("POST", AUTH, data=form))
        self.logins += 1
        token = answer.get("jwt")
        if not isinstance(token, str) or not token:
            raise MinerAuthenticationError(f"{self.host} rejected the username or password")
        self._token = token

    async def command(self, name: str, form: Mapping[str, str] | None = None) -> dict[str, Any]:
        if self._token is None:
            await self.auth()
        answer = await self._send(name, form)
        if answer.get("success") is False and answer.get("token") == "expired":
            await self.auth()
            answer = await self._send(name, form)
        if answer.get("success") is False:
            if answer.get("token") == "expired":
                raise MinerAuthenticationError(f"{self.host} refused a fresh token for {name}")
            message = answer.get("msg") or answer.get("message") or "refused"
            raise MinerCommandError(f"{self.host}: {name}: {message}")
        return answer

    async def _send(self, name: str, form: Mapping[str, str] | None) -> dict[str, Any]:
        path = f"/api/{name}"
        headers = {"Authorization": f"Bearer {self._token}"}
        data = None if form is None else dict(form)
        return self._object(
            path, await self.web.request_text("POST", path, headers=headers, data=data)
        )

    def _object(self, path: str, body: str) -> dict[str, Any]:
        # Never quoted: an auth answer carries the token, a pools answer the pool passwords.
        answer = parse_web_reply(body, self.host, path, secret=True)
        if not isinstance(answer, dict):
            raise MinerProtocolError(f"{self.host}: {path} answered no JSON object")
        return answer
