"""What a simulated "blackMiner" remembers: its configuration, light, login, boot time."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

from . import captures


@dataclass
class BlackMinerState:
    pools: list[dict[str, Any]]  # get_miner_conf pools[]: url, user, pass
    password: str  # the digest login's (root)
    conf: dict[str, Any] = field(default_factory=lambda: dict(captures.CONF))
    blinking: bool = False
    booted_at: float = field(default_factory=time.monotonic)
    received: list[tuple[str, str]] = field(default_factory=list)  # (method, path) on 80

    @property
    def uptime(self) -> int:
        return int(time.monotonic() - self.booted_at)

    @property
    def mining(self) -> bool:
        return str(self.conf.get("bitmain-work-mode")) != "1"

    def rebooted(self) -> None:
        self.booted_at = time.monotonic()
        self.blinking = False
