"""Settings a firmware offers beyond the common controls, as data read with each poll.

A poll carries what the miner lets a user change, with its current value and the choices
or bounds the miner itself reports (an ESP-Miner's frequency list from ``/api/system/asic``,
an Avalon's work modes under the model's own names). ``Miner.set_choice``, ``set_number``,
``set_text``, ``press`` and ``set_light`` change them; a key the poll does not carry is
not offered (UnsupportedOperation), a value outside the choices or bounds is a ValueError
raised before anything is sent.

Keys are one vocabulary for every family: Home Assistant names an entity after its key,
so two families that mean the same setting use the same key.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum


class ChoiceKey(StrEnum):
    """Settings chosen from a list the miner offers (select entities)."""

    FREQUENCY = "frequency"  # MHz, options as the ASIC reports them
    CORE_VOLTAGE = "core_voltage"  # mV
    FAN_MODE = "fan_mode"  # FanChoice values
    WORK_MODE = "work_mode"  # the model's own mode names (Avalon: heating / mining / night …)
    WORK_LEVEL = "work_level"
    ACTIVE_POOL = "active_pool"  # the pool in use, switched at run time
    # What the tuner holds (Braiins OS): PerformanceMode values.
    PERFORMANCE_MODE = "performance_mode"
    PRESET = "preset"  # a tuning preset under the firmware's own names (VNish)
    COOLING_MODE = "cooling_mode"  # CoolingMode values, where the firmware offers them
    POWER_PLAN = "power_plan"  # the miner's own list of clock/voltage plans (Goldshell)


class FanChoice(StrEnum):
    AUTO = "auto"  # the firmware holds a target temperature
    MANUAL = "manual"  # a fixed speed in percent


class PerformanceMode(StrEnum):
    """What an autotuner holds constant."""

    POWER_TARGET = "power_target"
    HASHRATE_TARGET = "hashrate_target"


class CoolingMode(StrEnum):
    AUTO = "auto"  # fans follow a target temperature
    MANUAL = "manual"  # fans at a fixed speed
    IMMERSION = "immersion"  # no fans (immersion or hydro cooling)


class NumberKey(StrEnum):
    """Settings set as a number within the miner's bounds (number entities)."""

    FAN_SPEED = "fan_speed"  # %
    TARGET_TEMPERATURE = "target_temperature"  # °C
    # W the firmware's tuner holds (Braiins OS), or the highest tuned preset at or below
    # it is chosen (VNish; ``Number.attributes`` names the preset).
    POWER_TARGET = "power_target"
    HASHRATE_TARGET = "hashrate_target"  # TH/s the tuner holds (Braiins OS)
    THROTTLE = "throttle"  # % of the preset's hashrate (VNish)


class TextKey(StrEnum):
    """Settings set as text (text entities)."""

    HOSTNAME = "hostname"


class SwitchKey(StrEnum):
    """Settings turned on or off (switch entities)."""

    ATM = "atm"  # the firmware's thermal management steps the profile (LuxOS ATM)
    # One board mining or shut down: one key per board, ``hashboard_key(slot)``.
    HASHBOARD = "hashboard"


def hashboard_key(slot: int) -> str:
    """The switch key of the board in ``slot`` (counting from 0): "hashboard_0"."""
    return f"{SwitchKey.HASHBOARD}_{slot}"


def hashboard_slot(key: str) -> int | None:
    """The slot a ``hashboard_key`` names, None for any other key."""
    prefix, _, slot = key.rpartition("_")
    if prefix != SwitchKey.HASHBOARD or not slot.isdigit() or slot != str(int(slot)):
        return None
    return int(slot)


class ActionKey(StrEnum):
    """One-shot actions beyond the common controls (button entities)."""

    IDENTIFY = "identify"  # the device shows itself (ESP-Miner: display and LED)
    FILTER_CLEAN = "filter_clean"  # reset the filter-cleaning reminder (Avalon home models)


@dataclass(frozen=True, slots=True)
class Choice:
    """A setting with its current option and every option the miner accepts."""

    current: str | None
    options: tuple[str, ...]
    # Changing it restarts mining (a few minutes without hashrate): UIs say so.
    restarts_mining: bool = False
    # The options run from the least power drawn to the most (Avalon Nano 3S low / mid /
    # high): the fleet's power budget and the heater step through them.
    ascending_power: bool = False

    def check(self, key: str, option: str) -> str:
        """``option`` if the miner accepts it, else ValueError naming the options."""
        if option not in self.options:
            raise ValueError(f"{key} must be one of {', '.join(self.options)}, not {option!r}")
        return option


@dataclass(frozen=True, slots=True)
class Number:
    """A setting with its current value and the bounds the miner accepts."""

    value: float | None
    minimum: float
    maximum: float
    step: float = 1.0
    unit: str | None = None  # "%", "°C", "W", "MHz", "mV", "TH/s"
    restarts_mining: bool = False
    # What the value means on this firmware, shown beside it: (("preset", "3495 W"),).
    attributes: tuple[tuple[str, str | float], ...] = ()
    # The only values that take effect, lowest first, where the firmware has a few (VNish:
    # its tuned presets' watts); empty: any value within the bounds, at ``step``.
    steps: tuple[float, ...] = ()

    def check(self, key: str, value: float) -> float:
        """``value`` if within the bounds, else ValueError naming them."""
        if not self.minimum <= value <= self.maximum:
            unit = f" {self.unit}" if self.unit else ""
            raise ValueError(
                f"{key} must be between {self.minimum:g} and {self.maximum:g}{unit}, not {value:g}"
            )
        return value


@dataclass(frozen=True, slots=True)
class Text:
    """A text setting: its value and the longest the firmware takes."""

    value: str | None
    max_length: int = 32
    pattern: str | None = None  # a regular expression the value must match whole

    def check(self, key: str, value: str) -> str:
        if not value or len(value) > self.max_length:
            raise ValueError(f"{key} must be 1 to {self.max_length} characters long")
        if self.pattern is not None and not re.fullmatch(self.pattern, value):
            raise ValueError(f"{key} {value!r} has characters the miner does not accept")
        return value


@dataclass(frozen=True, slots=True)
class Toggle:
    """A setting that is on or off: its state now (None: the miner does not say)."""

    on: bool | None
    # Changing it restarts mining (a few minutes without hashrate): UIs say so.
    restarts_mining: bool = False


@dataclass(frozen=True, slots=True)
class LightState:
    """A decorative light the miner has (Avalon Nano 3S RGB): what it shows now."""

    on: bool | None
    brightness: int | None = None  # 0 to 100 %
    rgb: tuple[int, int, int] | None = None
    effect: str | None = None
    effects: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class LightChange:
    """What to change on the light; None leaves that part as it is."""

    on: bool | None = None
    brightness: int | None = None
    rgb: tuple[int, int, int] | None = None
    effect: str | None = None


@dataclass(slots=True)
class Settings:
    """Everything a poll found settable, keyed by the vocabularies above."""

    choices: dict[str, Choice] = field(default_factory=dict)
    numbers: dict[str, Number] = field(default_factory=dict)
    texts: dict[str, Text] = field(default_factory=dict)
    switches: dict[str, Toggle] = field(default_factory=dict)
    actions: tuple[str, ...] = ()
    light: LightState | None = None
