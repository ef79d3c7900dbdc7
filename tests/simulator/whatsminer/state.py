"""What a simulated Whatsminer remembers, and the clock its tokens and uptime run on."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

from ..antminer.state import RequestLog

POWER_MODES = ("low", "normal", "high")
DEFAULT_PASSWORD = "admin"  # V2 admin password as shipped
V3_ACCOUNTS = ("super", "user1", "user2", "user3")  # default password = account name
NO_POWER_LIMIT = 99999  # adjust_power_limit value that clears the limit


class SimClock:
    """Wall clock (unix seconds) that tests can move forward: `sim.clock.advance(1800)`."""

    def __init__(self) -> None:
        self._offset = 0.0

    def time(self) -> float:
        return time.time() + self._offset

    def monotonic(self) -> float:
        return time.monotonic() + self._offset

    def advance(self, seconds: float) -> None:
        if seconds < 0:
            raise ValueError("the clock only moves forward")
        self._offset += seconds

    @property
    def offset(self) -> float:
        return self._offset


def pad_pools(pools: list[dict[str, Any]]) -> list[dict[str, str]]:
    """Exactly three pools {url, user, pass}, as the firmware stores them."""
    clean = [
        {
            "url": str(p.get("url", "")),
            "user": str(p.get("user", p.get("worker", ""))),
            "pass": str(p.get("pass", p.get("passwd", p.get("password", "")))),
        }
        for p in pools[:3]
    ]
    return clean + [{"url": "", "user": "", "pass": ""} for _ in range(3 - len(clean))]


@dataclass
class WhatsminerState:
    """Mutable state; kept across go_offline/come_back and reboots."""

    hostname: str
    pools: list[dict[str, str]]
    power_limit: int  # W; the limit in force (nominal power when none was set)
    password: str = DEFAULT_PASSWORD  # V2 admin password
    write_api_enabled: bool = False  # "Miner API Switch" in WhatsMinerTool: off as shipped
    password_changed: bool = False  # V2 writes need the shipped password changed once
    mining: bool = True
    fault_light: bool = False  # LED forced on (set_led with a colour); False = "auto"
    led: dict[str, Any] | str = "auto"
    power_mode: str = "normal"  # low | normal | high
    power_pct: int = 100  # set_power_pct / set_power_pct_v2
    target_freq: int = 0  # set_target_freq percent (-10..100)
    temp_offset: int = 0
    upfreq_speed: int = 0
    fast_boot: bool = True
    web_pools: bool = True
    poweroff_cool: bool = False
    fan_zero_speed: bool = False
    zone: tuple[str, str] = ("CST-8", "Asia/Shanghai")
    net: dict[str, str] = field(default_factory=lambda: {"proto": "dhcp"})
    error_codes: dict[str, str] = field(default_factory=dict)  # code -> "YYYY-mm-dd HH:MM:SS"
    v3_passwords: dict[str, str] = field(default_factory=lambda: {a: a for a in V3_ACCOUNTS})
    booted_at: float = 0.0  # SimClock.monotonic() at the last (re)start
    btminer_started_at: float = 0.0  # the mining service (restart_btminer resets it)
    btminer_back_at: float = 0.0  # while restarting (quirk write-silent-close): back then
    requests: RequestLog = field(default_factory=RequestLog)  # every API request handled

    def rebooted(self, now: float) -> None:
        self.booted_at = now
        self.btminer_started_at = now
        self.fault_light = False
        self.led = "auto"
