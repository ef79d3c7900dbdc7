"""What a simulated Auradine miner holds: sleep, power target, fans' target, light, pools,
tokens, uptime."""

from __future__ import annotations

import secrets
import time
from dataclasses import dataclass, field
from typing import Any

from . import captures
from .models import AuradineSpec

BOARD_STEP_MHS = 100000.0  # devs.json: each board 0.1 TH/s above the one before


@dataclass(slots=True)
class AuradineState:
    spec: AuradineSpec
    password: str = field(repr=False)
    hostname: str = "teraflux-01"
    sleeping: bool = False
    mode: str = captures.MODE["Mode"]  # "custom" as captured; "normal" once asked for
    power_target: int = 0
    led_code: int = 2
    pools: list[tuple[str, str]] = field(default_factory=list)  # (url, user)
    pool_passwords: list[str] = field(default_factory=list, repr=False)  # never shown
    fan_target_rpm: int = captures.FAN_ENTRY["Target"]  # every fan's, as the capture
    tokens: set[str] = field(default_factory=set, repr=False)
    tokens_issued: int = 0
    mining_restarts: int = 0
    booted: float = field(default_factory=time.monotonic)
    uptime_before_start: int = captures.SUMMARY["Elapsed"]
    received: list[tuple[str, str, Any]] = field(default_factory=list)  # (method, path, body)

    @classmethod
    def initial(cls, spec: AuradineSpec, password: str, worker: str) -> AuradineState:
        pools = [
            ("stratum+tcp://btc.viabtc.io:3333", worker),
            ("stratum+tcp://stratum.slushpool.com:3333", worker),
        ]
        return cls(
            spec, password, power_target=spec.power_target, pools=pools, pool_passwords=["x", "x"]
        )

    @property
    def uptime(self) -> int:
        return int(time.monotonic() - self.booted) + self.uptime_before_start

    def issue_token(self) -> str:
        token = secrets.token_hex(16)
        self.tokens.add(token)
        self.tokens_issued += 1
        return token

    def expire_tokens(self) -> None:
        """Every token given so far stops working (as after the firmware's token timeout)."""
        self.tokens.clear()

    def board_mhs(self, slot: int) -> float:
        if self.sleeping:
            return 0.0
        return self.spec.board_mhs + BOARD_STEP_MHS * slot

    def rebooted(self) -> None:
        self.booted = time.monotonic()
        self.uptime_before_start = 0
        self.tokens.clear()
        self.led_code = 2
