"""What a simulated VNish miner holds: presets, pools, the light, the mining state, tokens."""

from __future__ import annotations

import re
import secrets
import time
from dataclasses import dataclass, field
from typing import Any

from .models import VnishSpec

_PRETTY = re.compile(r"^(\d+) watt ~ ([\d.]+) TH")
TOKEN_SECONDS = 3600.0


@dataclass(slots=True)
class Preset:
    name: str
    pretty: str
    tuned: bool

    @property
    def watts(self) -> int | None:
        match = _PRETTY.match(self.pretty)
        return int(match.group(1)) if match else None

    @property
    def ths(self) -> float | None:
        match = _PRETTY.match(self.pretty)
        return float(match.group(2)) if match else None

    def item(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "pretty": self.pretty,
            "status": "tuned" if self.tuned else "untuned",
            "modded_psu_required": False,
        }


@dataclass(slots=True)
class PoolSetting:
    url: str  # host:port, as the firmware keeps it
    user: str
    password: str = field(repr=False)


@dataclass(slots=True)
class VnishState:
    spec: VnishSpec
    password: str = field(repr=False)
    presets: list[Preset] = field(default_factory=list)
    preset: str = "disabled"
    pools: list[PoolSetting] = field(default_factory=list)
    throttle: int = 100
    find_miner: bool = False
    miner_state: str = "mining"
    state_since: float = field(default_factory=time.monotonic)
    booted: float = field(default_factory=time.monotonic)
    # Up 3 days 4 hours when the simulation starts (the captures' uptime); from a reboot on,
    # the time since it.
    uptime_before_start: int = 3 * 86_400 + 4 * 3_600
    restart_count: int = 0
    tuning_until: float = 0.0
    pending: dict[str, Any] = field(default_factory=dict)  # applied at the next restart
    tokens: dict[str, float] = field(default_factory=dict, repr=False)  # token -> expiry
    token_seconds: float = TOKEN_SECONDS
    hostname: str = "Antminer"
    received: list[tuple[str, str]] = field(default_factory=list)  # (method, path) heard

    @classmethod
    def initial(cls, spec: VnishSpec, password: str, worker: str) -> VnishState:
        presets = [Preset("disabled", "Disabled", False)]
        presets += [Preset(n, p, n in spec.tuned) for n, p in spec.presets]
        pools = [
            PoolSetting("btc.foundryusapool.com:3333", worker, "x"),
            PoolSetting("btc.foundryusapool.com:443", worker, "x"),
            PoolSetting("btc.foundryusapool.com:25", worker, "x"),
        ]
        return cls(spec, password, presets, spec.default_preset, pools)

    # -- tokens --------------------------------------------------------------------------

    def issue_token(self) -> str:
        token = secrets.token_urlsafe(24)[:32]
        self.tokens[token] = time.monotonic() + self.token_seconds
        return token

    def token_valid(self, token: str) -> bool:
        expiry = self.tokens.get(token)
        return expiry is not None and expiry > time.monotonic()

    def forget_tokens(self) -> None:
        self.tokens.clear()

    # -- presets and mining --------------------------------------------------------------

    def find(self, name: str) -> Preset | None:
        return next((p for p in self.presets if p.name == name), None)

    @property
    def current(self) -> Preset | None:
        return self.find(self.preset)

    def set_state(self, state: str) -> None:
        self.miner_state, self.state_since = state, time.monotonic()

    def tick(self) -> None:
        """An auto-tuning preset is tuned once its time is up."""
        if self.miner_state == "auto-tuning" and time.monotonic() >= self.tuning_until:
            current = self.current
            if current is not None:
                current.tuned = True
            self.set_state("mining")

    def choose(self, name: str, tune_seconds: float) -> None:
        """The firmware restarts mining on the new preset; an untuned one is tuned first."""
        self.preset = name
        preset = self.current
        self.restart_count += 1
        if preset is not None and not preset.tuned and name != "disabled":
            self.tuning_until = time.monotonic() + tune_seconds
            self.set_state("auto-tuning")
        else:
            self.set_state("mining")

    def restart_mining(self, tune_seconds: float) -> None:
        pending, self.pending = self.pending, {}
        if "pools" in pending:
            self.pools = pending["pools"]
        if "preset" in pending:
            self.choose(pending["preset"], tune_seconds)
            return
        self.restart_count += 1
        self.set_state("mining")

    def rebooted(self) -> None:
        self.booted = time.monotonic()
        self.uptime_before_start = 0
        self.forget_tokens()
        self.find_miner = False
        self.set_state("mining")

    @property
    def state_seconds(self) -> int:
        return int(time.monotonic() - self.state_since)

    @property
    def hashing(self) -> bool:
        return self.miner_state in ("mining", "auto-tuning")

    @property
    def uptime(self) -> int:
        return int(time.monotonic() - self.booted) + self.uptime_before_start
