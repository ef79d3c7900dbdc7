"""FluxOS's settings and the bodies of its changes: pure functions, no I/O.

The power target (``mode``), the fans' speed (``fan``) and the pools (``updatepools``), as
pyasic web/auradine.py and config/ (as_auradine, from_auradine) and asic-rs firmwares/auradine
backends/v1 (set_pools_config) send and read them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Final

from ...config import PoolConfig
from ...model_info import ModelInfo
from ...settings import Number, NumberKey, Settings
from . import replies

# asic-rs sends at most three pools (build_update_pools_payload takes 3).
POOL_SLOTS: Final = 3
# asic-rs writes "x" for a pool without a password (the firmware wants one).
EMPTY_POOL_PASSWORD: Final = "x"
# fan {"percentage": …}: pyasic's immersion setting sends 0, its manual one 0-100.
FAN_MIN: Final = 0
FAN_MAX: Final = 100


def settings(
    mode: Mapping[str, Any] | None,
    psu: Mapping[str, Any] | None,
    fan: Mapping[str, Any] | None,
    model: ModelInfo | None,
) -> Settings:
    """The power target (when the mode was read) and the fans' speed (when the fan reply
    gives their target and top speed)."""
    numbers = dict(power_settings(mode, psu, model).numbers)
    speed = replies.fan_percent(fan)
    if speed is not None:
        numbers[NumberKey.FAN_SPEED] = Number(
            value=speed, minimum=FAN_MIN, maximum=FAN_MAX, unit="%"
        )
    return Settings(numbers=numbers)


def power_settings(
    mode: Mapping[str, Any] | None, psu: Mapping[str, Any] | None, model: ModelInfo | None
) -> Settings:
    """The power target: up to the supply's rated output (psu PoutMax, the only bound the
    firmware gives) or the model's rated power, from the model's lowest rated power (half
    the ceiling for a model the table lacks)."""
    if mode is None:
        return Settings()
    ceiling = replies.psu_max_watts(psu) or (model.power_max_w if model else None)
    if ceiling is None:
        return Settings()
    floor = float(model.power_min_w) if model else float(ceiling // 2)
    current = replies.power_target(mode)
    number = Number(
        value=current,
        minimum=min(floor, ceiling),
        maximum=max(float(ceiling), float(current or 0)),
        step=1.0,
        unit="W",
    )
    return Settings(numbers={NumberKey.POWER_TARGET: number})


def power_body(watts: float) -> dict[str, Any]:
    return {"mode": "custom", "tune": "power", "power": round(watts)}


def fan_body(percent: float) -> dict[str, Any]:
    """Every fan at ``percent``: pyasic's manual fan setting (FanModeManual.as_auradine)
    names no fan index."""
    return {"percentage": round(percent)}


def pools_body(pools: Sequence[PoolConfig]) -> dict[str, Any]:
    """``updatepools``: each pool's url, user and pass (pyasic Pool.as_auradine)."""
    return {
        "pools": [
            {"url": p.url, "user": p.user, "pass": p.password or EMPTY_POOL_PASSWORD} for p in pools
        ]
    }
