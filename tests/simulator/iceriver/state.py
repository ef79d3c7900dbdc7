"""What a simulated IceRiver miner remembers: its login, pools, light and requests.

The panel (controllers/user.c) keeps no session of its own: it hands the login to the
miner program, which answers later commands or refuses them with 1004. How long that
program keeps a login is not public; here it keeps it until it restarts (a reboot, or
``expire_sessions``).
"""

from __future__ import annotations

import copy
import time
from dataclasses import dataclass, field
from typing import Any

from . import captures
from .models import IceRiverSpec


def _seconds(runtime: str) -> int:
    days, hours, minutes, seconds = (int(p) for p in runtime.split(":"))
    return ((days * 24 + hours) * 60 + minutes) * 60 + seconds


def _runtime(seconds: int) -> str:
    minutes, second = divmod(seconds, 60)
    hours, minute = divmod(minutes, 60)
    day, hour = divmod(hours, 24)
    return f"{day:02d}:{hour:02d}:{minute:02d}:{second:02d}"


def _idle_slot(slot: dict[str, Any], addr: str, user: str, password: str) -> dict[str, Any]:
    """A slot given new settings: the capture's unused-slot figures (pool 1's), since the
    simulator does not connect to pools."""
    idle = copy.deepcopy(captures.USERPANEL_KS3M["data"]["pools"][0])
    return {**idle, "no": slot["no"], "priority": slot["priority"], "addr": addr, "user": user,
            "pass": password}  # fmt: skip


@dataclass
class IceRiverState:
    spec: IceRiverSpec
    password: str
    mac: str  # "52-8c-…" as the panel writes it
    logged_in: bool = False
    locate: bool = False
    logins: int = 0
    restarts: int = 0
    received: list[tuple[str, str]] = field(default_factory=list)  # (path, post)
    pool_forms: list[dict[str, str]] = field(default_factory=list)  # machineconfig post=2
    started: float = field(default_factory=time.monotonic)
    boot_uptime: int = 0
    pool_password: str | None = None  # set: every pool's "pass" (captured: "x")
    program_down: bool = False  # the panel cannot reach the miner program
    pools: list[dict[str, Any]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.boot_uptime = _seconds(self.spec.panel["data"]["runtime"])
        self.pools = copy.deepcopy(self.spec.panel["data"]["pools"])

    def login(self, user: str | None, password: str | None) -> dict[str, Any]:
        """The miner program's answer to a login, as the panel passes it on."""
        if user != "admin":
            return captures.UNKNOWN_USER
        if password != self.password:
            return captures.WRONG_PASSWORD
        self.logins += 1
        self.logged_in = True
        return captures.LOGGED_IN

    def expire_sessions(self) -> None:
        """What the firmware does when its miner program restarts (or drops a login it
        has kept too long): the next command is refused until a new login."""
        self.logged_in = False

    def uptime(self) -> int:
        return self.boot_uptime + int(time.monotonic() - self.started)

    def _pools(self) -> list[dict[str, Any]]:
        pools = copy.deepcopy(self.pools)
        if self.pool_password is not None:
            for pool in pools:
                pool["pass"] = self.pool_password
        return pools

    def panel(self) -> dict[str, Any]:
        reply = copy.deepcopy(self.spec.panel)
        data = reply["data"]
        data["mac"] = self.mac
        data["locate"] = self.locate
        data["runtime"] = _runtime(self.uptime())
        data["pools"] = self._pools()
        return reply

    def machine(self) -> dict[str, Any]:
        """The machine page's read (post=1): the pools as they are, the captured fan."""
        reply = copy.deepcopy(captures.MACHINECONFIG_KS3M)
        reply["data"]["pools"] = self._pools()
        return reply

    def set_pools(self, form: dict[str, str]) -> None:
        """machineconfig post=2: each slot takes its form fields (blank ones included), as
        user.c passes all three on to the miner program."""
        self.pool_forms.append(dict(form))
        self.pools = [
            _idle_slot(
                slot,
                form.get(f"pool{slot['no']}address", "").strip(),
                form.get(f"pool{slot['no']}miner", "").strip(),
                form.get(f"pool{slot['no']}pwd", "").strip(),
            )
            for slot in self.pools
        ]
        self.pool_password = None

    def rebooted(self) -> None:
        self.logged_in = False
        self.started, self.boot_uptime = time.monotonic(), 0
