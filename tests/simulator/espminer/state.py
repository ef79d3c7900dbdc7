"""What a simulated ESP-Miner keeps: its settings (the firmware's NVS) and its running state.

Settings change with PATCH /api/system and are reported at once (the firmware's info reads
NVS); the pools the miner mines on change only when the firmware reloads them: at restart
on ESP-Miner, at once on NerdOS (StratumManager::loadSettings after the PATCH).
"""

from __future__ import annotations

import dataclasses
import time
from dataclasses import dataclass, field
from typing import Any

from .models import EspSpec

# Share arrival while mining, for the counters that grow (one share every few seconds at
# a pool difficulty of 1000 on a 1 TH/s board).
SECONDS_PER_SHARE = 12.0
POOL_SLOTS = 8  # MAX_POOLS, main/global_state.h at v2.15.0


@dataclass(slots=True)
class PoolSlot:
    url: str  # a host name, without scheme or port, as AxeOS keeps it
    port: int
    user: str
    password: str = field(default="x", repr=False)
    tls: int = 0


@dataclass(slots=True)
class EspState:
    hostname: str
    frequency: float
    core_voltage: int
    auto_fan: int  # AxeOS 1 auto / 0 manual; NerdOS 0 manual, 1 classic (deprecated), 2 PID
    manual_fan: int
    temp_target: int
    pools: dict[int, PoolSlot]  # slot id -> pool (AxeOS before v2.15 uses slots 0 and 1)
    primary: int = 0
    secondary: int = 1
    running: tuple[PoolSlot | None, PoolSlot | None] = (None, None)  # what it mines on
    using_fallback: bool = False
    paused: bool = False
    identify_until: float = 0.0
    stats_frequency: int = 0
    overclock: int = 0
    best_diff: int = 0  # since the firmware was installed (NVS "bestdiff")
    session_best: int = 0
    shares_accepted: int = 0
    shares_rejected: int = 0
    rejections: dict[str, int] = field(default_factory=dict)
    uptime_offset: float = 0.0  # the capture's uptime, so a fresh simulator has been up a while
    booted_at: float = field(default_factory=time.monotonic)
    mined_since_boot: float = 0.0  # seconds spent mining (not paused) since boot
    _mining_since: float | None = None
    restarts: int = 0
    extra: dict[str, Any] = field(default_factory=dict)  # unvalidated keys old builds store

    @classmethod
    def from_capture(cls, spec: EspSpec, user: str) -> EspState:
        """The settings the capture shows, mining for ``user`` on the captured pools."""
        info = spec.info
        pools = {
            0: PoolSlot(
                str(info.get("stratumURL") or ""), int(info.get("stratumPort", 3333)), user
            ),
            1: PoolSlot(
                str(info.get("fallbackStratumURL") or ""),
                int(info.get("fallbackStratumPort", 3333)),
                user,
            ),
        }
        state = cls(
            hostname=spec.hostname,
            frequency=float(info.get("frequency", spec.default_frequency)),
            core_voltage=int(info.get("coreVoltage", spec.default_voltage)),
            auto_fan=int(info.get("autofanspeed", 1)),
            manual_fan=int(info.get("manualFanSpeed", info.get("fanspeed", 100))),
            temp_target=int(info.get("temptarget", info.get("pidTargetTemp", 60))),
            pools=pools,
            best_diff=_diff_of(info.get("bestDiff")),
            session_best=_diff_of(info.get("bestSessionDiff")),
            shares_accepted=int(info.get("sharesAccepted", 0)),
            shares_rejected=int(info.get("sharesRejected", 0)),
            rejections={
                str(r["message"]): int(r["count"]) for r in info.get("sharesRejectedReasons", [])
            },
            uptime_offset=float(info.get("uptimeSeconds", 0)),
        )
        state.running = (dataclasses.replace(pools[0]), dataclasses.replace(pools[1]))
        state.resume()
        return state

    # -- time -----------------------------------------------------------------------------

    def uptime(self, now: float | None = None) -> int:
        return int((now or time.monotonic()) - self.booted_at + self.uptime_offset)

    def mining_seconds(self, now: float | None = None) -> float:
        now = now or time.monotonic()
        running = now - self._mining_since if self._mining_since is not None else 0.0
        return self.mined_since_boot + running

    def pause(self) -> None:
        if self._mining_since is not None:
            self.mined_since_boot += time.monotonic() - self._mining_since
            self._mining_since = None
        self.paused = True

    def resume(self) -> None:
        if self._mining_since is None:
            self._mining_since = time.monotonic()
        self.paused = False

    def accepted(self, now: float | None = None) -> int:
        return self.shares_accepted + int(self.mining_seconds(now) / SECONDS_PER_SHARE)

    # -- restarts -------------------------------------------------------------------------

    def rebooted(self, pools_at_boot: bool = True) -> None:
        """What a restart resets (system.c SYSTEM_init_system): uptime, shares and the
        session's best difficulty; the pools are read from NVS again."""
        self.booted_at = time.monotonic()
        self.uptime_offset = 0.0
        self.mined_since_boot = 0.0
        self._mining_since = None
        self.shares_accepted = self.shares_rejected = 0
        self.rejections = {}
        self.session_best = 0
        self.paused = False
        self.identify_until = 0.0
        self.using_fallback = False
        self.restarts += 1
        if pools_at_boot:
            self.load_pools()
        self.resume()

    def load_pools(self) -> None:
        """Take the saved primary and fallback pools into use (what the stratum task reads)."""
        self.running = (
            _copy(self.pools.get(self.primary)),
            _copy(self.pools.get(self.secondary)),
        )


def _copy(pool: PoolSlot | None) -> PoolSlot | None:
    return dataclasses.replace(pool) if pool is not None else None


_SUFFIXES = {"k": 1e3, "M": 1e6, "G": 1e9, "T": 1e12, "P": 1e15, "E": 1e18}


def _diff_of(value: Any) -> int:
    """A captured best difficulty as a number ("483k" -> 483000)."""
    if isinstance(value, int | float):
        return int(value)
    text = str(value or "0").strip()
    scale = _SUFFIXES.get(text[-1:], 1.0)
    number = text[:-1] if text[-1:] in _SUFFIXES else text
    try:
        return int(float(number.strip() or 0) * scale)
    except ValueError:
        return 0
