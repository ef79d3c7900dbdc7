"""State changes behind the Whatsminer write commands, shared by API V2 and V3."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .state import NO_POWER_LIMIT, POWER_MODES, pad_pools

if TYPE_CHECKING:
    from .miner import WhatsminerMiner


class ActionError(Exception):
    """Bad parameters: V2 answers 14 "invalid cmd" / V3 -2."""


def _int(value: Any, low: int, high: int) -> int:
    try:
        number = int(str(value).strip())
    except ValueError:
        raise ActionError(f"not a number: {value!r}") from None
    if not low <= number <= high:
        raise ActionError(f"{number} outside {low}..{high}")
    return number


def power_off(miner: WhatsminerMiner) -> None:
    miner.state.mining = False


def power_on(miner: WhatsminerMiner) -> None:
    if not miner.state.mining:
        miner.state.mining = True
        miner.state.btminer_started_at = miner.clock.monotonic()


def restart_btminer(miner: WhatsminerMiner, seconds: float = 0.0) -> None:
    """btminer starts again, answering its reads after ``seconds`` (0: at once)."""
    miner.state.mining = True
    miner.state.btminer_started_at = miner.state.btminer_back_at = miner.clock.monotonic() + seconds


def btminer_restarting(miner: WhatsminerMiner) -> bool:
    return miner.clock.monotonic() < miner.state.btminer_back_at


def set_led(miner: WhatsminerMiner, led: Any) -> None:
    """ "auto" gives the LED back to the firmware; anything else forces it (fault light on)."""
    if led == "auto":
        miner.state.led, miner.state.fault_light = "auto", False
        return
    if isinstance(led, dict):
        led = [led]
    if not isinstance(led, list) or not led:
        raise ActionError("bad LED setting")
    for item in led:
        if not isinstance(item, dict) or str(item.get("color", "")).lower() not in (
            "red",
            "green",
        ):
            raise ActionError("LED colour must be red or green")
        for key in ("period", "duration", "start"):
            _int(item.get(key, 0), 0, 100000)
    miner.state.led = led[0] if len(led) == 1 else {"leds": led}
    miner.state.fault_light = True


def set_power_mode(miner: WhatsminerMiner, mode: str) -> None:
    if mode not in POWER_MODES:
        raise ActionError(f"unknown power mode {mode!r}")
    miner.state.power_mode = mode


def set_power_limit(miner: WhatsminerMiner, value: Any) -> None:
    low, high = miner.spec.power_limit_range
    number = _int(value, 0, NO_POWER_LIMIT)
    if number == NO_POWER_LIMIT:
        miner.state.power_limit = high
        return
    if not low <= number <= high:
        raise ActionError(f"power limit {number} W outside {low}..{high}")
    miner.state.power_limit = number


def set_power_pct(miner: WhatsminerMiner, value: Any) -> None:
    miner.state.power_pct = _int(value, 0, 100)


def set_target_freq(miner: WhatsminerMiner, value: Any) -> None:
    miner.state.target_freq = _int(value, -10, 100)


def set_temp_offset(miner: WhatsminerMiner, value: Any) -> None:
    miner.state.temp_offset = _int(value, -30, 0)


def set_upfreq_speed(miner: WhatsminerMiner, value: Any) -> None:
    miner.state.upfreq_speed = _int(value, 0, 9)


def set_hostname(miner: WhatsminerMiner, value: Any) -> None:
    name = str(value or "").strip()
    if not name or len(name) > 63 or not all(c.isalnum() or c in "-_." for c in name):
        raise ActionError("bad hostname")
    miner.state.hostname = name


def update_pools(miner: WhatsminerMiner, pools: list[dict[str, Any]]) -> None:
    if not pools or not str(pools[0].get("url", "")).strip():
        raise ActionError("pool 1 needs a URL")
    miner.state.pools = pad_pools(pools)
