"""What a VNish poll offers to change: the preset, the power target (a tuned preset) and
the throttle (v1.3 on), bounded by what the miner reports."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Final

from ...config import PoolConfig
from ...settings import Choice, ChoiceKey, Number, NumberKey, Settings
from . import replies
from .presets import Preset, by_name, tuned_steps

THROTTLE_MIN: Final = 20  # ThrottleSettings.percent, v1.3.4 schema: 20..100
THROTTLE_MAX: Final = 100
POOL_SLOTS: Final = 3  # MinerConfigRaw.pools holds three (prefixItems)
_TCP: Final = "stratum+tcp://"


def settings(
    summary: Mapping[str, Any] | None, presets: Sequence[Preset], current: str | None
) -> Settings:
    found = Settings()
    chosen = by_name(presets, current)
    if presets:
        found.choices[ChoiceKey.PRESET] = Choice(
            current=chosen.option if chosen else None,
            options=tuple(p.option for p in presets),
            restarts_mining=True,  # the miner restarts mining on the new preset
        )
    steps = tuned_steps(presets)
    if steps:
        low, high = steps[0].watts or 0, steps[-1].watts or 0
        watts = chosen.watts if chosen else None
        found.numbers[NumberKey.POWER_TARGET] = Number(
            # an untuned preset outside the tuned ones' range has no place on the scale
            value=watts if watts is not None and low <= watts <= high else None,
            minimum=low,
            maximum=high,
            unit="W",
            restarts_mining=True,
            attributes=(("preset", chosen.option),) if chosen else (),
            steps=tuple(float(p.watts or 0) for p in steps),
        )
    throttle = replies.throttle(summary)
    if throttle is not None:
        found.numbers[NumberKey.THROTTLE] = Number(
            value=throttle, minimum=THROTTLE_MIN, maximum=THROTTLE_MAX, unit="%"
        )
    return found


def preset_body(settings_reply: Mapping[str, Any] | None, preset: Preset) -> dict[str, Any]:
    """The overclock section as the miner holds it with the new preset (pyasic and asic-rs
    send the whole section back, so its globals and chains stay)."""
    miner = (settings_reply or {}).get("miner")
    overclock = miner.get("overclock") if isinstance(miner, Mapping) else None
    section = dict(overclock) if isinstance(overclock, Mapping) else {}
    section["preset"] = preset.name
    return {"miner": {"overclock": section}}


def firmware_url(url: str) -> str:
    """The firmware keeps stratum+tcp pools as host:port (its summary shows them so)."""
    stripped = url.strip()
    return stripped.removeprefix(_TCP) if stripped.startswith(_TCP) else stripped


def pools_body(
    wanted: Sequence[PoolConfig], settings_reply: Mapping[str, Any] | None
) -> dict[str, Any]:
    """miner.pools; a password left at PoolConfig's default keeps the one the miner has
    for the same URL and user (its settings return them)."""
    default = PoolConfig("", "").password
    held: dict[tuple[str, str], str] = {}
    miner = (settings_reply or {}).get("miner")
    items = miner.get("pools") if isinstance(miner, Mapping) else None
    for item in items if isinstance(items, list) else []:
        if isinstance(item, Mapping) and isinstance(item.get("pass"), str):
            held[(str(item.get("url")), str(item.get("user")))] = item["pass"]
    pools = []
    for pool in wanted:
        url, user = firmware_url(pool.url), pool.user.strip()
        password = pool.password
        if password == default:
            password = held.get((url, user), password)
        pools.append({"url": url, "user": user, "pass": password})
    return {"miner": {"pools": pools}}


def config_pools(settings_reply: Mapping[str, Any] | None) -> list[PoolConfig]:
    miner = (settings_reply or {}).get("miner")
    items = miner.get("pools") if isinstance(miner, Mapping) else None
    result = []
    for item in items if isinstance(items, list) else []:
        if not isinstance(item, Mapping):
            continue
        url = replies.pool_url(item.get("url"))
        if url is None:
            continue
        password = item.get("pass")
        result.append(
            PoolConfig(
                url=url,
                user=str(item.get("user") or ""),
                password=password if isinstance(password, str) else PoolConfig("", "").password,
            )
        )
    return result
