"""What a simulated ePIC miner holds, and its replies built from the captured ones.

Every reply is a copy of its capture (captures.py) with the state's figures written in:
the operating state, the tuning algorithm and target, the fans, the light, the pools,
uptime and shares. Figures not captured are named where they are made: a stopped miner
(Idling) shows its boards at 0 MH/s and its supply at 0 W, as no
capture of an idle miner is at hand.
"""

from __future__ import annotations

import copy
import datetime
import email.utils
import time
from dataclasses import dataclass, field
from typing import Any, Final

from . import captures
from .models import EpicSpec

CAPTURED_TARGET: Final = 143.0  # TH/s, the capture's VoltageOptimizer target
CAPTURED_WATTS: Final = 2166.6174
SOFT_REBOOT_SECONDS: Final = 0.3


@dataclass(slots=True)
class EpicState:
    spec: EpicSpec
    password: str = field(repr=False)
    worker: str = "sim"
    operating_state: str = "Mining"
    algo: str = "VoltageOptimizer"
    target: float = CAPTURED_TARGET
    min_throttle: int | None = 50
    throttle_step: int | None = 5
    tuning: bool = True
    fan_mode: dict[str, Any] = field(
        default_factory=lambda: copy.deepcopy(captures.SUMMARY["Fans"]["Fan Mode"])
    )
    locate: bool = False
    # Status "Last Error": a MinerError of the schema (a name, or {name: detail}); None
    # as captured.
    last_error: Any = None
    coin: str = "BTC"
    unique_id: bool = True
    stratum_configs: list[dict[str, Any]] = field(default_factory=list)
    booted: float = field(default_factory=time.monotonic)
    session_start: float = field(default_factory=time.monotonic)
    session_wall: int = field(default_factory=lambda: int(time.time()))  # Startup Timestamp
    soft_reboot_until: float = 0.0
    soft_reboots: int = 0
    accepted: int = captures.SUMMARY["Session"]["Accepted"]
    rejected: int = captures.SUMMARY["Session"]["Rejected"]
    # Paths this build answers 404 (an endpoint an older build may lack; none as captured).
    missing: set[str] = field(default_factory=set)
    # What reached the miner: (method, path), and each accepted POST's param.
    received: list[tuple[str, str]] = field(default_factory=list)
    posted: list[tuple[str, Any]] = field(default_factory=list)

    @classmethod
    def initial(cls, spec: EpicSpec, password: str, worker: str) -> EpicState:
        configs = copy.deepcopy(captures.SUMMARY["StratumConfigs"])
        configs[0]["login"] = worker
        return cls(spec=spec, password=password, worker=worker, stratum_configs=configs)

    # -- life ----------------------------------------------------------------------------

    def rebooted(self) -> None:
        now = time.monotonic()
        self.booted = self.session_start = now
        self.session_wall = int(time.time())
        self.accepted = self.rejected = 0
        self.locate = False
        self.operating_state = "Mining"  # Autostart: it mines again after a reboot

    def soft_reboot(self) -> None:
        now = time.monotonic()
        self.session_start = now
        self.session_wall = int(time.time())
        self.soft_reboot_until = now + SOFT_REBOOT_SECONDS
        self.soft_reboots += 1
        self.accepted = self.rejected = 0

    def state_now(self) -> str:
        if time.monotonic() < self.soft_reboot_until:
            return "SoftRebooting"  # MinerState of the schema
        return self.operating_state

    @property
    def mining(self) -> bool:
        return self.state_now() == "Mining"

    def scale(self) -> float:
        """How the boards' hashrate compares with the capture's."""
        if not self.mining:
            return 0.0
        if self.algo == "Power":
            return self.target / CAPTURED_WATTS
        return self.target / CAPTURED_TARGET

    def watts(self) -> float:
        if not self.mining:
            return 0.0
        if self.algo == "Power":
            return self.target
        return round(CAPTURED_WATTS * self.target / CAPTURED_TARGET, 4)

    # -- replies -------------------------------------------------------------------------

    def summary(self, hostname: str) -> dict[str, Any]:
        reply = copy.deepcopy(captures.SUMMARY)
        now = time.monotonic()
        reply["Hostname"] = hostname
        reply["Status"]["Operating State"] = self.state_now()
        reply["Status"]["Last Error"] = copy.deepcopy(self.last_error)
        reply["Misc"]["Locate Miner State"] = self.locate
        reply["Fans"]["Fan Mode"] = copy.deepcopy(self.fan_mode)
        if "Manual" in self.fan_mode:
            reply["Fans"]["Fans Speed"] = self.fan_mode["Manual"]
        factor = self.scale()
        for board in reply["HBs"]:
            board["Hashrate"][0] = round(board["Hashrate"][0] * factor, 1)
        reply["Power Supply Stats"]["Input Power"] = self.watts()
        session = reply["Session"]
        session["Uptime"] = int(now - self.session_start)
        session["Startup Timestamp"] = self.session_wall
        session["Startup String"] = email.utils.format_datetime(
            datetime.datetime.fromtimestamp(self.session_wall, datetime.UTC)
        )
        session["Accepted"], session["Rejected"] = self.accepted, self.rejected
        session["Submitted"] = self.accepted + self.rejected
        reply["Mining"]["Coin"] = self.coin
        stratum = reply["Stratum"]
        stratum["Worker Unique Id"] = self.unique_id
        first = self.stratum_configs[0] if self.stratum_configs else None
        stratum["Current Pool"] = first["pool"].split("://", 1)[-1] if first else None
        stratum["Current User"] = first["login"] if first else None
        stratum["IsPoolConnected"] = bool(first) and self.mining
        reply["StratumConfigs"] = copy.deepcopy(self.stratum_configs)
        unit = "W" if self.algo == "Power" else "TH/s"  # AlgorithmStats.Unit
        stats = reply["PerpetualTune"]["Algorithm"].pop("VoltageOptimizer")
        stats.update(
            {
                "Target": round(self.target),
                "Unit": unit,
                "Min Throttle Target": self.min_throttle,
                "Throttle Step": self.throttle_step,
            }
        )
        reply["PerpetualTune"] = {"Algorithm": {self.algo: stats}, "Running": self.tuning}
        return reply

    def capabilities(self) -> dict[str, Any]:
        reply = copy.deepcopy(captures.CAPABILITIES)
        if self.spec.power_bounds is not None:
            low, high = self.spec.power_bounds
            reply["PerpetualTune"].append(
                {
                    "algorithm": "Power",
                    "description": "(SCHEMA: PerpetualTuneOption; not captured)",
                    "max": high,
                    "min": low,
                    "name": "Power",
                }
            )
        return reply

    def network(self, mac: str) -> dict[str, Any]:
        reply = copy.deepcopy(captures.NETWORK)
        reply["dhcp"]["mac_address"] = mac
        return reply

    def temps(self) -> list[dict[str, Any]]:
        return copy.deepcopy(captures.TEMPS)

    def algos(self) -> dict[str, tuple[int, int]]:
        return {
            item["algorithm"]: (item["min"], item["max"])
            for item in self.capabilities()["PerpetualTune"]
        }
