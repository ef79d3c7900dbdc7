"""MinerConfig ⇄ the Antminer stock configuration (get_miner_conf.cgi / set_miner_conf.cgi).

Modern firmware (X19+) takes a JSON body; old firmware (S9/S17) a form with ``_ant_*`` fields.
Both want exactly three pools, empty ones padded in; the backends check the
configuration (``validation``) before it gets here.
"""

from __future__ import annotations

from typing import Any

from ...config import FanConfig, FanMode, MinerConfig, MiningMode, MiningModeConfig, PoolConfig
from ..values import to_int

POOL_SLOTS = 3

# bitmain-work-mode / miner-mode values.
_WORK_MODES = {0: MiningMode.NORMAL, 1: MiningMode.SLEEP, 3: MiningMode.LOW}
WORK_MODE_NORMAL = 0
WORK_MODE_SLEEP = 1
_MODE_NUMBERS = {mode: number for number, mode in _WORK_MODES.items()}


def work_mode(conf: dict[str, Any]) -> int | None:
    return to_int(conf.get("bitmain-work-mode"))


def config_from_conf(conf: dict[str, Any]) -> MinerConfig:
    """Read a get_miner_conf.cgi answer (either generation)."""
    pools = [
        PoolConfig(url=str(p["url"]), user=str(p.get("user", "")), password=str(p.get("pass", "")))
        for p in _as_list(conf.get("pools"))
        if isinstance(p, dict) and p.get("url")
    ]
    fan = FanConfig()
    if _is_true(conf.get("bitmain-fan-ctrl")):
        speed = to_int(conf.get("bitmain-fan-pwm"))
        speed = None if speed is None else max(0, min(100, speed))  # percent
        fan = FanConfig(FanMode.IMMERSION) if speed == 0 else FanConfig(FanMode.MANUAL, speed)
    mode = _WORK_MODES.get(work_mode(conf) or 0, MiningMode.NORMAL)
    return MinerConfig(pools=pools, fan=fan, mining_mode=MiningModeConfig(mode))


def _padded_pools(config: MinerConfig) -> list[dict[str, str]]:
    """The pools in POOL_SLOTS slots (``validation.check_config`` refused more)."""
    pools = [{"url": p.url, "user": p.user, "pass": p.password} for p in config.pools]
    pools += [{"url": "", "user": "", "pass": ""}] * (POOL_SLOTS - len(pools))
    return pools


def mode_number(mode: MiningMode) -> int | None:
    """The firmware's number for a mining mode; None where stock firmware has none."""
    return _MODE_NUMBERS.get(mode)


def modern_conf(config: MinerConfig, current: dict[str, Any]) -> dict[str, Any]:
    """The set_miner_conf.cgi JSON body; settings MinerConfig does not cover stay as they were."""
    fan_ctrl, fan_pwm = _fan_fields(config.fan, current)
    number = mode_number(config.mining_mode.mode)
    return {
        "bitmain-fan-ctrl": fan_ctrl,
        "bitmain-fan-pwm": fan_pwm,
        "freq-level": str(current.get("bitmain-freq-level") or "100"),
        "miner-mode": WORK_MODE_NORMAL if number is None else number,
        "pools": _padded_pools(config),
    }


def old_conf_form(config: MinerConfig, current: dict[str, Any]) -> dict[str, str]:
    """The old firmware's set_miner_conf.cgi form."""
    form: dict[str, str] = {}
    for slot, pool in enumerate(_padded_pools(config), start=1):
        form[f"_ant_pool{slot}url"] = pool["url"]
        form[f"_ant_pool{slot}user"] = pool["user"]
        form[f"_ant_pool{slot}pw"] = pool["pass"]
    fan_ctrl, fan_pwm = _fan_fields(config.fan, current)
    form["_ant_nobeeper"] = _flag(current.get("bitmain-nobeeper"))
    form["_ant_notempoverctrl"] = _flag(current.get("bitmain-notempoverctrl"))
    form["_ant_fan_customize_switch"] = _flag(fan_ctrl)
    form["_ant_fan_customize_value"] = fan_pwm if fan_ctrl else ""
    form["_ant_freq"] = str(current.get("bitmain-freq") or "")
    form["_ant_voltage"] = str(current.get("bitmain-voltage") or "")
    return form


def _fan_fields(fan: FanConfig, current: dict[str, Any]) -> tuple[bool, str]:
    if fan.mode is FanMode.IMMERSION:
        return True, "0"
    if fan.mode is FanMode.MANUAL:
        speed = fan.speed if fan.speed is not None else to_int(current.get("bitmain-fan-pwm"))
        return True, str(max(0, min(100, speed if speed is not None else 100)))
    return False, str(current.get("bitmain-fan-pwm") or "100")


def _as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _is_true(value: Any) -> bool:
    return value is True or str(value).lower() in ("true", "1")


def _flag(value: Any) -> str:
    return "true" if _is_true(value) else "false"
