"""What a simulated MARA miner holds: its miner_config, pools, light and uptime."""

from __future__ import annotations

import time
import zlib
from dataclasses import dataclass, field
from typing import Any

from . import captures, replies
from .models import MaraSpec

# The mining capture's elapsed: the simulation starts that long after a boot.
CAPTURED_UPTIME = 661101


@dataclass(slots=True)
class PoolSetting:
    url: str
    user: str
    password: str = field(repr=False)


@dataclass(slots=True)
class MaraState:
    spec: MaraSpec
    password: str = field(repr=False)
    work_mode: str = "Auto"
    mode_select: str = "PowerTarget"
    power_target: int = 0
    pools: list[PoolSetting] = field(default_factory=list)
    blinking: bool = False
    hostname: str = "Antminer"
    booted: float = field(default_factory=time.monotonic)
    uptime_before_start: int = CAPTURED_UPTIME
    reloads: int = 0  # mining restarted (maintenance reload)
    received: list[tuple[str, str]] = field(default_factory=list)  # (method, name) heard
    serials: tuple[str, ...] = ()  # each board's serial_number (replies.py)

    @classmethod
    def initial(cls, spec: MaraSpec, password: str, worker: str) -> MaraState:
        pools = [PoolSetting(f"stratum+tcp://{host}:3333", worker, "x") for host in spec.pool_hosts]
        code = zlib.crc32(f"{spec.key} {worker}".encode())
        serials = tuple(f"SIMMARA{code:08X}{n}" for n in range(spec.boards))
        return cls(spec, password, power_target=spec.rated_watts, pools=pools, serials=serials)

    @property
    def asleep(self) -> bool:
        return self.work_mode == "Sleep"

    @property
    def uptime(self) -> int:
        return int(time.monotonic() - self.booted) + self.uptime_before_start

    def rebooted(self) -> None:
        self.booted = time.monotonic()
        self.uptime_before_start = 0
        self.blinking = False

    # -- replies -------------------------------------------------------------------------

    def brief(self) -> dict[str, Any]:
        reply = replies.brief(self.spec, self.asleep)
        reply["elapsed"] = self.uptime
        reply["work_mode"] = self.work_mode
        return reply

    def hashboards(self) -> dict[str, Any]:
        return replies.hashboards(self.spec, self.asleep, self.serials)

    def fans(self) -> dict[str, Any]:
        return replies.fans(self.spec, self.asleep)

    def miner_config(self) -> dict[str, Any]:
        """PEER shape (captures.py): the fields pyasic and asic-rs read and write."""
        return {
            "mode": {
                "work-mode-selector": self.work_mode,
                "concorde": {"mode-select": self.mode_select, "power-target": self.power_target},
            },
            "pool-group": [{"gid": 0, "alias": "", "percent": 100}],
            "pools": [
                {"url": p.url, "user": p.user, "pass": p.password, "gid": 0} for p in self.pools
            ],
            "general-config": {"environment-profile": "AirCooling"},
            "advance-config": {"override-fan-control": False, "fan-fixed-percent": 0},
        }

    def pool_list(self) -> list[dict[str, Any]]:
        """PEER shape: the first pool mines while awake; shares as the capture's rate."""
        mining = not self.asleep
        return [
            {
                "index": index,
                "url": pool.url,
                "user": pool.user,
                "status": captures.PEER_POOL_ALIVE,
                "priority": index,
                "accepted": (self.uptime // 10) if index == 0 and mining else 0,
                "rejected": 0,
                "stale": 0,
                "discarded": 0,
            }
            for index, pool in enumerate(self.pools)
        ]

    def apply(self, body: Any) -> str | None:
        """A POSTed miner_config applied; what is wrong with it, if anything."""
        if not isinstance(body, dict) or not isinstance(body.get("mode"), dict):
            return "miner_config needs mode"
        mode = body["mode"]
        work_mode = mode.get("work-mode-selector")
        if work_mode not in captures.PEER_WORK_MODES:
            return "unknown work-mode-selector"
        concorde = mode.get("concorde", {})
        if not isinstance(concorde, dict):
            return "concorde must be an object"
        target = concorde.get("power-target", self.power_target)
        if isinstance(target, bool) or not isinstance(target, int) or target <= 0:
            return "power-target must be a positive whole number"
        pools = _pools(body.get("pools"))
        if pools is None:
            return "pools must list url, user and pass"
        self.work_mode, self.power_target = work_mode, target
        self.mode_select = str(concorde.get("mode-select", self.mode_select))
        self.pools = pools
        return None


def _pools(items: Any) -> list[PoolSetting] | None:
    if not isinstance(items, list):
        return None
    pools = []
    for item in items:
        if not isinstance(item, dict) or not all(
            isinstance(item.get(k), str) for k in ("url", "user", "pass")
        ):
            return None
        pools.append(PoolSetting(item["url"], item["user"], item["pass"]))
    return pools
