"""The cryptography of the Whatsminer APIs: md5-crypt keys, AES-256-ECB, V3 tokens.

Written from the vendor's description (protocols.md §3): the V2 key is the body of
md5_crypt(password, salt) (what `openssl passwd -1 -salt SALT PASSWORD` prints after the
third `$`), the AES key the raw SHA-256 of that body, zero padding, base64.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import secrets
import string
from typing import Any

from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from passlib.hash import md5_crypt

SALT_ALPHABET = string.ascii_letters + string.digits  # md5-crypt salts are [./0-9A-Za-z]


def random_salt(length: int = 8) -> str:
    return "".join(secrets.choice(SALT_ALPHABET) for _ in range(length))


def md5_crypt_body(word: str, salt: str) -> str:
    """The 22 characters after `$1$salt$`."""
    return str(md5_crypt.using(salt=salt).hash(word)).split("$")[3]


def aes_key(key: str) -> bytes:
    return hashlib.sha256(key.encode()).digest()


def _cipher(key: bytes) -> Cipher[modes.ECB]:
    return Cipher(algorithms.AES(key), modes.ECB())


def zero_pad(data: bytes) -> bytes:
    return data + b"\x00" * (-len(data) % 16)


def encrypt(key: bytes, plaintext: bytes) -> str:
    encryptor = _cipher(key).encryptor()
    return base64.b64encode(encryptor.update(zero_pad(plaintext)) + encryptor.finalize()).decode()


def decrypt(key: bytes, data: str) -> bytes | None:
    """Plaintext cut at the first NUL; None when `data` is not base64 of whole blocks."""
    try:
        raw = base64.b64decode(data, validate=False)
    except binascii.Error, ValueError:
        return None
    if not raw or len(raw) % 16:
        return None
    decryptor = _cipher(key).decryptor()
    plain = decryptor.update(raw) + decryptor.finalize()
    return plain.split(b"\x00", 1)[0]


def strip_pkcs7(data: bytes) -> bytes:
    """Some clients pad with PKCS#7 instead of zeros: drop such a pad if it is one."""
    if data and 1 <= data[-1] <= 16 and data.endswith(bytes([data[-1]]) * data[-1]):
        return data[: -data[-1]]
    return data


def v3_key(cmd: str, password: str, salt: str, ts: object) -> bytes:
    """SHA-256(cmd + password + salt + ts): the token source and the param AES key."""
    return hashlib.sha256(f"{cmd}{password}{salt}{ts}".encode()).digest()


def v3_token(cmd: str, password: str, salt: str, ts: object) -> str:
    """First 8 characters of base64 of the digest (MicroBT API V3, Token Generation)."""
    return base64.b64encode(v3_key(cmd, password, salt, ts)).decode()[:8]


def v3_decrypt_param(key: bytes, value: Any) -> Any:
    """Decrypt an encrypted V3 `param` (base64 string) into its JSON value; None if not."""
    if not isinstance(value, str):
        return None
    try:
        raw = base64.b64decode(value, validate=False)
    except binascii.Error, ValueError:
        return None
    if not raw or len(raw) % 16:
        return None
    decryptor = _cipher(key).decryptor()
    plain = strip_pkcs7(decryptor.update(raw) + decryptor.finalize()).rstrip(b"\x00")
    try:
        return json.loads(plain)
    except UnicodeDecodeError, json.JSONDecodeError:
        return None
