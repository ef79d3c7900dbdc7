"""What Goldshell's firmware lets a user change, and the bodies that change it.

The power plan: ``PUT /mcb/setting`` with the whole setting read back and ``select`` set
to the plan's index (pyasic backends/goldshell.py sends it so). The plans are the miner's
own list: their ``info`` strings ("625 MHz 9100 V 40 RPM 40 RPM PV 9400") are the options;
the sleep plan (level 3, no clock) is the mining switch, not an option. Pools:
``PUT /mcb/delpool`` each listed pool, then ``PUT /mcb/newpool`` each new one, in order.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from typing import Any, Final

from ...settings import Choice, ChoiceKey, Settings
from . import replies

POOL_SLOTS: Final = 3  # the stock UI's three pool rows


def plan_options(setting: Mapping[str, Any] | None) -> tuple[str, ...]:
    return tuple(info for level, info in replies.plans(setting) if level != replies.SLEEP_LEVEL)


def settings(setting: Mapping[str, Any] | None) -> Settings:
    options = plan_options(setting)
    if not options:
        return Settings()
    index = replies.selected(setting)
    current = None
    if index is not None:
        level, info = replies.plans(setting)[index]
        current = None if level == replies.SLEEP_LEVEL else info
    return Settings(choices={ChoiceKey.POWER_PLAN: Choice(current, options)})


def with_select(setting: Mapping[str, Any], index: int) -> dict[str, Any]:
    body = copy.deepcopy(dict(setting))
    body["select"] = index
    return body


def index_of_plan(setting: Mapping[str, Any], info: str) -> int | None:
    return next(
        (
            i
            for i, (level, plan) in enumerate(replies.plans(setting))
            if plan == info and level != replies.SLEEP_LEVEL
        ),
        None,
    )
