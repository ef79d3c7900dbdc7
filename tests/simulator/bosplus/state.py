"""What a simulated BOS+ miner holds and how its figures follow from it."""

from __future__ import annotations

import secrets
import time
from dataclasses import dataclass, field
from typing import Any

from . import captures
from .models import BosPlusSpec

IDLE_W = 120.0  # control board and fans while BOSminer is stopped (not captured)
# The most over its default power target the tuner drives the boards, hashrate and draw in
# proportion (not captured: an assumption, so that a target near the 6500 W the metadata
# allows is not reported as drawn by an S19).
TUNER_HEADROOM = 1.25


@dataclass(slots=True)
class PoolEntry:
    url: str
    user: str
    password: str | None
    accepted: int = 0
    rejected: int = 0
    active: bool = False


@dataclass(slots=True)
class BosPlusState:
    spec: BosPlusSpec
    password: str = ""
    hostname: str = captures.HOSTNAME
    mining: bool = True
    fault_light: bool = False
    mode: str = "POWER_TARGET"
    power_target: int = captures.POWER_LIMIT_W
    hashrate_target: float | None = None
    cooling_mode: str = "AUTO"
    immersion: bool = False
    fan_speed: int = captures.FAN_SPEED_PERCENT
    group_name: str = captures.POOL_GROUP
    pools: list[PoolEntry] = field(default_factory=list)
    booted_at: float = field(default_factory=time.monotonic)
    uptime_offset: int = captures.UPTIME_S
    sessions: dict[str, float] = field(default_factory=dict)  # cookie -> expires at
    session_seconds: float = 3600.0  # not captured
    appeals: list[dict[str, Any]] = field(default_factory=list)
    restarts: int = 0
    mutations: list[str] = field(default_factory=list)  # what controls reached the miner
    # Fields that fail on the miner's side whoever asks (a test's choice, not a capture).
    failing: set[tuple[str, ...]] = field(default_factory=set)

    @classmethod
    def from_capture(cls, spec: BosPlusSpec, password: str) -> BosPlusState:
        pools = [
            PoolEntry(p["url"], p["user"], "x", p["accepted"], p["rejected"], p["active"])
            for p in captures.POOLS
        ]
        return cls(spec=spec, password=password, pools=pools, power_target=spec.default_power_w)

    # -- sessions --------------------------------------------------------------------

    def new_session(self) -> str:
        cookie = secrets.token_hex(16)
        self.sessions[cookie] = time.monotonic() + self.session_seconds
        return cookie

    def valid(self, cookie: str | None) -> bool:
        expires = self.sessions.get(cookie or "")
        if expires is None:
            return False
        if expires < time.monotonic():
            del self.sessions[cookie or ""]
            return False
        return True

    def expire_sessions(self) -> None:
        self.sessions.clear()

    # -- figures ---------------------------------------------------------------------

    @property
    def uptime(self) -> int:
        return self.uptime_offset + int(time.monotonic() - self.booted_at)

    def rebooted(self) -> None:
        self.booted_at, self.uptime_offset = time.monotonic(), 0
        self.sessions.clear()

    @property
    def scale(self) -> float:
        """Hashrate relative to nominal the tuner reaches at its target."""
        spec = self.spec
        if self.mode == "HASHRATE_TARGET" and self.hashrate_target is not None:
            return self.hashrate_target / spec.nominal_ths
        return min(self.power_target / spec.default_power_w, TUNER_HEADROOM)

    @property
    def nominal_mhs(self) -> float:
        return self.spec.nominal_ths * 1e6 * self.scale if self.mining else 0.0

    def board_real_mhs(self, board: int) -> float:
        if not self.mining:
            return 0.0
        share = captures.BOARD_NOMINAL_SHARE[board % len(captures.BOARD_NOMINAL_SHARE)]
        ratio = captures.BOARD_REAL_RATIO[board % len(captures.BOARD_REAL_RATIO)]
        return self.nominal_mhs * share * ratio

    @property
    def real_mhs(self) -> float:
        return sum(self.board_real_mhs(b) for b in range(self.spec.boards))

    @property
    def limit_w(self) -> int:
        if self.mode == "HASHRATE_TARGET" and self.hashrate_target is not None:
            return round(self.spec.default_power_w * self.scale)
        return self.power_target

    @property
    def power_w(self) -> int:
        if not self.mining:
            return round(IDLE_W)
        # As captured: 3572 W drawn at a 3500 W limit; no more than the boards can take.
        reachable = min(self.limit_w, round(self.spec.default_power_w * TUNER_HEADROOM))
        return round(reachable * captures.POWER_W / captures.POWER_LIMIT_W)
