"""What a LuxOS poll offers to change: the profile (as a preset and as a power target on
the profiles' watts), the fan speed, ATM and each hashboard, as the miner reports them."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Final

from ...settings import (
    Choice,
    ChoiceKey,
    Number,
    NumberKey,
    Settings,
    SwitchKey,
    Toggle,
    hashboard_key,
)
from . import replies
from .profiles import Profile, by_name, power_steps

FAN_MIN: Final = 0  # fanset speed, % (pyasic rpc/luxminer.py: -1 is automatic)
FAN_MAX: Final = 100


def settings(
    config: Mapping[str, Any] | None,
    fans: Mapping[str, Any] | None,
    devs: Mapping[str, Any] | None,
    profiles: Sequence[Profile],
) -> Settings:
    found = Settings()
    chosen = by_name(profiles, replies.current_profile(config))
    if profiles:
        found.choices[ChoiceKey.PRESET] = Choice(
            current=chosen.option if chosen else None,
            options=tuple(p.option for p in profiles),
            restarts_mining=True,  # the boards ramp to the new profile (docs: profileset)
        )
    steps = power_steps(profiles)
    if steps:
        low, high = steps[0].watts or 0, steps[-1].watts or 0
        found.numbers[NumberKey.POWER_TARGET] = Number(
            value=chosen.watts if chosen else None,
            minimum=low,
            maximum=high,
            unit="W",
            restarts_mining=True,
            attributes=(("profile", chosen.name),) if chosen else (),
            steps=tuple(float(p.watts or 0) for p in steps),
        )
    speed = replies.fan_percent(fans)
    if speed is not None:
        found.numbers[NumberKey.FAN_SPEED] = Number(
            value=speed, minimum=FAN_MIN, maximum=FAN_MAX, unit="%"
        )
    atm = replies.atm_enabled(config)
    if atm is not None:
        found.switches[SwitchKey.ATM] = Toggle(on=atm)
    for board, shut_down in sorted(replies.user_shutdown(devs).items()):
        found.switches[hashboard_key(board)] = Toggle(on=not shut_down)
    return found
