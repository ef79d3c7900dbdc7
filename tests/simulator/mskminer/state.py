"""What a simulated MSKMiner remembers: its pools, its web login, when it booted."""

from __future__ import annotations

import time
from dataclasses import dataclass, field


@dataclass
class MskState:
    pools: list[tuple[str, str]]  # (url, user), as its pools reply lists them
    password: str  # the web login's (admin)
    booted_at: float = field(default_factory=time.monotonic)
    logins: int = 0  # accepted /admin/login posts
    received: list[tuple[str, str]] = field(default_factory=list)  # (method, path) on 80

    @property
    def uptime(self) -> int:
        return int(time.monotonic() - self.booted_at)

    def rebooted(self) -> None:
        self.booted_at = time.monotonic()
