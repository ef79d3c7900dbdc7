"""What a simulated LuxOS miner holds: its profile, ATM, curtailment, boards shut down,
LED, fans, pools and the one session LUXminer allows."""

from __future__ import annotations

import copy
import secrets
import string
import time
from dataclasses import dataclass, field
from typing import Any

from . import captures
from .models import LuxosSpec

SESSION_SECONDS = 60.0  # docs api/sessions: "Sessions expire automatically after one minute"
RAMP_SECONDS = 0.5  # boards ramping after a profile change or a wakeup (real ones: minutes)


def _profiles() -> dict[str, dict[str, Any]]:
    return {p["Profile Name"]: p for p in captures.PROFILES["PROFILES"]}


@dataclass
class LuxosState:
    spec: LuxosSpec
    mac: str
    profile: str
    atm: bool
    red_led: str
    fan_speed: int
    pools: list[dict[str, Any]]
    curtailed: bool = False
    # Events of trouble the miner reports besides its own (SLEEP, SHUTDOWN_USER), as the
    # captured ones (captures.EVENTS): none while it is well.
    trouble: list[dict[str, Any]] = field(default_factory=list)
    # The passwords pools were added with, by POOL (the pools reply lists none).
    pool_passwords: dict[int, str] = field(default_factory=dict)
    shutdown: set[int] = field(default_factory=set)
    session_id: str | None = None
    session_until: float = 0.0
    session_seconds: float = SESSION_SECONDS
    ramp_seconds: float = RAMP_SECONDS
    ramp_until: float = 0.0
    started: float = field(default_factory=time.monotonic)
    profile_changes: int = 0
    sessions_opened: int = 0
    # The requests as they came: each one's command ("version+config+…"), never its
    # parameter (it holds the session id).
    received: list[str] = field(default_factory=list)

    @classmethod
    def initial(cls, spec: LuxosSpec, mac: str) -> LuxosState:
        config = captures.CONFIG["CONFIG"][0]
        return cls(
            spec=spec,
            mac=mac,
            profile=config["Profile"],
            atm=config["IsAtmEnabled"],
            red_led=config["RedLed"],
            fan_speed=captures.FANS["FANS"][0]["Speed"],
            pools=copy.deepcopy(captures.POOLS["POOLS"]),
        )

    # -- figures ---------------------------------------------------------------------------

    @property
    def uptime(self) -> int:
        return int(time.monotonic() - self.started)

    @property
    def ramping(self) -> bool:
        return time.monotonic() < self.ramp_until

    def profile_entries(self) -> list[dict[str, Any]]:
        return list(_profiles().values())

    def profile_entry(self, name: str | None = None) -> dict[str, Any]:
        return _profiles()[name or self.profile]

    def hashing(self, board: int) -> bool:
        return not self.curtailed and not self.ramping and board not in self.shutdown

    def rate_scale(self) -> float:
        """The profile's estimated hashrate over the captured profile's."""
        captured = self.profile_entry(self.spec.captured_profile)["Hashrate"]
        return float(self.profile_entry()["Hashrate"]) / captured

    def board_mhs(self, board: int) -> float:
        """devs "MHS 5s" of the board, scaled to the profile; 0 while it does not hash."""
        captured = next(d for d in captures.DEVS["DEVS"] if d["ID"] == board)
        return captured["MHS 5s"] * self.rate_scale() if self.hashing(board) else 0.0

    def total_ghs(self) -> float:
        return round(sum(self.board_mhs(b) for b in range(self.spec.boards)) / 1000, 2)

    def watts(self) -> int:
        """The captured draw scaled to the profile's watts and the boards that hash; the
        power supply is off while asleep (docs api/luxminer/curtail)."""
        if self.curtailed:
            return 0
        captured = self.profile_entry(self.spec.captured_profile)["Watts"]
        share = sum(1 for b in range(self.spec.boards) if b not in self.shutdown)
        scale = self.profile_entry()["Watts"] / captured * share / self.spec.boards
        return round(self.spec.captured_watts * scale)

    # -- sessions --------------------------------------------------------------------------

    def active_session(self) -> str | None:
        if self.session_id is not None and time.monotonic() >= self.session_until:
            self.session_id = None
        return self.session_id

    def logon(self) -> str | None:
        """A new session, or None while another one is open."""
        if self.active_session() is not None:
            return None
        alphabet = string.ascii_letters + string.digits
        self.session_id = "".join(secrets.choice(alphabet) for _ in range(8))
        self.session_until = time.monotonic() + self.session_seconds
        self.sessions_opened += 1
        return self.session_id

    def use_session(self, given: str) -> bool:
        """The session id is the open one: its minute starts again."""
        if self.active_session() is None or given != self.session_id:
            return False
        self.session_until = time.monotonic() + self.session_seconds
        return True

    def expire_session(self) -> None:
        self.session_id = None

    # -- changes ---------------------------------------------------------------------------

    def ramp(self) -> None:
        self.ramp_until = time.monotonic() + self.ramp_seconds

    def rebooted(self) -> None:
        """A restart: uptime and sessions start again; curtailment persists (docs: curtail),
        boards shut down with a board reboot come back."""
        self.started = time.monotonic()
        self.session_id = None
        self.shutdown.clear()
        self.ramp()
