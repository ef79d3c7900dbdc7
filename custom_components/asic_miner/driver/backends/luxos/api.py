"""LUXminer's RPC (TCP 4028) with its sessions.

Reads need no session; commands that change the miner take a session id as the first
item of their comma-joined ``parameter`` ("yJN2nlj1,sleep"). ``session`` answers the
session open now (SessionID "" when none), ``logon`` opens one; only one exists at a time
and it expires a minute after its last use (docs.luxor.tech/firmware/api/sessions). The id
is kept and used again; when the firmware refuses it (expired, or the miner restarted: an
error naming the session, "Invalid session_id" as Solar-TechNick/PV-Miner luxos_api.py
met it), a new one is taken once and the command sent again.

The session id is a secret here: it is never logged, and no error quotes a reply or a
request that holds it.
"""

from __future__ import annotations

import logging
from typing import Any, Final

from ...errors import MinerCommandError, MinerProtocolError
from ...transport.rpc import Reply, RpcClient
from . import replies

_LOGGER = logging.getLogger(__name__)

# The replies that carry the session id.
SESSION_COMMANDS: Final = frozenset({"session", "logon"})


class SessionRefused(MinerCommandError):
    """The firmware refused the session id (expired, or from before a restart)."""


def _refuses_session(message: str) -> bool:
    return "session" in message.lower()


class LuxosApi:
    def __init__(self, host: str, timeout: float) -> None:
        self.host = host
        self.rpc = RpcClient(host, timeout=timeout)
        self._session_id: str | None = None
        self.logons = 0  # sessions taken (renewals included)

    def __repr__(self) -> str:
        return f"<LuxosApi {self.host}>"

    async def read(self, *commands: str) -> dict[str, Reply]:
        """Commands that need no session, joined into one request ("summary+stats")."""
        return await self.rpc.multicommand(*commands)

    async def plain(self, command: str, *parameters: str, secret: str | None = None) -> Reply:
        """A command that changes the miner without a session (the pool commands);
        ``secret`` (a pool password among the parameters) never shows in an error."""
        return await self._checked(command, ",".join(parameters), secret)

    async def command(self, command: str, *parameters: str) -> Reply:
        """A command that needs a session, with its parameters after the session id."""
        if self._session_id is None:
            self._session_id = await self._open_session()
        try:
            return await self._send(command, parameters, self._session_id)
        except SessionRefused:
            _LOGGER.debug("%s: %s refused the session; taking a new one", self.host, command)
        self._session_id = None
        self._session_id = await self._open_session()
        try:
            return await self._send(command, parameters, self._session_id)
        except SessionRefused:
            self._session_id = None
            raise

    async def _open_session(self) -> str:
        """The session open now, else a new one (``logon``)."""
        self.logons += 1
        found = replies.session_id(await self._session_reply("session"))
        if found is not None:
            return found
        found = replies.session_id(await self._session_reply("logon"))
        if found is None:
            raise MinerCommandError(f"{self.host}: logon answered no session (one is held?)")
        return found

    async def _session_reply(self, command: str) -> Reply:
        try:
            return await self.rpc.send(command)
        except MinerCommandError:
            raise  # the firmware's own message: no session id in it
        except MinerProtocolError:
            pass  # the parser's error quotes the reply, which holds the session id
        # Raised outside the handler: no __context__ keeps the quoting error alive.
        raise MinerProtocolError(f"{self.host}: {command} answered unreadable JSON")

    async def _send(self, command: str, parameters: tuple[str, ...], session: str) -> Reply:
        return await self._checked(command, ",".join((session, *parameters)), session)

    async def _checked(self, command: str, parameter: str, secret: str | None) -> Reply:
        """The reply; a failure is MinerCommandError (SessionRefused when it names the
        session) with ``secret`` blanked out of the firmware's message."""
        reply = await self.rpc.query(command, parameter)
        status = _status(reply)
        if status.get("STATUS") not in ("E", "F"):
            return reply
        message = str(status.get("Msg") or status.get("Description") or "command failed")
        if secret and secret != "x":  # "x": the placeholder password pools are given
            message = message.replace(secret, "<secret>")
        code = status.get("Code")
        error = SessionRefused if _refuses_session(message) else MinerCommandError
        raise error(f"{command}: {message}", code=code if isinstance(code, int | str) else None)


def _status(reply: Reply) -> dict[str, Any]:
    status = reply.get("STATUS")
    if isinstance(status, list) and status and isinstance(status[0], dict):
        entry: dict[str, Any] = status[0]
        return entry
    return {}
