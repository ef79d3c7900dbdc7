"""The V2 token table: 30-minute tokens, at most 32 per client IP and 16 client IPs."""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from .crypto import md5_crypt_body, random_salt

TOKEN_LIFETIME = 30 * 60
TOKENS_PER_IP = 32
MAX_CLIENT_IPS = 16


@dataclass(frozen=True, slots=True)
class Token:
    sign: str
    issued: float  # SimClock.time()


class TokenTable:
    def __init__(self) -> None:
        self._tokens: dict[str, list[Token]] = {}

    def _purge(self, now: float) -> None:
        for ip in list(self._tokens):
            live = [t for t in self._tokens[ip] if now - t.issued < TOKEN_LIFETIME]
            if live:
                self._tokens[ip] = live
            else:
                del self._tokens[ip]

    def issue(self, ip: str, key: str, now: float) -> tuple[str, str] | None:
        """(time, newsalt) of a new token for `ip`; None when over a limit."""
        self._purge(now)
        mine = self._tokens.get(ip, [])
        if len(mine) >= TOKENS_PER_IP:
            return None
        if not mine and len(self._tokens) >= MAX_CLIENT_IPS:
            return None
        stamp = f"{secrets.randbelow(10000):04d}"
        newsalt = random_salt()
        sign = md5_crypt_body(key + stamp, newsalt)
        self._tokens.setdefault(ip, []).append(Token(sign, now))
        return stamp, newsalt

    def valid(self, ip: str, sign: object, now: float) -> bool:
        self._purge(now)
        return any(t.sign == sign for t in self._tokens.get(ip, []))

    def clear(self) -> None:
        self._tokens.clear()

    def count(self, ip: str | None = None) -> int:
        if ip is None:
            return sum(len(v) for v in self._tokens.values())
        return len(self._tokens.get(ip, []))
