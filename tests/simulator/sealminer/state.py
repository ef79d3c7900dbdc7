"""What a simulated SealMiner holds: mining or suspended, the power limit, the light,
sessions, uptime, and what it heard."""

from __future__ import annotations

import secrets
import time
from dataclasses import dataclass, field

from . import captures
from .models import SealSpec


@dataclass(slots=True)
class SealState:
    spec: SealSpec
    password: str = field(repr=False)
    suspended: bool = False
    power_limit: int = captures.STATS["Power Limit"]
    pending_limit: int | None = None  # set by ascset, taken at the next boot
    led: str = captures.SYSTEM_INFO["led"]
    pools: list[tuple[str, str]] = field(default_factory=list)
    sessions: set[str] = field(default_factory=set, repr=False)
    logins: int = 0
    restarts: int = 0
    booted: float = field(default_factory=time.monotonic)
    uptime_before_start: int = captures.STATS["System Uptime"]
    received: list[tuple[str, str]] = field(default_factory=list)  # (method or "rpc", name)

    @property
    def uptime(self) -> int:
        return int(time.monotonic() - self.booted) + self.uptime_before_start

    def new_session(self) -> str:
        cookie = secrets.token_hex(16)
        self.sessions.add(cookie)
        self.logins += 1
        return cookie

    def rebooted(self) -> None:
        self.booted = time.monotonic()
        self.uptime_before_start = 0
        self.sessions.clear()
        self.suspended = False
        if self.pending_limit is not None:
            self.power_limit, self.pending_limit = self.pending_limit, None
