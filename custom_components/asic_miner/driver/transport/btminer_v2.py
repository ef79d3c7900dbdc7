"""Whatsminer API V2 (BTMiner, TCP 4028): plaintext reads, encrypted privileged writes.

Reads are CGMiner-style JSON requests, one connection each (``{"cmd": "summary"}``); the
CGMiner commands join with ``+``, the ``get_*`` commands and ``status`` do not.

Writes (docs/protocols.md §3.1): ``get_token`` gives ``time``, ``salt`` and ``newsalt``;
``key`` is the body of md5-crypt(password, salt), ``sign`` the body of md5-crypt(key + time,
newsalt); the request ``{"cmd", "token": sign, **params}`` is zero-padded, AES-256-ECB
encrypted with SHA-256(key) and sent base64-encoded as ``{"enc": 1, "data": …}``. The reply
is ``{"enc": "<base64>"}`` (or a plaintext error). A token lives 30 minutes: it is cached,
renewed a little early by our own clock, and renewed once more when the miner rejects it
(code 135) or cannot read the request (codes 23, 137, or a double-encoded refusal).
Writes the firmware may leave unanswered raise :class:`UnansweredWrite`
(btminer_v2_exchange.py); the backend reads the miner back to learn whether they took.

Secrets (password, key, sign, AES key) never appear in logs, exceptions or reprs.
"""

from __future__ import annotations

import asyncio
import base64
import binascii
import hashlib
import json
import logging
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Final

from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from passlib.hash import md5_crypt  # type: ignore[import-untyped]

from ..errors import (
    AsicMinerError,
    DefaultPasswordInUse,
    MinerAuthenticationError,
    MinerCommandError,
    MinerConnectionError,
    MinerProtocolError,
    PermissionDenied,
    TokenLimitReached,
    UnsupportedOperation,
    WriteApiDisabled,
    WriteApiLockedByDefaultPassword,
)
from .btminer_v2_exchange import SILENT_WRITES, Silence, UnansweredWrite, exchange
from .json_repair import excerpt, parse_json
from .rpc import RPC_PORT, EmptyReplyError, Reply, RpcClient, check_status

_LOGGER = logging.getLogger(__name__)

Clock = Callable[[], float]

FACTORY_PASSWORD: Final = "admin"
TOKEN_LIFETIME: Final = 30 * 60.0  # s, as the firmware keeps it
TOKEN_MARGIN: Final = 60.0  # s: renew this long before the miner would drop the token
AES_BLOCK: Final = 16

# Status codes (Whatsminer API V2.0.5 §"Status codes").
CODE_INVALID_COMMAND: Final = 14
CODE_INVALID_JSON: Final = 23
CODE_PERMISSION_DENIED: Final = 45
CODE_COMMAND_OK: Final = 131
CODE_COMMAND_ERROR: Final = 132
CODE_TOKEN_OK: Final = 134
CODE_TOKEN_CHECK_ERROR: Final = 135
CODE_TOKEN_OVER_MAX: Final = 136
CODE_BASE64_ERROR: Final = 137

# Commands the firmware refuses inside a "+"-joined request.
_NOT_JOINABLE_PREFIX: Final = "get_"
_NOT_JOINABLE: Final = frozenset({"status"})
# Replies that may overflow with a harmless tail: the error list of a sick miner.
_TRUNCATION_TOLERATED: Final = frozenset({"get_error_code"})

WRITE_API_HELP: Final = (
    "the miner's write API is switched off (\"can't access write cmd\"). To enable it: open "
    "WhatsMinerTool, select the miner, click 'API Setting' and turn the write API on "
    "('Enable API'); the miner also refuses writes while its admin password is the factory "
    "'admin', so change it there too, then enter the new password here"
)
DEFAULT_PASSWORD_HELP: Final = (
    "the miner refuses writes while its admin password is the factory default 'admin'. "
    "Open WhatsMinerTool, select the miner, click 'API Setting' and make sure the write API "
    "is on ('Enable API'), change the admin password, then enter the new password here"
)


def joinable(command: str) -> bool:
    """Whether the firmware accepts this command inside a '+'-joined request."""
    return not command.startswith(_NOT_JOINABLE_PREFIX) and command not in _NOT_JOINABLE


# -- crypto ------------------------------------------------------------------------------


def md5_crypt_body(word: str, salt: str) -> str:
    """The hash part of md5-crypt: ``$1$<salt>$<body>`` → ``<body>``.

    Equals ``openssl passwd -1 -salt SALT WORD | cut -d$ -f4``.
    """
    return str(md5_crypt.using(salt=salt).hash(word)).split("$")[3]


def token_key(password: str, salt: str) -> str:
    """The shared secret both sides derive from the password and the token's salt."""
    return md5_crypt_body(password, salt)


