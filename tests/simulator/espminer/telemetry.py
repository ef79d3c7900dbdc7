"""Live figures of a simulated ESP-Miner, scaled from its capture's operating point.

Hashrate follows the clock the firmware computes expectedHashrate from (frequency x small
cores x ASICs / 1000 GH/s, power_management_task.c); power goes with frequency x voltage²
(CMOS switching power); temperatures with power and the fan. A paused miner (v2.14
miningPaused) hashes nothing and draws what its idle ASICs and ESP32 do.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from .models import EspSpec
from .state import EspState

AMBIENT = 25.0  # °C
IDLE_SHARE = 0.3  # power while paused, relative to mining at the same clock (assumed)


@dataclass(frozen=True, slots=True)
class Snapshot:
    expected_ghs: float
    hashrate_ghs: float
    averages: dict[str, float]  # window ("1m", "10m", "1h", "1d") -> GH/s
    power: float  # W
    input_mv: float
    current_ma: float
    asic_temp: float
    asic_temp2: float | None  # a second ASIC sensor (v2.10 temp2), None where there is none
    vr_temp: float
    fan_percent: float
    fan_rpm: int
    fan2_rpm: int
    core_voltage_actual: int
    uptime: int
    accepted: int


def take(spec: EspSpec, state: EspState, rng: random.Random | None = None) -> Snapshot:
    info = spec.info
    ref_freq = float(info.get("frequency") or spec.default_frequency)
    ref_volt = float(info.get("coreVoltage") or spec.default_voltage)
    expected = state.frequency * spec.small_cores * spec.asic_count / 1000
    jitter = 1.0 + (rng.uniform(-0.02, 0.02) if rng is not None else 0.0)
    mining = not state.paused
    hashrate = expected * spec.hash_ratio * jitter if mining else 0.0
    load = (state.frequency / ref_freq) * (state.core_voltage / ref_volt) ** 2
    power = spec.reference_power * load * (1.0 if mining else IDLE_SHARE)
    input_mv = float(info.get("voltage") or 5000)
    fan = _fan_percent(spec, state, power)
    cooling = (_ref(info, "fanspeed", 50.0) / max(fan, 5.0)) ** 0.3
    heat = power / spec.reference_power * cooling
    asic_temp = AMBIENT + (_ref(info, "temp", 60.0) - AMBIENT) * heat
    vr_temp = AMBIENT + (_ref(info, "vrTemp", 60.0) - AMBIENT) * heat
    temp2 = info.get("temp2")
    ref_rpm = _ref(info, "fanrpm", 4000.0)
    rpm = int(ref_rpm * fan / max(_ref(info, "fanspeed", 50.0), 1.0))
    fan2 = int(info.get("fanrpm2", 0) or 0)
    return Snapshot(
        expected_ghs=round(expected, 3),
        hashrate_ghs=round(hashrate, 4),
        averages=_averages(info, hashrate),
        power=round(power, 4),
        input_mv=input_mv,
        current_ma=round(power / input_mv * 1e6, 3),
        asic_temp=round(asic_temp, 3),
        asic_temp2=round(asic_temp - 1.0, 3)
        if isinstance(temp2, int | float) and temp2 > 0
        else None,
        vr_temp=round(vr_temp, 3),
        fan_percent=round(fan, 2),
        fan_rpm=rpm,
        fan2_rpm=fan2 if spec.fans > 1 else 0,
        core_voltage_actual=state.core_voltage - _droop(info),
        uptime=state.uptime(),
        accepted=state.accepted(),
    )


def _ref(info: dict[str, object], key: str, default: float) -> float:
    value = info.get(key)
    return float(value) if isinstance(value, int | float) and value > 0 else default


def _droop(info: dict[str, object]) -> int:
    """Set minus measured core voltage in the capture (1150 set, 1144 measured: 6 mV)."""
    set_mv, actual = info.get("coreVoltage"), info.get("coreVoltageActual")
    if isinstance(set_mv, int | float) and isinstance(actual, int | float):
        return int(set_mv - actual)
    return 0


def _fan_percent(spec: EspSpec, state: EspState, power: float) -> float:
    """Manual: the duty set. Auto: the captured duty, more as the ASIC warms past target."""
    if state.auto_fan == 0:
        return float(state.manual_fan)
    if state.auto_fan == 1 and spec.firmware.name == "NerdOS":
        return 100.0  # NerdOS migrates the deprecated classic AFC to manual 100 %
    base = _ref(spec.info, "fanspeed", 50.0)
    target_shift = (_ref(spec.info, "temptarget", 60.0) - state.temp_target) * 4.0
    return max(25.0, min(100.0, base * power / spec.reference_power + target_shift))


def _averages(info: dict[str, object], hashrate: float) -> dict[str, float]:
    """Each window the capture has, in the capture's proportion to its current rate."""
    now = _ref(info, "hashRate", 1.0)
    result = {}
    for window in ("1m", "10m", "1h", "1d"):
        value = info.get(f"hashRate_{window}")
        if isinstance(value, int | float):
            result[window] = round(hashrate * value / now, 4)
    return result
