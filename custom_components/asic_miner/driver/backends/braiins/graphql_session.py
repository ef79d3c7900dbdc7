"""The web GraphQL endpoint of Braiins OS+ 22.08-25.05 (``POST /graphql``) and its login.

``mutation { auth { login(username, password) } }`` answers ``VoidResult`` and sets the
``session_id`` cookie, or ``AuthError`` (schema: asic-rs meta/braiins/24.09/schema.graphql;
cookie name: asic-rs asic-rs-firmwares/braiins/src/backends/v21_09/graphql.rs). The cookie
is kept here and sent as a header: aiohttp's default cookie jar (Home Assistant's shared
session) ignores cookies set by an IP address.

The password travels as a GraphQL variable, never inside the query text: pyasic's GraphQL
client (before its commit aa1d7c1b, pyasic/web/braiins_os/graphql.py) wrote it into the
query, so a password with a quote or backslash broke the login.

A session ends on the miner's side (timeout, restart, another client's password change):
a reply that errs with a session sent is asked again once after a fresh login; refused
then, it is MinerAuthenticationError. Where the user gave no password, root's "" (current
releases) and "root" (older ones) are both tried, the one that worked first from then on.
"""

from __future__ import annotations

import asyncio
import logging
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Final

from ...credentials import Credentials
from ...errors import MinerAuthenticationError, MinerCommandError, MinerProtocolError
from ...transport.http import WebClient
from ...transport.json_repair import excerpt, parse_json
from . import graphql_queries as queries
from .base import login_passwords

_LOGGER = logging.getLogger(__name__)

PATH: Final = "/graphql"
COOKIE: Final = "session_id"
# async-graphql's validation message for a field the schema lacks (an older or newer
# release than the query was written for): FieldsOnCorrectType.
_UNKNOWN_FIELD = re.compile(r'Unknown field "(?P<field>\w+)" on type "(?P<type>\w+)"')
_SESSION_WORDS = ("unauthor", "forbidden", "permission", "login", "authent", "session")


class UnknownField(MinerProtocolError):
    """The firmware's schema has no such field: the query is to be asked without it."""

    def __init__(self, keys: tuple[tuple[str, str], ...]) -> None:
        names = ", ".join(f"{type_name}.{field}" for type_name, field in keys)
        super().__init__(f"the schema lacks {names}")
        self.keys = keys


class GraphQLSession:
    """GraphQL requests to one miner with its session cookie."""

    def __init__(self, web: GraphQLWeb, credentials: Credentials, *, password_given: bool) -> None:
        self.web = web
        self._username = credentials.username or "root"
        self._passwords = login_passwords(credentials, password_given=password_given)
        self._cookie: str | None = None
        self._lock = asyncio.Lock()
        self.logins = 0
        # Paths of fields that fail with a fresh session too (the firmware's own errors).
        self._field_failures: frozenset[tuple[str, ...]] = frozenset()

    def __repr__(self) -> str:
        return f"<GraphQLSession {self.web.base_url} as {self._username}>"

    @property
    def has_session(self) -> bool:
        return self._cookie is not None

    async def anonymous(self, query: str) -> dict[str, Any]:
        """A query without a session (what the firmware answers anyone: the model name and
        the version); the ``data`` object, errors or not."""
        reply, _, _ = await self._post({"query": query}, cookie=None)
        data = reply.get("data")
        if not isinstance(data, dict):
            raise MinerProtocolError(f"{self.web.host}: {PATH} answered no data")
        return data

    async def call(
        self, query: str, variables: Mapping[str, Any] | None = None, *, partial: bool = False
    ) -> dict[str, Any]:
        """``data`` of an authenticated query or mutation (logging in first if needed).

        ``partial``: a query's data may come with fields that failed (null, each with an
        error naming its path); fields that still fail after a new login are taken as the
        firmware's, not the session's, and their errors no longer cost a login.
        """
        body: dict[str, Any] = {"query": query}
        if variables:
            body["variables"] = dict(variables)
        if self._cookie is None:
            await self.login()
        sent = self._cookie
        reply, status, _ = await self._post(body, cookie=sent)
        problem = _problem(reply, status)
        if problem is None:
            return _data(reply, self.web.host)
        failed = _failed_paths(reply, status)
        if partial and failed and failed <= self._field_failures:
            return _data(reply, self.web.host)
        _raise_unknown_field(reply)
        # The session may have ended on the miner's side: once more after a new login.
        _LOGGER.debug("%s: %s answered %s; logging in again", self.web.host, PATH, problem)
        await self.login(stale=sent)
        reply, status, _ = await self._post(body, cookie=self._cookie)
        problem = _problem(reply, status)
        if problem is None:
            return _data(reply, self.web.host)
        _raise_unknown_field(reply)
        if status in (401, 403) or any(word in problem.lower() for word in _SESSION_WORDS):
            self._cookie = None
            raise MinerAuthenticationError(
                f"{self.web.host} refused the request after a new login: {problem}"
            )
        failed = _failed_paths(reply, status)
        if partial and failed:
            _LOGGER.debug("%s: fields failing on the miner: %s", self.web.host, problem)
            self._field_failures |= failed
            return _data(reply, self.web.host)
        raise MinerCommandError(f"{self.web.host}: {problem}")

    async def login(self, stale: str | None = None) -> None:
        """A new session; MinerAuthenticationError when every password is refused. Callers
        that found ``stale`` refused share one new login."""
        async with self._lock:
            if self._cookie is not None and self._cookie != stale:
                return  # another call logged in meanwhile
            self._cookie = None
            refusal = "no password tried"
            for password in list(self._passwords):
                cookie, refusal = await self._login_with(password)
                if cookie is not None:
                    # The password that worked goes first next time.
                    self._passwords.remove(password)
                    self._passwords.insert(0, password)
                    self._cookie = cookie
                    self.logins += 1
                    return
            raise MinerAuthenticationError(
                f"{self.web.host} rejected the username or password ({refusal})"
            )

    async def _login_with(self, password: str) -> tuple[str | None, str]:
        body = {
            "query": queries.LOGIN,
            "variables": {"username": self._username, "password": password},
        }
        reply, status, cookie = await self._post(body, cookie=None)
        result = _dig(reply.get("data"), "auth", "login")
        kind = result.get("__typename") if isinstance(result, dict) else None
        if kind == "AuthError" or status in (401, 403):
            message = result.get("message") if isinstance(result, dict) else None
            return None, str(message or f"HTTP {status}")[:120]
        if isinstance(cookie, str) and cookie:
            return cookie, ""
        problem = _problem(reply, status)
        raise MinerProtocolError(
            f"{self.web.host}: the login answered {problem or kind or 'no session cookie'}"
        )

    async def _post(
        self, body: Mapping[str, Any], *, cookie: str | None
    ) -> tuple[dict[str, Any], int, str | None]:
        """The answer as an object, its status, and the session cookie it set (if any)."""
        headers = {"Cookie": f"{COOKIE}={cookie}"} if cookie else {}
        page = await self.web.post_graphql(PATH, body, headers=headers)
        if page.status == 404:
            raise MinerProtocolError(f"{self.web.host}: no GraphQL endpoint ({PATH} is 404)")
        reply = parse_json(page.text, allow_truncated=False) if page.text.strip() else None
        if not isinstance(reply, dict):
            if page.status in (401, 403):
                return {}, page.status, None
            raise MinerProtocolError(
                f"{self.web.host}: {PATH} answered HTTP {page.status}: {excerpt(page.text)}"
            )
        return reply, page.status, _session_cookie(page.set_cookies)


