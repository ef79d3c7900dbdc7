"""Whatsminer API V3 (TCP 4433, firmware from about 2024-11).

Every frame in both directions is a 4-byte little-endian length and a JSON object; a frame
of length 0 is a heartbeat. One connection per miner is kept open and reused: requests go
out one at a time, each answered in order. The miner closes connections idle for 300 s, so
one idle for ``idle_timeout`` is replaced before use, and a reused connection that turns
out dead is replaced once (reads are resent; a write is resent only when it cannot have
reached the miner).

Writes (``set.*``) carry ``ts`` (unix seconds), ``account`` and ``token`` = the first 8
characters of base64(SHA-256(cmd + password + salt + str(ts))); the salt comes from
``get.device.info`` with param ``salt``. ``set.miner.pools`` and ``set.user.change_passwd``
send their ``param`` encrypted: JSON, PKCS#7-padded (as the clients that work against V3
firmware do), AES-256-ECB keyed with that SHA-256 digest, base64.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import hashlib
import json
import logging
import struct
import time
from collections.abc import Callable
from typing import Any, Final

from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

from ..errors import (
    ConnectionDroppedError,
    MinerAuthenticationError,
    MinerCommandError,
    MinerConnectionError,
    MinerProtocolError,
    MinerRefusedError,
    MinerTimeoutError,
    PermissionDenied,
    TokenLimitReached,
    WriteApiDisabled,
)
from .btminer_v2 import AES_BLOCK
from .json_repair import excerpt, parse_json

_LOGGER = logging.getLogger(__name__)

V3_PORT: Final = 4433
HEADER: Final = struct.Struct("<I")
MAX_FRAME: Final = 16 * 1024 * 1024
IDLE_TIMEOUT: Final = 240.0  # s; the miner closes at 300 s
HEARTBEAT: Final = b"\x00\x00\x00\x00"

# Reply codes.
CODE_OK: Final = 0
CODE_FAILED: Final = -1  # failure, bad JSON, or a wrong password/token
CODE_BAD_COMMAND: Final = -2
CODE_NULL_PARAM: Final = -3
CODE_NO_PERMISSION: Final = -4

ACCOUNTS: Final = ("super", "user1", "user2", "user3")
DEFAULT_ACCOUNT: Final = "super"
ENCRYPTED_PARAMS: Final = frozenset({"set.miner.pools", "set.user.change_passwd"})

Clock = Callable[[], float]
Reply = dict[str, Any]


def frame(payload: dict[str, Any]) -> bytes:
    """A request frame: little-endian length, then compact JSON."""
    body = json.dumps(payload, separators=(",", ":")).encode()
    return HEADER.pack(len(body)) + body


def token_digest(command: str, password: str, salt: str, ts: int) -> bytes:
    """SHA-256 of cmd + password + salt + str(ts): the token's source and the AES key."""
    return hashlib.sha256(f"{command}{password}{salt}{ts}".encode()).digest()


def make_token(digest: bytes) -> str:
    """The first 8 characters of the base64 of the digest."""
    return base64.b64encode(digest).decode("ascii")[:8]


def pkcs7_pad(data: bytes) -> bytes:
    size = AES_BLOCK - len(data) % AES_BLOCK
    return data + bytes([size]) * size


def encrypt_param(digest: bytes, param: Any) -> str:
    """An encrypted ``param``: compact JSON, PKCS#7, AES-256-ECB with the digest, base64."""
    plain = pkcs7_pad(json.dumps(param, separators=(",", ":")).encode())
    encryptor = Cipher(algorithms.AES(digest), modes.ECB()).encryptor()
    return base64.b64encode(encryptor.update(plain) + encryptor.finalize()).decode("ascii")


class _Dead(MinerConnectionError):
    """A kept connection turned out closed; ``sent`` says whether the request went out."""

    def __init__(self, message: str, *, sent: bool) -> None:
        super().__init__(message)
        self.sent = sent


def _public(err: _Dead) -> MinerConnectionError:
    """What callers see of a dead connection: dropped once the request went out."""
    kind = ConnectionDroppedError if err.sent else MinerConnectionError
    return kind(str(err))


