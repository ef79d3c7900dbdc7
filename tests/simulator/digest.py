"""HTTP digest authentication (RFC 7616, MD5, qop=auth) as the Antminer's lighttpd does it."""

from __future__ import annotations

import hashlib
import re
import secrets
from collections import OrderedDict

REALM = "antMiner Configuration"
USERNAME = "root"
_PARAM = re.compile(r'(\w+)\s*=\s*(?:"([^"]*)"|([^\s,]*))')
_MAX_NONCES = 4096


def _md5(text: str) -> str:
    return hashlib.md5(text.encode()).hexdigest()  # the protocol mandates MD5


def parse_header(header: str) -> dict[str, str] | None:
    scheme, _, rest = header.partition(" ")
    if scheme.lower() != "digest":
        return None
    return {m[1].lower(): m[2] if m[2] else m[3] for m in _PARAM.finditer(rest)}


class DigestAuth:
    """Issues challenges and checks answers for one web server."""

    def __init__(self, realm: str = REALM) -> None:
        self.realm = realm
        self._nonces: OrderedDict[str, None] = OrderedDict()

    def challenge(self) -> str:
        nonce = secrets.token_hex(16)
        self._nonces[nonce] = None
        while len(self._nonces) > _MAX_NONCES:
            self._nonces.popitem(last=False)
        return (
            f'Digest realm="{self.realm}", charset="UTF-8", algorithm=MD5, nonce="{nonce}", '
            'qop="auth"'
        )

    def check(self, header: str | None, method: str, password: str) -> bool:
        params = parse_header(header or "")
        if not params or params.get("username") != USERNAME:
            return False
        nonce = params.get("nonce", "")
        if nonce not in self._nonces or params.get("realm") != self.realm:
            return False
        if params.get("algorithm", "MD5").upper() != "MD5":
            return False
        ha1 = _md5(f"{USERNAME}:{self.realm}:{password}")
        ha2 = _md5(f"{method}:{params.get('uri', '')}")
        qop = params.get("qop")
        if qop == "auth":
            expected = _md5(
                f"{ha1}:{nonce}:{params.get('nc', '')}:{params.get('cnonce', '')}:auth:{ha2}"
            )
        elif qop is None:
            expected = _md5(f"{ha1}:{nonce}:{ha2}")
        else:
            return False
        return secrets.compare_digest(expected, params.get("response", ""))
