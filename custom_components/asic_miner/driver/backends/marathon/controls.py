"""What MARA firmware lets a user change, and the miner_config bodies that change it.

Every change is a read of ``miner_config`` and a POST of it back with one part changed
(pyasic and asic-rs both send the whole configuration back, so nothing else is lost):
``mode.work-mode-selector`` "Sleep" pauses mining; the mode it had before (Auto, Fixed,
Stock) resumes it; "Auto" with ``concorde`` ``mode-select`` "PowerTarget" and
``power-target`` in W makes the tuner hold a power.

The firmware publishes no bounds for the power target: the number runs from half the
model's rated power to its rated power (and up to a target set beyond it on the miner).
"""

from __future__ import annotations

import copy
from collections.abc import Mapping, Sequence
from typing import Any, Final

from ...config import PoolConfig
from ...model_info import ModelInfo
from ...settings import Number, NumberKey, Settings
from . import replies

POOL_SLOTS: Final = 3  # asic-rs: MaraFW takes three pool groups
AUTO: Final = "Auto"


def settings(config: Mapping[str, Any] | None, model: ModelInfo | None) -> Settings:
    if config is None or model is None:
        return Settings()
    current = replies.power_target(config)
    maximum = max(model.power_max_w, current or 0)
    number = Number(
        value=current,
        minimum=float(model.power_max_w // 2),
        maximum=float(maximum),
        step=1.0,
        unit="W",
    )
    return Settings(numbers={NumberKey.POWER_TARGET: number})


def with_work_mode(config: Mapping[str, Any], work_mode: str) -> dict[str, Any]:
    body = copy.deepcopy(dict(config))
    mode = body.get("mode")
    body["mode"] = dict(mode) if isinstance(mode, dict) else {}
    body["mode"]["work-mode-selector"] = work_mode
    return body


def with_power_target(config: Mapping[str, Any], watts: int) -> dict[str, Any]:
    body = with_work_mode(config, AUTO)
    concorde = body["mode"].get("concorde")
    concorde = dict(concorde) if isinstance(concorde, dict) else {}
    concorde["mode-select"] = "PowerTarget"
    concorde["power-target"] = watts
    body["mode"]["concorde"] = concorde
    return body


def with_pools(config: Mapping[str, Any], pools: Sequence[PoolConfig]) -> dict[str, Any]:
    """The pools in the order given, in the group the first configured pool is in."""
    body = copy.deepcopy(dict(config))
    first = next(iter(replies.config_pools(config)), {})
    group = {"gid": first["gid"]} if "gid" in first else {}
    body["pools"] = [{"url": p.url, "user": p.user, "pass": p.password, **group} for p in pools]
    return body


def config_pools(config: Mapping[str, Any] | None) -> list[PoolConfig]:
    found = []
    for item in replies.config_pools(config):
        url, user, password = item.get("url"), item.get("user"), item.get("pass")
        if isinstance(url, str) and url and isinstance(user, str):
            found.append(PoolConfig(url, user, password if isinstance(password, str) else ""))
    return found
