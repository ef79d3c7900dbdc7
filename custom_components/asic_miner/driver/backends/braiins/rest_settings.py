"""What a Braiins OS REST miner lets a user set, and the bodies that set it.

The tuner's targets and their bounds come from ``configuration/miner`` (``tuner``:
tuner_mode, power_target.watt, hashrate_target.terahash_per_second) and
``configuration/constraints`` (``tuner_constraints``: power_target and hashrate_target, each
min / max / default); the cooling mode from ``configuration/miner`` ``temperature.mode``,
a one-key object (auto, manual, immersion, hydro), offered only where the miner reports it.
Bodies as the published OpenAPI has them (PUT performance/power-target ``{"watt"}``,
performance/hashrate-target ``{"terahash_per_second"}``, performance/mode
``{"tunermode": {"target": {...}}}``, cooling/mode ``{"auto": {}}``).
"""

from __future__ import annotations

from typing import Any, Final

from ...settings import Choice, ChoiceKey, CoolingMode, Number, NumberKey, PerformanceMode, Settings
from ..values import to_count, to_float
from .rest_replies import TUNER_MODE_HASHRATE, TUNER_MODE_POWER, obj, watts

# cooling/mode keys for our CoolingMode values (hydro and the deprecated "disabled" are not
# offered: a hydro miner's cooling is not the user's to switch here).
COOLING_KEYS: Final = {
    CoolingMode.AUTO: "auto",
    CoolingMode.MANUAL: "manual",
    CoolingMode.IMMERSION: "immersion",
}


def _ths(value: Any) -> float | None:
    rate = to_float(obj(value).get("terahash_per_second"))
    return round(rate, 3) if rate is not None and 0 <= rate < 1e6 else None


def _power_bounds(constraints: Any) -> tuple[int, int, int | None] | None:
    bounds = obj(constraints, "tuner_constraints", "power_target")
    low, high = watts(bounds.get("min")), watts(bounds.get("max"))
    if low is None or high is None or low > high:
        return None
    return low, high, watts(bounds.get("default"))


def _hashrate_bounds(constraints: Any) -> tuple[float, float, float | None] | None:
    bounds = obj(constraints, "tuner_constraints", "hashrate_target")
    low, high = _ths(bounds.get("min")), _ths(bounds.get("max"))
    if low is None or high is None or low > high:
        return None
    return low, high, _ths(bounds.get("default"))


def tuner_mode(config: Any) -> PerformanceMode | None:
    mode = to_count(obj(config, "tuner").get("tuner_mode"))
    return {
        TUNER_MODE_POWER: PerformanceMode.POWER_TARGET,
        TUNER_MODE_HASHRATE: PerformanceMode.HASHRATE_TARGET,
    }.get(mode or 0)


def power_target(config: Any) -> int | None:
    return watts(obj(config, "tuner").get("power_target"))


def hashrate_target(config: Any) -> float | None:
    return _ths(obj(config, "tuner").get("hashrate_target"))


def cooling_mode(config: Any) -> CoolingMode | None:
    mode = obj(config, "temperature").get("mode")
    if not isinstance(mode, dict) or len(mode) != 1:
        return None
    (key,) = mode
    return next((ours for ours, theirs in COOLING_KEYS.items() if theirs == key), None)


def settings(config: Any, constraints: Any) -> Settings:
    found = Settings()
    power = _power_bounds(constraints)
    rate = _hashrate_bounds(constraints)
    if power is not None:
        low, high, default = power
        power_default: tuple[tuple[str, str | float], ...] = (
            (("default", default),) if default is not None else ()
        )
        found.numbers[NumberKey.POWER_TARGET] = Number(
            power_target(config), low, high, 1.0, "W", attributes=power_default
        )
    if rate is not None:
        low_ths, high_ths, default_ths = rate
        attributes = (("default", default_ths),) if default_ths is not None else ()
        found.numbers[NumberKey.HASHRATE_TARGET] = Number(
            hashrate_target(config), low_ths, high_ths, 0.1, "TH/s", attributes=attributes
        )
    modes = tuple(
        mode
        for mode, bounds in (
            (PerformanceMode.POWER_TARGET, power),
            (PerformanceMode.HASHRATE_TARGET, rate),
        )
        if bounds is not None
    )
    if modes:
        current = tuner_mode(config)
        found.choices[ChoiceKey.PERFORMANCE_MODE] = Choice(
            current if current in modes else None, tuple(str(m) for m in modes)
        )
    cooling = cooling_mode(config)
    if cooling is not None:
        found.choices[ChoiceKey.COOLING_MODE] = Choice(cooling, tuple(str(m) for m in COOLING_KEYS))
    return found


def mode_body(mode: PerformanceMode, current: Settings) -> dict[str, Any]:
    """performance/mode for ``mode`` at its current target (the miner's default when none
    is set yet)."""
    power = mode is PerformanceMode.POWER_TARGET
    key = NumberKey.POWER_TARGET if power else NumberKey.HASHRATE_TARGET
    number = current.numbers[key]
    default = dict(number.attributes).get("default")
    if not isinstance(default, int | float):
        default = None
    value = number.value if number.value is not None else default
    if value is None:
        value = number.minimum
    target: dict[str, Any] = (
        {"powertarget": {"power_target": {"watt": round(float(value))}}}
        if power
        else {"hashratetarget": {"hashrate_target": {"terahash_per_second": float(value)}}}
    )
    return {"tunermode": {"target": target}}


def cooling_body(mode: CoolingMode) -> dict[str, Any]:
    """cooling/mode: the mode alone, its fields left to the firmware's defaults."""
    return {COOLING_KEYS[mode]: {}}