def token_sign(key: str, when: str, newsalt: str) -> str:
    """The token sent with each write: md5-crypt(key + time, newsalt)."""
    return md5_crypt_body(key + when, newsalt)


def aes_key(key: str) -> bytes:
    """AES-256 key: the 32 raw bytes of SHA-256 of the derived key."""
    return hashlib.sha256(key.encode()).digest()


def zero_pad(data: bytes) -> bytes:
    """Pad with NUL bytes to a multiple of the AES block (the vendor's scheme)."""
    return data + b"\x00" * (-len(data) % AES_BLOCK)


def encrypt(key: bytes, plaintext: bytes) -> str:
    """AES-256-ECB over zero-padded ``plaintext``, base64 without newlines."""
    encryptor = Cipher(algorithms.AES(key), modes.ECB()).encryptor()
    sealed = encryptor.update(zero_pad(plaintext)) + encryptor.finalize()
    return base64.b64encode(sealed).decode("ascii")


def decrypt_blocks(key: bytes, data: str) -> bytes:
    """base64, then AES-256-ECB: the whole plaintext, padding included.

    MinerProtocolError when the text is not base64 of whole AES blocks.
    """
    try:
        sealed = base64.b64decode("".join(data.split()), validate=True)
    except (binascii.Error, ValueError) as err:
        raise MinerProtocolError("encrypted reply is not base64") from err
    if not sealed or len(sealed) % AES_BLOCK:
        raise MinerProtocolError("encrypted reply is not a whole number of AES blocks")
    decryptor = Cipher(algorithms.AES(key), modes.ECB()).decryptor()
    return decryptor.update(sealed) + decryptor.finalize()


def decrypt(key: bytes, data: str) -> bytes:
    """Undo :func:`encrypt`: base64, AES-256-ECB, cut at the first NUL."""
    return decrypt_blocks(key, data).split(b"\x00", 1)[0]


def only_padding(plain: bytes) -> bool:
    """Whether a decrypted reply is nothing but padding: NULs, or one whole PKCS#7 block.

    Opened with a wrong key, a block is noise: all of it padding by chance is 1 in 2**128.
    """
    return not plain.strip(b"\x00") or plain == bytes([AES_BLOCK]) * AES_BLOCK


@dataclass(frozen=True, slots=True)
class Token:
    """A privileged-API token: the sign sent along, the AES key, and when we got it.

    The secrets are kept out of ``repr``.
    """

    sign: str = field(repr=False)
    key: bytes = field(repr=False)
    issued_at: float

    @classmethod
    def derive(cls, password: str, msg: Mapping[str, Any], issued_at: float) -> Token:
        """The token for a ``get_token`` answer's Msg (``time``, ``salt``, ``newsalt``)."""
        try:
            when, salt, newsalt = str(msg["time"]), str(msg["salt"]), str(msg["newsalt"])
        except KeyError as err:
            raise MinerProtocolError(f"get_token answer lacks {err.args[0]!r}") from None
        try:
            key = token_key(password, salt)
            sign = token_sign(key, when, newsalt)
        except ValueError as err:  # a salt md5-crypt cannot take
            raise MinerProtocolError(f"get_token answer has an unusable salt: {err}") from None
        return cls(sign=sign, key=aes_key(key), issued_at=issued_at)

    def expired(self, now: float, lifetime: float = TOKEN_LIFETIME) -> bool:
        return now - self.issued_at >= lifetime - TOKEN_MARGIN

    def seal(self, command: str, params: Mapping[str, Any]) -> dict[str, Any]:
        """The encrypted request envelope for one write."""
        plain = json.dumps({"cmd": command, "token": self.sign, **params})
        return {"enc": 1, "data": encrypt(self.key, plain.encode())}

    def open(self, reply: Reply) -> Reply | None:
        """The decrypted reply object of an ``{"enc": …}`` answer; None when it is empty
        (one block of padding)."""
        data = reply.get("enc")
        if not isinstance(data, str):
            raise MinerProtocolError("encrypted reply has no 'enc' text")
        plain = decrypt_blocks(self.key, data)
        if only_padding(plain):
            return None
        opened = parse_json(plain.split(b"\x00", 1)[0])
        if not isinstance(opened, dict):
            raise MinerProtocolError("encrypted reply is not a JSON object")
        return opened


# -- errors ------------------------------------------------------------------------------


class TokenRejected(MinerAuthenticationError):
    """Code 135: the miner did not accept our token (expired, or a wrong password)."""


def _message(reply: Mapping[str, Any]) -> str:
    msg = reply.get("Msg")
    if isinstance(msg, str):
        return msg
    description = reply.get("Description")
    return description if isinstance(description, str) else ""


def _code(reply: Mapping[str, Any]) -> int | None:
    code = reply.get("Code")
    try:
        return int(code) if code is not None else None
    except TypeError, ValueError, OverflowError:  # OverflowError: "Code": Infinity
        return None


