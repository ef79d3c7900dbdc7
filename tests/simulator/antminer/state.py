"""What a miner remembers: configuration and switches that clients can change."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

# bitmain-work-mode / miner-mode values of the modern firmware
WORK_NORMAL = 0
WORK_SLEEP = 1
WORK_LOW = 3

EMPTY_POOL: dict[str, str] = {"url": "", "user": "", "pass": ""}


@dataclass(frozen=True, slots=True)
class Handled:
    """One request the miner handled: from its arrival to its answer (monotonic seconds)."""

    name: str
    write: bool
    start: float
    end: float


class RequestLog:
    """The requests a miner handled, in order, for tests that look at order and overlap.

    Handlers answer at once, after the DELAY fault's pause: a request arrived ``held``
    seconds before it is recorded.
    """

    def __init__(self) -> None:
        self.entries: list[Handled] = []

    def record(self, name: str, *, write: bool, held: float = 0.0) -> None:
        now = time.monotonic()
        self.entries.append(Handled(name, write, now - held, now))

    def clear(self) -> None:
        self.entries.clear()

    @property
    def writes(self) -> list[Handled]:
        return [entry for entry in self.entries if entry.write]

    def max_writes_in_flight(self, slack: float = 0.002) -> int:
        """The most writes in flight at one moment (``slack``: timer rounding)."""
        spans = self.writes
        return max(
            (sum(1 for s in spans if s.start <= w.start < s.end - slack) for w in spans),
            default=0,
        )


def pad_pools(pools: list[dict[str, Any]]) -> list[dict[str, str]]:
    """Exactly three pools, as the firmware stores them."""
    clean = [
        {
            "url": str(p.get("url", "")),
            "user": str(p.get("user", "")),
            "pass": str(p.get("pass", p.get("password", ""))),
        }
        for p in pools[:3]
    ]
    return clean + [dict(EMPTY_POOL) for _ in range(3 - len(clean))]


@dataclass
class MinerState:
    """Mutable state; kept across go_offline/come_back and reboots."""

    hostname: str
    pools: list[dict[str, str]]
    work_mode: int = WORK_NORMAL
    fault_light: bool = False
    fan_ctrl: bool = False
    fan_pwm: int = 100
    freq_level: int = 100
    errors: dict[str, str] = field(default_factory=dict)  # summary.cgi status type -> msg
    booted_at: float = field(default_factory=time.monotonic)
    requests: RequestLog = field(default_factory=RequestLog)  # writes, and config reads

    @property
    def mining(self) -> bool:
        return self.work_mode != WORK_SLEEP

    @mining.setter
    def mining(self, value: bool) -> None:
        self.work_mode = WORK_NORMAL if value else WORK_SLEEP

    @property
    def uptime(self) -> int:
        return int(time.monotonic() - self.booted_at)

    def rebooted(self) -> None:
        self.booted_at = time.monotonic()
        self.fault_light = False
