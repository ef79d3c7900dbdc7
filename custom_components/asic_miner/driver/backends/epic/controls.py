"""What an ePIC poll offers to change, and the POST params that change it.

Perpetual tune holds a target: watts with the "Power" algorithm, TH/s with the others
(VoltageOptimizer, ChipTune, BoardTune), within the bounds capabilities lists for each
algorithm. POST /perpetualtune/algo {"algo", "target", "min_throttle", "throttle_step"}
(AlgoInfo of the schema) sets one and turns tuning on; the throttle figures the summary
shows are sent back so a target change keeps them (asic-rs does the same).

Fans: /fanspeed {"Manual": %} or {"Auto": {"Target Temperature", "Idle Speed"}}; the
schema's description: "Provide a number from 1-100".
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Final

from ...config import PoolConfig
from ...settings import Choice, ChoiceKey, FanChoice, Number, NumberKey, Settings
from ..values import text, to_count
from . import replies
from .replies import TuneAlgo, Tuning

FAN_MIN: Final = 1
FAN_MAX: Final = 100
POOL_SLOTS: Final = 3
TCP: Final = "stratum+tcp://"  # /coin: "Supports up to 3 stratum_configs"
# Autofan as ePIC's own example sends it when a miner has shown no figures of its own.
AUTO_TARGET_DEFAULT: Final = 60
AUTO_IDLE_DEFAULT: Final = 100


def power_algo(algos: Sequence[TuneAlgo]) -> TuneAlgo | None:
    return next((a for a in algos if a.is_power), None)


def hashrate_algo(algos: Sequence[TuneAlgo], tune: Tuning) -> TuneAlgo | None:
    """The hashrate algorithm in use, else the first one the miner lists."""
    others = [a for a in algos if not a.is_power]
    return next((a for a in others if a.name == tune.algo), others[0] if others else None)


def settings(summary: Mapping[str, Any] | None, algos: Sequence[TuneAlgo]) -> Settings:
    found = Settings()
    tune = replies.tuning(summary)
    power = power_algo(algos)
    if power is not None:
        found.numbers[NumberKey.POWER_TARGET] = Number(
            value=tune.target if tune.running and tune.holds_power else None,
            minimum=power.minimum,
            maximum=power.maximum,
            unit="W",
            attributes=(("algorithm", power.name),),
        )
    rate = hashrate_algo(algos, tune)
    if rate is not None:
        found.numbers[NumberKey.HASHRATE_TARGET] = Number(
            value=tune.target if tune.running and not tune.holds_power else None,
            minimum=rate.minimum,
            maximum=rate.maximum,
            unit="TH/s",
            attributes=(("algorithm", rate.name),),
        )
    mode = replies.fan_mode(summary)
    if mode:
        manual = "Manual" in mode
        found.choices[ChoiceKey.FAN_MODE] = Choice(
            current=FanChoice.MANUAL if manual else FanChoice.AUTO,
            options=(FanChoice.AUTO, FanChoice.MANUAL),
        )
        speed = to_count(mode.get("Manual")) if manual else replies.fan_percent(summary)
        found.numbers[NumberKey.FAN_SPEED] = Number(
            value=speed, minimum=FAN_MIN, maximum=FAN_MAX, unit="%"
        )
    return found


def tune_param(algo: str, target: float, tune: Tuning) -> dict[str, Any]:
    param: dict[str, Any] = {"algo": algo, "target": round(target)}
    if tune.min_throttle is not None:
        param["min_throttle"] = tune.min_throttle
    if tune.throttle_step is not None:
        param["throttle_step"] = tune.throttle_step
    return param


def manual_fan(speed: float) -> dict[str, Any]:
    return {"Manual": round(speed)}


def auto_fan(summary: Mapping[str, Any] | None) -> dict[str, Any]:
    """Autofan with the target and idle speed the miner last held, where it shows them."""
    auto = replies.fan_mode(summary).get("Auto")
    held = auto if isinstance(auto, Mapping) else {}
    target = to_count(held.get("Target Temperature"))
    idle = to_count(held.get("Idle Speed"))
    return {
        "Auto": {
            "Target Temperature": AUTO_TARGET_DEFAULT if target is None else target,
            "Idle Speed": AUTO_IDLE_DEFAULT if idle is None else idle,
        }
    }


def coin_param(wanted: Sequence[PoolConfig], summary: Mapping[str, Any] | None) -> dict[str, Any]:
    """/coin's CoinInfo: the coin mined now and the pools; a password left at
    PoolConfig's default keeps the one the miner holds for the same pool and login."""
    default = PoolConfig("", "").password
    held = {
        (str(item.get("pool")), str(item.get("login"))): item["password"]
        for item in replies.stratum_configs(summary)
        if isinstance(item.get("password"), str)
    }
    configs = []
    for pool in wanted:
        url, user = pool.url.strip(), pool.user.strip()
        url = url if "://" in url else TCP + url  # the firmware keeps the scheme
        password = pool.password
        if password == default:
            password = held.get((url, user), password)
        configs.append({"pool": url, "login": user, "password": password})
    mining = (summary or {}).get("Mining")
    coin = text(mining.get("Coin")) if isinstance(mining, Mapping) else None
    stratum = (summary or {}).get("Stratum")
    unique = stratum.get("Worker Unique Id") if isinstance(stratum, Mapping) else None
    return {
        "coin": coin or "BTC",
        "stratum_configs": configs,
        "unique_id": unique if isinstance(unique, bool) else False,
    }


def config_pools(summary: Mapping[str, Any] | None) -> list[PoolConfig]:
    result = []
    for item in replies.stratum_configs(summary):
        url = replies.pool_url(item.get("pool"))
        if url is None:
            continue
        password = item.get("password")
        result.append(
            PoolConfig(
                url=url,
                user=str(item.get("login") or ""),
                password=password if isinstance(password, str) else PoolConfig("", "").password,
            )
        )
    return result
