"""CGMiner-style RPC on TCP 4028: one request per connection, the reply runs until EOF.

Requests are JSON; a client made with ``text_fallback`` asks again in cgminer's plain-text
form (``cgminer_text``) when a daemon closes the connection on JSON without a byte, and then
keeps to that form.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from typing import Any

from ..errors import (
    AsicMinerError,
    ConnectionDroppedError,
    MinerCommandError,
    MinerConnectionError,
    MinerProtocolError,
    MinerTimeoutError,
    socket_error,
)
from . import cgminer_text
from .json_repair import excerpt, parse_json

_LOGGER = logging.getLogger(__name__)

RPC_PORT = 4028
# Some miners proxy the API to a backend process and print this when it is down.
_SOCKET_CONNECT_FAILED = b"Socket connect failed"

Reply = dict[str, Any]


class EmptyReplyError(ConnectionDroppedError):
    """The miner closed the connection without answering (an unknown command on some builds)."""


def check_status(reply: Reply, command: str) -> None:
    """Raise MinerCommandError when a reply's STATUS says the command failed.

    Two shapes: the CGMiner list (``"STATUS": [{"STATUS": "S", "Code": …, "Msg": …}]``) and
    Whatsminer's top level (``"STATUS": "E", "Code": 14, "Msg": "invalid cmd"``).
    Avalon answers ``restart`` with ``{"STATUS": "RESTART"}``, which is a success.
    """
    status = reply.get("STATUS")
    if isinstance(status, list):
        if not status or not isinstance(status[0], dict):
            return
        entry: dict[str, Any] = status[0]
        letter = entry.get("STATUS")
    elif isinstance(status, str):
        entry = reply
        letter = status
    else:
        return
    if letter in ("E", "F"):
        code = entry.get("Code")
        message = entry.get("Msg") or entry.get("Description") or "command failed"
        raise MinerCommandError(f"{command}: {message}", code=code)


class RpcClient:
    """Talks to one miner's RPC port."""

    def __init__(
        self,
        host: str,
        *,
        port: int = RPC_PORT,
        timeout: float = 10.0,
        command_key: str = "command",
        text_fallback: bool = False,
    ) -> None:
        self.host = host
        self.port = port
        self.timeout = timeout
        # "command" for CGMiner; Whatsminer's own documents write {"cmd": …} (both work there).
        self.command_key = command_key
        self.text_fallback = text_fallback
        # Set once the daemon answered the text form after closing on JSON.
        self.plain_text = False

    def __repr__(self) -> str:
        return f"<RpcClient {self.host}:{self.port}>"

    async def send(
        self,
        command: str,
        parameter: str | int | None = None,
        *,
        allow_truncated: bool = False,
        **extra: Any,
    ) -> Reply:
        """Send one command and return its checked, parsed reply.

        A reply cut short raises TruncatedReplyError unless ``allow_truncated``: only commands
        whose replies are known to overflow with a harmless tail (Whatsminer error lists)
        should accept a shortened reply; elsewhere it would report missing boards or pools.
        """
        reply = await self.query(command, parameter, allow_truncated=allow_truncated, **extra)
        check_status(reply, command)
        return reply

    async def query(
        self,
        command: str,
        parameter: str | int | None = None,
        *,
        allow_truncated: bool = False,
        **extra: Any,
    ) -> Reply:
        """One command's parsed reply, unchecked: in JSON, or in the plain-text form where
        the daemon takes only that (``text_fallback``; ``extra`` fields have no text form)."""
        if self.plain_text and not extra:
            return await self._query_text(command, parameter)
        request: dict[str, Any] = {self.command_key: command, **extra}
        if parameter is not None:
            request["parameter"] = parameter
        try:
            return await self.request(request, command, allow_truncated=allow_truncated)
        except EmptyReplyError:
            if not self.text_fallback or extra:
                raise
            _LOGGER.debug("%s: closed on JSON %s; asking in plain text", self.host, command)
            reply = await self._query_text(command, parameter)
            self.plain_text = True
            return reply

    async def _query_text(self, command: str, parameter: str | int | None) -> Reply:
        raw = await self.exchange(cgminer_text.encode_request(command, parameter))
        if not raw.strip(b"\x00 \r\n\t"):
            raise EmptyReplyError(
                f"{self.host}: closed the connection without answering {command} "
                "(JSON and plain text)"
            )
        if not cgminer_text.looks_like_text_reply(raw):
            return self._decode(raw, command, allow_truncated=False)
        return cgminer_text.parse_reply(raw, self.host)

    async def request(
        self, payload: dict[str, Any], name: str, *, allow_truncated: bool = False
    ) -> Reply:
        """Send one JSON object as it is and return the parsed (unchecked) reply object.

        ``name`` stands for the request in error messages: the payload itself never appears
        there (it may be an encrypted, privileged request).
        """
        raw = await self.exchange(json.dumps(payload).encode())
        return self._decode(raw, name, allow_truncated=allow_truncated)

    async def multicommand(self, *commands: str) -> dict[str, Reply]:
        """Run several commands, joined with '+' when the firmware allows it.

        Returns each command's reply (the inner object of the joined answer). A command that
        fails on its own is left out (logged at debug); if every one fails, the first error is
        raised. Connection failures and timeouts are raised at once.
        """
        if len(commands) == 1:
            return {commands[0]: await self.send(commands[0])}
        joined = "+".join(commands)
        try:
            reply = await self.send(joined)
        except (MinerProtocolError, EmptyReplyError) as err:
            _LOGGER.debug("%s: joined %s failed (%s); sending one by one", self.host, joined, err)
            return await self._one_by_one(commands)
        results: dict[str, Reply] = {}
        for command in commands:
            part = reply.get(command)
            if isinstance(part, list) and part and isinstance(part[0], dict):
                part = part[0]
            if not isinstance(part, dict):
                _LOGGER.debug("%s: joined reply lacks %s", self.host, command)
                continue
            try:
                check_status(part, command)
            except MinerCommandError as err:
                _LOGGER.debug("%s: %s", self.host, err)
                continue
            results[command] = part
        if not results:
            return await self._one_by_one(commands)
        return results

    async def _one_by_one(self, commands: tuple[str, ...]) -> dict[str, Reply]:
        outcomes = await asyncio.gather(
            *(self.send(command) for command in commands), return_exceptions=True
        )
        results: dict[str, Reply] = {}
        first_error: BaseException | None = None
        for command, outcome in zip(commands, outcomes, strict=True):
            if isinstance(outcome, BaseException):
                if not isinstance(outcome, AsicMinerError):
                    raise outcome
                if isinstance(outcome, MinerConnectionError) and not isinstance(
                    outcome, EmptyReplyError
                ):
                    raise outcome
                _LOGGER.debug("%s: %s failed: %s", self.host, command, outcome)
                first_error = first_error or outcome
            else:
                results[command] = outcome
        if not results and first_error is not None:
            raise first_error
        return results

    async def exchange(self, request: bytes) -> bytes:
        """Send raw bytes and read the reply until the miner closes the connection."""
        try:
            async with asyncio.timeout(self.timeout):
                reader, writer = await asyncio.open_connection(self.host, self.port)
                try:
                    writer.write(request)
                    await writer.drain()
                    raw = await reader.read()
                finally:
                    writer.close()
                    with contextlib.suppress(OSError):
                        await writer.wait_closed()
        except TimeoutError as err:
            raise MinerTimeoutError(
                f"{self.host}:{self.port} did not answer within {self.timeout:g} s"
            ) from err
        except OSError as err:
            raise socket_error(self.host, self.port, err) from err
        return raw

    def _decode(self, raw: bytes, command: str, *, allow_truncated: bool) -> Reply:
        if not raw.strip(b"\x00 \r\n\t"):
            raise EmptyReplyError(f"{self.host}: closed the connection without answering {command}")
        if raw.startswith(_SOCKET_CONNECT_FAILED):
            raise MinerConnectionError(
                f"{self.host}: the mining backend is not running "
                f"({raw.decode(errors='replace').strip()})"
            )
        reply = parse_json(raw, allow_truncated=allow_truncated)
        if not isinstance(reply, dict):
            raise MinerProtocolError(
                f"{self.host}: {command} answered {excerpt(raw.decode(errors='replace'))!r}"
            )
        return reply
