"""What an Avalon lets a user change (MinerData.settings), and the checks before a change.

Which settings a model has comes from its row (models.py), their current values from the
poll's tokens: WORKMODE, WORKLEVEL, FanR, TarT, the Stratum Active pool, LEDUser.
"""

from __future__ import annotations

from typing import Final

from ...data import Pool
from ...errors import UnsupportedOperation
from ...settings import (
    ActionKey,
    Choice,
    ChoiceKey,
    FanChoice,
    LightChange,
    LightState,
    Number,
    NumberKey,
    Settings,
)
from .models import FAN_PERCENT_RANGE, AvalonModel
from .replies import Estats

# ledset effects (mm_miner.h LED_EFFECT): 0 dark, 1 one colour, 2 blink, 3 breath, 4 cycle.
LIGHT_EFFECTS: Final[dict[str, int]] = {"static": 1, "flash": 2, "breath": 3, "loop": 4}
LIGHT_OFF: Final = 0
_EFFECT_NAMES: Final = {number: name for name, number in LIGHT_EFFECTS.items()}
FAN_MODES: Final = (FanChoice.AUTO.value, FanChoice.MANUAL.value)
FAN_AUTO: Final = -1  # fan-spd -1: the firmware's own control


def settings(model: AvalonModel | None, figures: Estats | None, pools: list[Pool]) -> Settings:
    found = Settings()
    if model is None:
        return found
    mode = figures.whole("WORKMODE") if figures else None
    level = figures.whole("WORKLEVEL") if figures else None
    if model.work_modes:
        current = (
            model.work_modes[mode]
            if mode is not None and 0 <= mode < len(model.work_modes)
            else None
        )
        found.choices[ChoiceKey.WORK_MODE] = Choice(
            current, model.work_modes, ascending_power=model.power_steps is ChoiceKey.WORK_MODE
        )
    if model.work_levels:
        named = next((name for name, value in model.work_levels.items() if value == level), None)
        found.choices[ChoiceKey.WORK_LEVEL] = Choice(
            named,
            tuple(model.work_levels),
            ascending_power=model.power_steps is ChoiceKey.WORK_LEVEL,
        )
    if model.fan_control:
        # The firmware reports the duty (FanR), not whether it was set by hand.
        found.choices[ChoiceKey.FAN_MODE] = Choice(None, FAN_MODES)
        percent = figures.value("FanR") if figures else None
        low, high = FAN_PERCENT_RANGE
        found.numbers[NumberKey.FAN_SPEED] = Number(percent, low, high, 1.0, "%")
    if model.target_temperature is not None:
        low, high = model.target_temperature
        target = figures.value("TarT") if figures else None
        found.numbers[NumberKey.TARGET_TEMPERATURE] = Number(target, low, high, 1.0, "°C")
    if pools:
        active = next((str(p.index) for p in pools if p.active), None)
        found.choices[ChoiceKey.ACTIVE_POOL] = Choice(active, tuple(str(p.index) for p in pools))
    if model.filter_clean:
        found.actions = (ActionKey.FILTER_CLEAN,)
    if model.rgb_light:
        found.light = light_state(figures)
    return found


def light_state(figures: Estats | None) -> LightState:
    """LEDUser[effect-bright-temper-r-g-b] (driver-avalon.c avalon_api_stats)."""
    effects = tuple(LIGHT_EFFECTS)
    parts = _light_parts(figures)
    if parts is None:
        return LightState(on=None, effects=effects)
    effect, bright, _, red, green, blue = parts
    return LightState(
        on=effect != LIGHT_OFF,
        brightness=bright if 0 <= bright <= 100 else None,
        rgb=(red, green, blue),
        effect=_EFFECT_NAMES.get(effect),
        effects=effects,
    )


def _light_parts(figures: Estats | None) -> tuple[int, int, int, int, int, int] | None:
    raw = figures.get("LEDUser") if figures else None
    try:
        values = [int(part) for part in (raw or "").split("-")]
    except ValueError:
        return None
    if len(values) != 6:
        return None
    return values[0], values[1], values[2], values[3], values[4], values[5]


def check_light_change(change: LightChange) -> None:
    """ValueError for a change the light cannot show, before anything is sent."""
    if not isinstance(change, LightChange):
        raise ValueError(f"a light change must be a LightChange, not {type(change).__name__}")
    if change.brightness is not None and not (
        isinstance(change.brightness, int) and 0 <= change.brightness <= 100
    ):
        raise ValueError(
            f"brightness must be a whole number from 0 to 100, not {change.brightness!r}"
        )
    if change.rgb is not None and (
        len(change.rgb) != 3
        or not all(
            isinstance(c, int) and not isinstance(c, bool) and 0 <= c <= 255 for c in change.rgb
        )
    ):
        raise ValueError(f"rgb must be three whole numbers from 0 to 255, not {change.rgb!r}")
    if change.effect is not None and change.effect not in LIGHT_EFFECTS:
        raise ValueError(f"effect must be one of {', '.join(LIGHT_EFFECTS)}, not {change.effect!r}")


def ledset_parameter(figures: Estats | None, change: LightChange) -> str:
    """``effect-bright-temper-r-g-b`` for ``ascset|0,ledset,…``: the change over what shows."""
    effect, bright, temper, red, green, blue = _light_parts(figures) or (
        LIGHT_OFF,
        100,
        50,
        255,
        255,
        255,
    )
    if change.on is False:
        effect = LIGHT_OFF
    elif change.effect is not None:
        effect = LIGHT_EFFECTS[change.effect]
    elif change.on and effect == LIGHT_OFF:
        effect = LIGHT_EFFECTS["static"]
    if change.brightness is not None:
        bright = change.brightness
    if change.rgb is not None:
        red, green, blue = change.rgb
    return f"{effect}-{bright}-{temper}-{red}-{green}-{blue}"


def require(found: Settings, kind: str, key: str, firmware: str) -> None:
    """UnsupportedOperation unless the model has the setting ``key``."""
    present = {
        "choice": key in found.choices,
        "number": key in found.numbers,
        "action": key in found.actions,
        "light": found.light is not None,
    }[kind]
    if not present:
        raise UnsupportedOperation(key, firmware)
