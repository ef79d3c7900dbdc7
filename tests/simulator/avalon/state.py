"""What a simulated Avalon remembers across requests, and the clock it runs on."""

from __future__ import annotations

import time
from dataclasses import dataclass, field


class SimClock:
    """Unix time that tests can move forward (``sim.clock.advance(6)``): soft-off and
    soft-on timestamps, uptime and ``When`` all follow it."""

    def __init__(self) -> None:
        self._offset = 0.0

    def time(self) -> float:
        return time.time() + self._offset

    def advance(self, seconds: float) -> None:
        if seconds < 0:
            raise ValueError("the clock only moves forward")
        self._offset += seconds


@dataclass(slots=True)
class PoolSlot:
    url: str
    user: str
    password: str = field(default="x", repr=False)


@dataclass(slots=True)
class LightUser:
    """The Nano 3S RGB light as ``ledset`` sets it: LEDUser[effect-bright-temper-r-g-b]."""

    effect: int = 0  # 0 off, 1 static, 2 flash, 3 breath, 4 colour cycle (mm_miner.h)
    bright: int = 100
    temper: int = 100
    rgb: tuple[int, int, int] = (5, 0, 255)  # the MinerSentinel capture's colour


@dataclass(slots=True)
class AvalonState:
    """Mutable state; kept across go_offline/come_back and reboots."""

    pools: list[PoolSlot]
    web_user: str
    web_password: str = field(repr=False)
    work_mode: int = 0
    work_level: int = 0
    target_temp: int = 0
    fan_manual: int | None = None  # fan-spd percent; None: automatic (-1)
    fault_light: bool = False  # A-series white LED (ascset led 1-1)
    light: LightUser = field(default_factory=LightUser)
    led_mode: int = 0  # LED[mode-…]: 0 day (ledset accepted), 1 dark
    # Soft off/on: the firmware takes a unix time and acts then.
    soft_off: bool = False
    soft_off_at: float | None = None
    soft_on_at: float | None = None
    active_pool: int = 0
    pending_pools: dict[int, PoolSlot] = field(default_factory=dict)  # setpool: at next boot
    filter_minutes: int = 19145  # Filter[…] (Q capture): counts up until filter-clean
    # Faults a test may switch on: PS[0]'s error bits (A10 manual appendix 1), and the
    # controller's own fault state (SYSTEMSTATU "In Fault").
    psu_error: int = 0
    in_fault: bool = False
    accepted: int = 0
    rejected: int = 0
    booted_at: float = 0.0  # SimClock time of the last boot
    boots: int = 0

    def settle(self, now: float) -> None:
        """Apply soft-off/soft-on whose time has come."""
        if self.soft_off_at is not None and now >= self.soft_off_at:
            self.soft_off, self.soft_off_at = True, None
        if self.soft_on_at is not None and now >= self.soft_on_at:
            self.soft_off, self.soft_on_at = False, None

    def rebooted(self, now: float) -> None:
        """Back from a reboot: uptime from zero, pools set with setpool in force, hashing."""
        self.booted_at = now
        self.boots += 1
        for slot, pool in self.pending_pools.items():
            self.pools[slot] = pool
        self.pending_pools.clear()
        self.soft_off = False
        self.soft_off_at = self.soft_on_at = None
        self.active_pool = 0