@dataclass(frozen=True, slots=True)
class GraphQLPage:
    status: int
    text: str
    set_cookies: tuple[str, ...]


class GraphQLWeb(WebClient):
    """The miner's web client, with the POST the GraphQL endpoint needs: a Cookie header
    of our own and every Set-Cookie of the answer."""

    async def post_graphql(
        self, path: str, body: Mapping[str, Any], *, headers: Mapping[str, str]
    ) -> GraphQLPage:
        async with self._open(
            "POST",
            path,
            authenticate=False,
            json=dict(body),
            headers=dict(headers),
            allow_redirects=False,
        ) as response:
            text = await self._read_text(response)
            cookies = tuple(response.headers.getall("Set-Cookie", ()))
            return GraphQLPage(response.status, text, cookies)


def _session_cookie(headers: tuple[str, ...]) -> str | None:
    for header in headers:
        name, _, rest = header.partition("=")
        if name.strip() == COOKIE:
            value = rest.split(";", 1)[0].strip()
            if value:
                return value
    return None


def _dig(value: Any, *keys: str) -> Any:
    for key in keys:
        if not isinstance(value, dict):
            return None
        value = value.get(key)
    return value


def _errors(reply: Mapping[str, Any]) -> list[str]:
    errors = reply.get("errors")
    if not isinstance(errors, list):
        return []
    return [str(e.get("message") if isinstance(e, dict) else e)[:200] for e in errors]


def _problem(reply: Mapping[str, Any], status: int) -> str | None:
    """What went wrong with an answer, or None when it carries data and no errors."""
    errors = _errors(reply)
    if errors:
        return "; ".join(errors)
    if status != 200:
        return f"HTTP {status}"
    if not isinstance(reply.get("data"), dict):
        return "no data"
    return None


def _data(reply: Mapping[str, Any], host: str) -> dict[str, Any]:
    data = reply.get("data")
    if not isinstance(data, dict):
        raise MinerProtocolError(f"{host}: {PATH} answered no data")
    return data


def _failed_paths(reply: Mapping[str, Any], status: int) -> frozenset[tuple[str, ...]]:
    """The paths of the fields that failed, when the answer is data with field errors
    only (every error names a path); else empty."""
    errors = reply.get("errors")
    if status != 200 or not isinstance(reply.get("data"), dict) or not isinstance(errors, list):
        return frozenset()
    paths = [e.get("path") if isinstance(e, dict) else None for e in errors]
    if not paths or not all(isinstance(p, list) and p for p in paths):
        return frozenset()
    return frozenset(tuple(str(part) for part in p) for p in paths if isinstance(p, list))


def _raise_unknown_field(reply: Mapping[str, Any]) -> None:
    """UnknownField naming every field the validation refused (it reports them all)."""
    keys = tuple(
        (match["type"], match["field"])
        for message in _errors(reply)
        for match in _UNKNOWN_FIELD.finditer(message)
    )
    if keys:
        raise UnknownField(keys)
