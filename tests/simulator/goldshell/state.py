"""What a simulated Goldshell miner holds: its setting (the plan selected), pools, token."""

from __future__ import annotations

import copy
import secrets
from dataclasses import dataclass, field
from typing import Any

from .models import GoldshellSpec

SLEEP_LEVEL = 3


@dataclass(slots=True)
class GoldshellState:
    spec: GoldshellSpec
    password: str = field(repr=False)
    mac: str
    setting: dict[str, Any] = field(default_factory=dict)
    pools: list[dict[str, Any]] = field(default_factory=list)
    token: str = field(default_factory=lambda: "eyJ" + secrets.token_urlsafe(48), repr=False)
    token_required: bool = True  # False: older firmware, every path open
    logins: int = 0
    # The firmware's token check races (docs/firmware-api.md: about one request in 200
    # gets 401, "Check Token Error"): the next this many token checks fail.
    token_check_errors: int = 0
    restarts: int = 0
    received: list[tuple[str, str]] = field(default_factory=list)  # (method, path) heard

    @classmethod
    def initial(cls, spec: GoldshellSpec, password: str, mac: str, worker: str) -> GoldshellState:
        setting = copy.deepcopy(spec.setting)
        # The SC5 Pro II's name starts with a space, as captured.
        setting["name"] = (" " if str(setting.get("name", "")).startswith(" ") else "") + mac
        pools = [
            {
                "url": f"stratum+tcp://{host}:3333",
                "legal": True,
                "active": index == 0,
                "dragid": index,
                "user": worker,
                "pool-priority": index,
                "pass": "x",
            }
            for index, host in enumerate(spec.pool_hosts)
        ]
        return cls(spec, password, mac, setting, pools)

    @property
    def asleep(self) -> bool:
        plans = self.setting.get("powerplans") or []
        index = self.setting.get("select")
        return isinstance(index, int) and plans[index].get("level") == SLEEP_LEVEL

    def devs(self) -> dict[str, Any]:
        """The model's captured rows (the SC Lite's where it has none), one per board,
        scaled to the model's rate (0 asleep)."""
        rows = self.spec.devs["data"]
        captured = sum(row["hashrate"] for row in rows[: self.spec.boards]) or 1.0
        scale = self.spec.rated_mhs / captured if self.spec.boards <= len(rows) else 1.0
        data = []
        for board in range(self.spec.boards):
            row = copy.deepcopy(rows[board % len(rows)])
            row["id"] = board
            row["hashrate"] = 0.0 if self.asleep else round(row["hashrate"] * scale, 3)
            row["av_hashrate"] = round(row["av_hashrate"] * scale, 3)
            row["powerplan"] = self.setting.get("select", 0)
            if self.spec.temps:
                row["temp"] = self.spec.temps[board % len(self.spec.temps)]
            if self.spec.fanspeed:
                row["fanspeed"] = self.spec.fanspeed
            data.append(row)
        return {"status": self.spec.devs["status"], "data": data}

    def apply_setting(self, body: Any) -> str | None:
        """A PUT of the whole setting: the plan selected changes; anything odd is refused."""
        if not isinstance(body, dict):
            return "the setting must be an object"
        index = body.get("select")
        plans = self.setting.get("powerplans") or []
        if isinstance(index, bool) or not isinstance(index, int) or not 0 <= index < len(plans):
            return "select names no power plan"
        self.setting["select"] = index
        return None

    def new_pool(self, body: Any) -> str | None:
        if not isinstance(body, dict) or not isinstance(body.get("url"), str):
            return "a pool needs a url"
        if len(self.pools) >= 3:
            return "three pools at most"
        index = len(self.pools)
        self.pools.append(
            {
                "url": body["url"],
                "legal": True,
                "active": index == 0,
                "dragid": index,
                "user": str(body.get("user", "")),
                "pool-priority": index,
                "pass": str(body.get("pass", "")),
            }
        )
        return None

    def del_pool(self, body: Any) -> str | None:
        if not isinstance(body, dict):
            return "which pool?"
        for pool in self.pools:
            if pool["url"] == body.get("url") and pool["user"] == body.get("user"):
                self.pools.remove(pool)
                for index, rest in enumerate(self.pools):
                    rest.update(dragid=index, **{"pool-priority": index, "active": index == 0})
                return None
        return "no such pool"
