"""What a simulated IceRiver miner remembers: its login, sessions, light and requests."""

from __future__ import annotations

import copy
import secrets
import time
from dataclasses import dataclass, field
from typing import Any

from .models import IceRiverSpec


def _seconds(runtime: str) -> int:
    days, hours, minutes, seconds = (int(p) for p in runtime.split(":"))
    return ((days * 24 + hours) * 60 + minutes) * 60 + seconds


def _runtime(seconds: int) -> str:
    minutes, second = divmod(seconds, 60)
    hours, minute = divmod(minutes, 60)
    day, hour = divmod(hours, 24)
    return f"{day:02d}:{hour:02d}:{minute:02d}:{second:02d}"


@dataclass
class IceRiverState:
    spec: IceRiverSpec
    password: str
    mac: str  # "52-8c-…" as the panel writes it
    sessions: set[str] = field(default_factory=set)
    locate: bool = False
    logins: int = 0
    received: list[tuple[str, str]] = field(default_factory=list)  # (path, post)
    started: float = field(default_factory=time.monotonic)
    boot_uptime: int = 0
    pool_password: str | None = None  # set: every pool's "pass" (captured: "x")

    def __post_init__(self) -> None:
        self.boot_uptime = _seconds(self.spec.panel["data"]["runtime"])

    def login(self, user: str | None, password: str | None) -> str | None:
        """A new session id for the right login, else None."""
        if user != "admin" or password != self.password:
            return None
        self.logins += 1
        session = secrets.token_hex(16)
        self.sessions.add(session)
        return session

    def expire_sessions(self) -> None:
        """What the firmware does when it restarts its web server (or a session times
        out): every session is gone."""
        self.sessions.clear()

    def uptime(self) -> int:
        return self.boot_uptime + int(time.monotonic() - self.started)

    def panel(self) -> dict[str, Any]:
        reply = copy.deepcopy(self.spec.panel)
        data = reply["data"]
        data["mac"] = self.mac
        data["locate"] = self.locate
        data["runtime"] = _runtime(self.uptime())
        if self.pool_password is not None:
            for pool in data["pools"]:
                pool["pass"] = self.pool_password
        return reply

    def rebooted(self) -> None:
        self.sessions.clear()
        self.started, self.boot_uptime = time.monotonic(), 0