def raise_for_write_refusal(
    host: str, command: str, reply: Mapping[str, Any], *, default_password: bool = False
) -> None:
    """Raise the driver's error for a Whatsminer refusal of a privileged request.

    Checked on ``get_token`` answers and on write replies (plaintext or decrypted).
    ``default_password``: we log in with the factory password, so a "can't access write
    cmd" is (at least also) the firmware's refusal of that password.
    Replies that are not refusals pass through; plain command errors are left to
    :func:`check_status`.
    """
    message = _message(reply)
    lowered = message.lower()
    code = _code(reply)
    if "can't access write cmd" in lowered or "cannot access write cmd" in lowered:
        if default_password:
            raise WriteApiLockedByDefaultPassword(f"{host}: {DEFAULT_PASSWORD_HELP}")
        raise WriteApiDisabled(f"{host}: {WRITE_API_HELP}")
    if "default password" in lowered or "default pwd" in lowered:
        raise DefaultPasswordInUse(f"{host}: {DEFAULT_PASSWORD_HELP}")
    if code == CODE_TOKEN_OVER_MAX or "over max" in lowered:
        raise TokenLimitReached(
            f"{host}: the miner hands out no more tokens or connections for now "
            f"({message or code}); wait a few minutes, or close other tools using its API"
        )
    if code == CODE_PERMISSION_DENIED or "permission denied" in lowered:
        raise PermissionDenied(f"{host}: {command}: permission denied by the miner")
    if code == CODE_TOKEN_CHECK_ERROR or "check token" in lowered:
        raise TokenRejected(f"{host}: {command}: the miner rejected the login token")


# -- client ------------------------------------------------------------------------------