def _message(reply: Reply) -> str:
    msg = reply.get("msg")
    if isinstance(msg, str):
        return msg
    desc = reply.get("desc")
    return desc if isinstance(desc, str) else ""


class BtminerV3Client:
    """One Whatsminer's V3 API over one kept connection.

    ``clock`` gives unix seconds for ``ts``; ``monotonic`` measures idleness (tests move both).
    """

    def __init__(
        self,
        host: str,
        *,
        account: str = DEFAULT_ACCOUNT,
        password: str | None = None,
        port: int = V3_PORT,
        timeout: float = 10.0,
        idle_timeout: float = IDLE_TIMEOUT,
        clock: Clock = time.time,
        monotonic: Clock = time.monotonic,
    ) -> None:
        self.host = host
        self.port = port
        self.timeout = timeout
        self.idle_timeout = idle_timeout
        self.account = account
        self._password = password if password is not None else account
        self._clock = clock
        self._monotonic = monotonic
        self._reader: asyncio.StreamReader | None = None
        self._writer: asyncio.StreamWriter | None = None
        self._last_used = 0.0
        self._lock = asyncio.Lock()
        self._salt: str | None = None
        self.connections_opened = 0

    def __repr__(self) -> str:
        return f"<BtminerV3Client {self.account}@{self.host}:{self.port}>"

    @property
    def connected(self) -> bool:
        return self._writer is not None and not self._writer.is_closing()

    def set_password(self, password: str) -> None:
        self._password = password

    # -- connection ----------------------------------------------------------------------

    async def close(self) -> None:
        writer, self._writer, self._reader = self._writer, None, None
        if writer is not None:
            writer.close()
            with contextlib.suppress(OSError, asyncio.CancelledError):
                await writer.wait_closed()

    async def _connect(self) -> tuple[asyncio.StreamReader, asyncio.StreamWriter]:
        try:
            reader, writer = await asyncio.open_connection(self.host, self.port)
        except ConnectionRefusedError as err:
            raise MinerRefusedError(f"{self.host}:{self.port} refused the connection") from err
        except OSError as err:
            raise MinerConnectionError(f"{self.host}:{self.port}: {err.strerror or err}") from err
        self.connections_opened += 1
        self._reader, self._writer = reader, writer
        return reader, writer

    async def heartbeat(self) -> None:
        """Send a heartbeat on the kept connection (if any) so the miner keeps it open."""
        async with self._lock:
            if not self.connected or self._writer is None:
                return
            try:
                self._writer.write(HEARTBEAT)
                await self._writer.drain()
                self._last_used = self._monotonic()
            except OSError:
                await self.close()

    # -- requests ------------------------------------------------------------------------

    async def request(self, payload: dict[str, Any], *, resend: bool = True) -> Reply:
        """Send one request frame and return the reply object (not checked).

        ``resend``: whether the request may be sent again on a new connection if the kept
        one broke after it went out (reads: yes; writes: no, the outcome is unknown).
        """
        name = str(payload.get("cmd"))
        try:
            async with asyncio.timeout(self.timeout), self._lock:
                fresh = not self.connected
                if not fresh and self._monotonic() - self._last_used >= self.idle_timeout:
                    _LOGGER.debug("%s: V3 connection idle; reconnecting", self.host)
                    await self.close()
                    fresh = True
                try:
                    return await self._exchange(payload, name)
                except _Dead as err:
                    await self.close()
                    if fresh or (err.sent and not resend):
                        raise _public(err) from err
                    _LOGGER.debug("%s: kept V3 connection was closed; reconnecting", self.host)
                try:
                    return await self._exchange(payload, name)
                except _Dead as err:
                    await self.close()
                    raise _public(err) from err
        except TimeoutError as err:
            await self.close()
            raise MinerTimeoutError(
                f"{self.host}:{self.port} did not answer {name} within {self.timeout:g} s"
            ) from err
        except asyncio.CancelledError:
            await self.close()  # a half-read reply would desynchronise the stream
            raise

    async def _exchange(self, payload: dict[str, Any], name: str) -> Reply:
        if self.connected and self._reader is not None and self._writer is not None:
            reader, writer = self._reader, self._writer
        else:
            reader, writer = await self._connect()
        if reader.at_eof():
            raise _Dead(f"{self.host}:{self.port} closed the connection", sent=False)
        try:
            writer.write(frame(payload))
            await writer.drain()
        except OSError as err:
            raise _Dead(f"{self.host}:{self.port}: {err.strerror or err}", sent=False) from err
        try:
            body = await self._read_frame(reader)
        except (asyncio.IncompleteReadError, OSError) as err:
            raise _Dead(f"{self.host}:{self.port} closed the connection", sent=True) from err
        self._last_used = self._monotonic()
        reply = parse_json(body, allow_truncated=False)
        if not isinstance(reply, dict):
            raise MinerProtocolError(
                f"{self.host}: {name} answered {excerpt(body.decode(errors='replace'))!r}"
            )
        return reply

    async def _read_frame(self, reader: asyncio.StreamReader) -> bytes:
        while True:
            (length,) = HEADER.unpack(await reader.readexactly(HEADER.size))
            if length == 0:
                continue  # a heartbeat
            if length > MAX_FRAME:
                await self.close()
                raise MinerProtocolError(f"{self.host}: frame of {length} bytes refused")
            return await reader.readexactly(length)

    # -- API -----------------------------------------------------------------------------

    async def get(self, command: str, param: Any = None) -> Any:
        """A read (``get.*``): its ``msg`` once the code says success."""
        payload: dict[str, Any] = {"cmd": command}
        if param is not None:
            payload["param"] = param
        reply = await self.request(payload)
        self._check(reply, command)
        return reply.get("msg")

    async def salt(self, *, fresh: bool = False) -> str:
        if self._salt is None or fresh:
            msg = await self.get("get.device.info", "salt")
            salt = msg.get("salt") if isinstance(msg, dict) else None
            if not isinstance(salt, str) or not salt:
                raise MinerProtocolError(f"{self.host}: get.device.info gave no salt")
            self._salt = salt
        return self._salt

    async def set(self, command: str, param: Any = None) -> Any:
        """A write (``set.*``) with a token; its ``msg``.

        A token refusal is retried once with a freshly read salt (the miner may have
        rebooted and changed it); a second refusal means the password is wrong.
        """
        try:
            return await self._set_once(command, param, await self.salt())
        except MinerAuthenticationError:
            _LOGGER.debug("%s: %s refused; reading the salt again", self.host, command)
            salt = await self.salt(fresh=True)
        return await self._set_once(command, param, salt)

    async def _set_once(self, command: str, param: Any, salt: str) -> Any:
        ts = int(self._clock())
        digest = token_digest(command, self._password, salt, ts)
        payload: dict[str, Any] = {
            "cmd": command,
            "ts": ts,
            "token": make_token(digest),
            "account": self.account,
        }
        if param is not None:
            payload["param"] = (
                encrypt_param(digest, param) if command in ENCRYPTED_PARAMS else param
            )
        _LOGGER.debug("%s: privileged %s as %s", self.host, command, self.account)
        reply = await self.request(payload, resend=False)
        self._check(reply, command)
        return reply.get("msg")

    def _check(self, reply: Reply, command: str) -> None:
        code = reply.get("code")
        if code == CODE_OK or (code is None and "msg" in reply):
            return
        message = _message(reply)
        lowered = message.lower()
        if code == CODE_NO_PERMISSION or "permission" in lowered:
            raise PermissionDenied(
                f"{self.host}: {command}: account {self.account!r} may not run this command"
            )
        if "write" in lowered and ("disable" in lowered or "access" in lowered):
            raise WriteApiDisabled(f"{self.host}: {command}: {message}")
        if "max" in lowered and ("connect" in lowered or "client" in lowered):
            raise TokenLimitReached(f"{self.host}: {message}")
        login_words = ("token", "auth", "account", "password")
        if (
            command.startswith("set.")
            and code == CODE_FAILED
            and "old password" not in lowered  # change_passwd: the old one given is wrong
            and (not lowered or any(word in lowered for word in login_words))
        ):
            raise MinerAuthenticationError(
                f"{self.host}: {command}: the miner refused the login of account "
                f"{self.account!r} (wrong password?)"
            )
        raise MinerCommandError(
            f"{self.host}: {command}: {message or 'failed'} (code {code})", code=code
        )
