"""A tiny, independent Whatsminer client for the tests (written from the vendor docs).

Nothing here comes from the simulator: the V2 md5-crypt / AES envelope and the V3 frames
and tokens are computed afresh, so a passing round trip checks the simulator's crypto.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import hashlib
import json
import struct
from dataclasses import dataclass
from typing import Any

from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from passlib.hash import md5_crypt


async def v2_raw(
    host: str, request: bytes | dict[str, Any], *, source: str | None = None, limit: float = 5
) -> bytes:
    """One request to 4028, read until the miner closes."""
    data = json.dumps(request).encode() if isinstance(request, dict) else request
    local = (source, 0) if source else None
    reader, writer = await asyncio.open_connection(host, 4028, local_addr=local)
    try:
        writer.write(data)
        await writer.drain()
        return await asyncio.wait_for(reader.read(), limit)
    finally:
        writer.close()


async def v2(host: str, request: dict[str, Any], **kw: Any) -> dict[str, Any]:
    value: dict[str, Any] = json.loads(await v2_raw(host, request, **kw))
    return value


def crypt_body(word: str, salt: str) -> str:
    return str(md5_crypt.using(salt=salt).hash(word)).split("$")[3]


@dataclass
class V2Session:
    """A token (sign) and the AES key that goes with it."""

    host: str
    sign: str
    aes: bytes
    source: str | None = None

    @classmethod
    async def open(cls, host: str, password: str, source: str | None = None) -> V2Session:
        token = await v2(host, {"cmd": "get_token"}, source=source)
        assert token["Code"] == 134, token
        msg = token["Msg"]
        key = crypt_body(password, msg["salt"])
        sign = crypt_body(key + msg["time"], msg["newsalt"])
        return cls(host, sign, hashlib.sha256(key.encode()).digest(), source)

    def seal(self, command: dict[str, Any]) -> dict[str, Any]:
        plain = json.dumps({**command, "token": self.sign}).encode()
        plain += b"\x00" * (-len(plain) % 16)
        enc = Cipher(algorithms.AES(self.aes), modes.ECB()).encryptor()
        return {"enc": 1, "data": base64.b64encode(enc.update(plain) + enc.finalize()).decode()}

    def open_reply(self, reply: dict[str, Any]) -> dict[str, Any]:
        dec = Cipher(algorithms.AES(self.aes), modes.ECB()).decryptor()
        plain = dec.update(base64.b64decode(reply["enc"])) + dec.finalize()
        value: dict[str, Any] = json.loads(plain.split(b"\x00", 1)[0])
        return value

    async def send(self, command: dict[str, Any]) -> dict[str, Any]:
        """The decrypted reply, or the plaintext one when the miner refused."""
        reply = await v2(self.host, self.seal(command), source=self.source)
        return self.open_reply(reply) if "enc" in reply else reply


# ----------------------------------------------------------------------------- API V3
def v3_digest(cmd: str, password: str, salt: str, ts: int) -> bytes:
    return hashlib.sha256(f"{cmd}{password}{salt}{ts}".encode()).digest()


def v3_token(cmd: str, password: str, salt: str, ts: int) -> str:
    return base64.b64encode(v3_digest(cmd, password, salt, ts)).decode()[:8]


def v3_encrypt(key: bytes, value: Any) -> str:
    plain = json.dumps(value).encode()
    pad = 16 - len(plain) % 16
    plain += bytes([pad]) * pad  # PKCS#7, as MicroBT's example client does
    enc = Cipher(algorithms.AES(key), modes.ECB()).encryptor()
    return base64.b64encode(enc.update(plain) + enc.finalize()).decode()


class V3Connection:
    """One persistent connection to 4433."""

    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.reader, self.writer = reader, writer

    @classmethod
    async def open(cls, host: str) -> V3Connection:
        return cls(*await asyncio.open_connection(host, 4433))

    async def send_raw(self, payload: bytes) -> None:
        self.writer.write(struct.pack("<I", len(payload)) + payload)
        await self.writer.drain()

    async def receive(self, limit: float = 5) -> dict[str, Any]:
        header = await asyncio.wait_for(self.reader.readexactly(4), limit)
        body = await asyncio.wait_for(
            self.reader.readexactly(struct.unpack("<I", header)[0]), limit
        )
        value: dict[str, Any] = json.loads(body)
        return value

    async def call(self, request: dict[str, Any]) -> dict[str, Any]:
        await self.send_raw(json.dumps(request).encode())
        return await self.receive()

    async def write(
        self,
        cmd: str,
        param: Any = None,
        *,
        account: str = "super",
        password: str,
        encrypt: bool = False,
        ts: int = 1_700_000_000,
    ) -> dict[str, Any]:
        salt = (await self.call({"cmd": "get.device.info", "param": "salt"}))["msg"]["salt"]
        if encrypt:
            param = v3_encrypt(v3_digest(cmd, password, salt, ts), param)
        request = {
            "cmd": cmd,
            "param": param,
            "ts": ts,
            "token": v3_token(cmd, password, salt, ts),
            "account": account,
        }
        return await self.call(request)

    async def close(self) -> None:
        self.writer.close()
        with contextlib.suppress(ConnectionError, OSError):
            await self.writer.wait_closed()


async def v3_call(host: str, request: dict[str, Any]) -> dict[str, Any]:
    conn = await V3Connection.open(host)
    try:
        return await conn.call(request)
    finally:
        await conn.close()
