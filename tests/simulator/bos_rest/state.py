"""What a simulated Braiins OS REST miner holds: its login, tokens, tuner, pools, switches."""

from __future__ import annotations

import copy
import secrets
import time
from dataclasses import dataclass, field
from typing import Any

from .models import BosRestSpec

TUNER_MODE_POWER = 1  # performance.proto TunerMode
TUNER_MODE_HASHRATE = 2
COOLING_MODES = ("auto", "manual", "immersion", "hydro")  # SetCoolingModeRequestMode keys


@dataclass(slots=True)
class BosRestState:
    password: str
    token_seconds: int
    tuner_mode: int
    power_target: int
    hashrate_target: float | None
    groups: list[dict[str, Any]]  # pools/ as configured, with the passwords set
    cooling: str = "auto"
    paused: bool = False
    locate: bool = False
    tokens: dict[str, float] = field(default_factory=dict)  # token → monotonic expiry
    issued: list[str] = field(default_factory=list)  # every token handed out (for tests)
    booted: float = field(default_factory=time.monotonic)
    bosminer_started: float = field(default_factory=time.monotonic)
    reboots: int = 0
    restarts: int = 0
    logins: int = 0

    @classmethod
    def from_capture(cls, spec: BosRestSpec, password: str) -> BosRestState:
        tuner = spec.capture("CONFIGURATION_MINER")["tuner"]
        groups = copy.deepcopy(spec.capture("POOLS"))
        for group in groups:
            for pool in group["pools"]:
                pool["password"] = "x"  # not in the capture: the firmware never shows it
        details = spec.capture("MINER_DETAILS")
        now = time.monotonic()
        return cls(
            booted=now - details["system_uptime_s"],
            bosminer_started=now - details["bosminer_uptime_s"],
            password=password,
            token_seconds=spec.token_seconds,
            tuner_mode=tuner["tuner_mode"],
            power_target=tuner["power_target"]["watt"],
            hashrate_target=None,
            groups=groups,
        )

    # -- login ---------------------------------------------------------------------------

    def issue_token(self) -> str:
        token = secrets.token_hex(16)
        self.tokens[token] = time.monotonic() + self.token_seconds
        self.issued.append(token)
        self.logins += 1
        return token

    def accept(self, token: str | None) -> bool:
        """A valid token, its life renewed by this request (LoginResponse.timeout_s)."""
        now = time.monotonic()
        if token is None or self.tokens.get(token, 0.0) <= now:
            self.tokens.pop(token or "", None)
            return False
        self.tokens[token] = now + self.token_seconds
        return True

    def expire_tokens(self) -> None:
        self.tokens.clear()

    # -- uptime --------------------------------------------------------------------------

    def system_uptime(self) -> int:
        return int(time.monotonic() - self.booted)

    def bosminer_uptime(self) -> int:
        return int(time.monotonic() - self.bosminer_started)

    def restarted(self) -> None:
        self.bosminer_started = time.monotonic()
        self.restarts += 1

    def rebooted(self) -> None:
        self.booted = self.bosminer_started = time.monotonic()
        self.tokens.clear()
        self.paused = False
        self.locate = False
        self.reboots += 1