class BtminerV2Client:
    """One Whatsminer's V2 API: reads, and writes with a cached token.

    ``clock`` measures the token's age (monotonic seconds by default); tests move it.
    """

    def __init__(
        self,
        host: str,
        *,
        password: str,
        port: int = RPC_PORT,
        timeout: float = 10.0,
        clock: Clock = time.monotonic,
    ) -> None:
        self.host = host
        self.rpc = RpcClient(host, port=port, timeout=timeout, command_key="cmd")
        self._password = password
        self._clock = clock
        self._token: Token | None = None
        self._token_lock = asyncio.Lock()
        self.tokens_fetched = 0  # how many get_token exchanges this client made

    def __repr__(self) -> str:
        return f"<BtminerV2Client {self.host}:{self.rpc.port}>"

    @property
    def port(self) -> int:
        return self.rpc.port

    @property
    def password(self) -> str:
        return self._password

    @password.setter
    def password(self, value: str) -> None:
        """A new password (after ``update_pwd``): the cached token is dropped."""
        self._password = value
        self._token = None

    @property
    def uses_factory_password(self) -> bool:
        return self._password == FACTORY_PASSWORD

    # -- reads -----------------------------------------------------------------------------

    async def read(self, command: str, **params: Any) -> Reply:
        """One plaintext read (any command; parameters as given), checked for STATUS E."""
        return await self.rpc.send(
            command, allow_truncated=command in _TRUNCATION_TOLERATED, **params
        )

    async def reads(self, *commands: str) -> dict[str, Reply]:
        """Several reads at once: the joinable ones in one '+' request, the rest alone.

        A command that fails on its own is left out (logged at debug); if all fail, the
        first error is raised; connection failures are raised at once.
        """
        joined = tuple(c for c in commands if joinable(c))
        alone = tuple(c for c in commands if not joinable(c))
        jobs: list[asyncio.Future[dict[str, Reply]]] = []
        if joined:
            jobs.append(asyncio.ensure_future(self.rpc.multicommand(*joined)))
        jobs.extend(asyncio.ensure_future(self._alone(c)) for c in alone)
        try:
            outcomes = await asyncio.gather(*jobs, return_exceptions=True)
        finally:
            for job in jobs:
                job.cancel()
        results: dict[str, Reply] = {}
        first_error: BaseException | None = None
        for outcome in outcomes:
            if isinstance(outcome, BaseException):
                if not isinstance(outcome, AsicMinerError) or (
                    isinstance(outcome, MinerConnectionError)
                    and not isinstance(outcome, EmptyReplyError)
                ):
                    raise outcome
                _LOGGER.debug("%s: read failed: %s", self.host, outcome)
                first_error = first_error or outcome
                continue
            results.update(outcome)
        if not results and first_error is not None:
            raise first_error
        return results

    async def _alone(self, command: str) -> dict[str, Reply]:
        return {command: await self.read(command)}

    # -- writes ----------------------------------------------------------------------------

    async def token(self) -> Token:
        """The cached token, or a fresh one when it is missing or about to expire."""
        async with self._token_lock:
            current = self._token
            if current is not None and not current.expired(self._clock()):
                return current
            self._token = await self._fetch_token()
            return self._token

    def forget_token(self, token: Token | None = None) -> None:
        """Drop the cached token (only if it is still ``token``, when given)."""
        if token is None or self._token is token:
            self._token = None

    async def _fetch_token(self) -> Token:
        _LOGGER.debug("%s: fetching a write token", self.host)
        reply = await self.rpc.request({"cmd": "get_token"}, "get_token")
        self.tokens_fetched += 1
        raise_for_write_refusal(
            self.host, "get_token", reply, default_password=self.uses_factory_password
        )
        if reply.get("STATUS") in ("E", "F") and _code(reply) == CODE_INVALID_COMMAND:
            # API V3 firmware keeps only a reduced V2 read API on 4028: no tokens, no writes.
            raise UnsupportedOperation("API V2 writes (no get_token)", "this Whatsminer firmware")
        check_status(reply, "get_token")
        msg = reply.get("Msg")
        if not isinstance(msg, dict):
            raise MinerProtocolError(
                f"{self.host}: get_token answered {excerpt(json.dumps(reply))!r}"
            )
        return Token.derive(self._password, msg, self._clock())

    async def write(self, command: str, **params: Any) -> Reply:
        """One privileged command; the decrypted, checked reply.

        A token the miner rejects (code 135) or a request it cannot read (a key that
        differs from its own) is retried once with a fresh token; a second refusal means
        the password is wrong (MinerAuthenticationError). A write left unanswered raises
        UnansweredWrite and is not sent again: the miner may have carried it out.
        """
        token = await self.token()
        try:
            return await self._write_once(token, command, params)
        except TokenRejected:
            _LOGGER.debug("%s: %s: token rejected; fetching a new one", self.host, command)
            self.forget_token(token)
        token = await self.token()
        try:
            return await self._write_once(token, command, params)
        except TokenRejected as err:
            self.forget_token(token)
            raise MinerAuthenticationError(
                f"{self.host}: the miner rejected the password (a fresh token was refused too)"
            ) from err

    async def _write_once(self, token: Token, command: str, params: Mapping[str, Any]) -> Reply:
        _LOGGER.debug("%s: privileged %s", self.host, command)
        raw = await exchange(
            self.host,
            self.port,
            json.dumps(token.seal(command, params)).encode(),
            within=self.rpc.timeout,
            silent_ok=command in SILENT_WRITES,
        )
        if isinstance(raw, Silence):
            raise UnansweredWrite(self.host, command, raw)
        reply, double_encoded = self._write_frame(raw, command)
        if "enc" in reply and "STATUS" not in reply:
            try:
                opened = token.open(reply)
            except MinerProtocolError as err:
                if double_encoded:
                    # The miner's refusal of a request it could not decrypt, sealed with
                    # its own key: the keys differ (a wrong password, or a stale salt).
                    raise TokenRejected(
                        f"{self.host}: {command}: the miner could not decrypt the request"
                    ) from None
                # Our key does not open what the miner sealed: the keys differ.
                raise MinerAuthenticationError(
                    f"{self.host}: cannot read the miner's encrypted answer to {command} "
                    "(wrong password?)"
                ) from err
            if opened is None:
                # Padding only: sealed with our key (so the login is right), saying nothing.
                raise UnansweredWrite(self.host, command, Silence.EMPTY)
            reply = opened
        raise_for_write_refusal(
            self.host, command, reply, default_password=self.uses_factory_password
        )
        code = _code(reply)
        if reply.get("STATUS") in ("E", "F") and code in (CODE_INVALID_JSON, CODE_BASE64_ERROR):
            # The miner could not decrypt our request into JSON ("enc json load err"):
            # its key differs from ours.
            raise TokenRejected(
                f"{self.host}: the miner could not read our encrypted {command} (wrong password?)"
            )
        check_status(reply, command)
        if reply.get("STATUS") is None and "Code" not in reply:
            raise MinerCommandError(f"{self.host}: {command} answered an object without a status")
        return reply

    def _write_frame(self, raw: bytes, command: str) -> tuple[Reply, bool]:
        """The reply object of a write, and whether it came JSON-encoded twice.

        Some firmware answers a request it cannot decrypt with its ``{"enc": …}`` frame
        encoded once more, as a JSON string (issue 11). No part of the frame goes into an
        error: it is the miner's ciphertext.
        """
        try:
            value = parse_json(raw)
            double_encoded = isinstance(value, str)
            if double_encoded:
                value = parse_json(value)
        except MinerProtocolError:
            raise MinerProtocolError(
                f"{self.host}: {command} answered {len(raw)} bytes that are not JSON"
            ) from None
        if not isinstance(value, dict):
            raise MinerProtocolError(f"{self.host}: {command} answered no JSON object")
        return value, double_encoded
