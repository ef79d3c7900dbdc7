"""What an ESP-Miner build lets a user change, and the PATCH bodies that change it.

Features are read from the info reply itself wherever a field tells (``miningPaused`` comes
with pause/resume in v2.14, ``pools`` with pool slots in v2.15, ``manualFanSpeed`` with the
v2.11 rename of the fan key), from the version where none does (identify, v2.12).
Bounds are the firmware's: main/nvs_config.c (v2.12, v2.15: hostname 1-32 characters,
manualFanSpeed 0-100, temptarget 35-66) and the NerdOS web UI (pidTargetTemp 30-80,
main/http_server/axe-os/src/app/pages/edit/edit.component.ts).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from ...config import FanConfig, FanMode, MinerConfig, MiningMode, MiningModeConfig, PoolConfig
from ...pool_url import pool_url_parts, url_without_credentials
from ...settings import (
    ActionKey,
    Choice,
    ChoiceKey,
    FanChoice,
    Number,
    NumberKey,
    Settings,
    Text,
    TextKey,
)
from ...validation import check_pool
from ..values import text, to_float, to_int
from . import replies
from .models import UI_FREQUENCIES, UI_VOLTAGES
from .replies import Flavour

HOSTNAME_MAX = 32
# Host names as DHCP and mDNS carry them; the firmware stores any text, but a space or a
# dot in a host name breaks its own .local address. Captures show "_" in use.
HOSTNAME_PATTERN = r"[A-Za-z0-9]([A-Za-z0-9_-]*[A-Za-z0-9])?"
TEMP_TARGET_AXEOS = (35, 66)
TEMP_TARGET_NERDOS = (30, 80)
_PLAIN = frozenset({"stratum+tcp", "tcp", "stratum"})
_TLS = frozenset({"stratum+ssl", "stratum+tls", "ssl", "tls"})


@dataclass(frozen=True, slots=True)
class Features:
    flavour: Flavour
    version: tuple[int, int, int] | None
    pause: bool  # POST /api/system/pause and /resume
    identify: bool  # POST /api/system/identify
    pool_slots: bool  # PATCH {"pools": [{"id": …}]} with primary/secondary slot indexes
    asic_endpoint: bool | None  # None: not known before asking
    fan_key: str  # PATCH key of the manual fan duty
    temp_key: str | None  # PATCH key of the auto-fan target temperature
    temp_bounds: tuple[int, int]
    fan_auto: int  # the autofanspeed value of automatic control (NerdOS: 2, its PID)
    tls: bool  # stratumTLS: pools over TLS (v2.13, NerdOS)

    @property
    def restart_for_pools(self) -> bool:
        """AxeOS reads its pools at boot only (its web UI says "You must restart this
        device"); NerdOS reconnects after the PATCH (StratumManager::loadSettings)."""
        return self.flavour is not Flavour.NERDOS


def features(info: Mapping[str, Any]) -> Features:
    kind = replies.flavour(info)
    release = replies.version(info)
    upstream = kind is Flavour.AXEOS
    if kind is Flavour.NERDOS:
        target = to_int(info.get("pidTargetTemp"))
        temp_key = "pidTargetTemp" if target is not None and target >= 0 else None
    else:
        temp_key = "temptarget" if "temptarget" in info else None
    return Features(
        flavour=kind,
        version=release,
        pause="miningPaused" in info,
        identify=upstream and release is not None and release >= (2, 12, 0),
        pool_slots=isinstance(info.get("pools"), list) and "primaryPoolIndex" in info,
        asic_endpoint=(release >= (2, 7, 0)) if upstream and release is not None else None,
        fan_key="manualFanSpeed" if "manualFanSpeed" in info else "fanspeed",
        temp_key=temp_key,
        temp_bounds=TEMP_TARGET_NERDOS if kind is Flavour.NERDOS else TEMP_TARGET_AXEOS,
        fan_auto=2 if kind is Flavour.NERDOS else 1,
        tls="stratumTLS" in info,
    )


def _choice(current: Any, offered: Sequence[int | float]) -> Choice:
    """The firmware's options, with the value it runs at added when it is none of them
    (AxeOS's own UI lists it as "(Custom)": edit.component.ts getDropdownFrequency)."""
    values = list(offered)
    now = to_float(current)
    if now is not None and now > 0 and now not in values:
        values.append(int(now) if now.is_integer() else now)
    names = tuple(dict.fromkeys(replies.option_text(v) for v in sorted(values)))
    return Choice(current=replies.option_text(now) if now else None, options=names)


def settings(info: Mapping[str, Any], feats: Features, asic: Mapping[str, Any] | None) -> Settings:
    model = str(info.get("ASICModel") or "")
    frequencies = replies.options(asic, "frequencyOptions") or UI_FREQUENCIES.get(model, ())
    voltages = replies.options(asic, "voltageOptions") or UI_VOLTAGES.get(model, ())
    choices: dict[str, Choice] = {}
    if frequencies:
        choices[ChoiceKey.FREQUENCY] = _choice(info.get("frequency"), frequencies)
    if voltages:
        choices[ChoiceKey.CORE_VOLTAGE] = _choice(info.get("coreVoltage"), voltages)
    auto = to_int(info.get("autofanspeed"))
    if auto is not None:
        mode = FanChoice.MANUAL if auto == 0 else FanChoice.AUTO
        choices[ChoiceKey.FAN_MODE] = Choice(mode, tuple(FanChoice))
    numbers: dict[str, Number] = {}
    duty = to_float(info.get(feats.fan_key))
    numbers[NumberKey.FAN_SPEED] = Number(
        duty if duty is not None and 0 <= duty <= 100 else None, 0, 100, 1, "%"
    )
    if feats.temp_key is not None:
        low, high = feats.temp_bounds
        target = to_float(info.get(feats.temp_key))
        valid = target is not None and low <= target <= high
        numbers[NumberKey.TARGET_TEMPERATURE] = Number(
            target if valid else None, low, high, 1, "°C"
        )
    texts: dict[str, Text] = {
        TextKey.HOSTNAME: Text(text(info.get("hostname")), HOSTNAME_MAX, HOSTNAME_PATTERN)
    }
    actions = (ActionKey.IDENTIFY,) if feats.identify else ()
    return Settings(choices=choices, numbers=numbers, texts=texts, actions=actions)


# -- PATCH bodies ------------------------------------------------------------------------


def choice_body(key: str, option: str, feats: Features) -> dict[str, Any]:
    if key == ChoiceKey.FREQUENCY:
        value = float(option)
        return {"frequency": int(value) if value.is_integer() else value}
    if key == ChoiceKey.CORE_VOLTAGE:
        return {"coreVoltage": int(float(option))}
    return {"autofanspeed": feats.fan_auto if option == FanChoice.AUTO else 0}


def number_body(key: str, value: float, feats: Features) -> dict[str, Any]:
    if key == NumberKey.FAN_SPEED:
        # A duty only holds in manual mode: setting one switches the fan to it.
        return {"autofanspeed": 0, feats.fan_key: round(value)}
    assert feats.temp_key is not None
    return {feats.temp_key: round(value)}


# -- pools ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PoolTarget:
    host: str
    port: int
    user: str
    password: str = field(repr=False)
    tls: int = 0


def pool_target(pool: PoolConfig, number: int, feats: Features) -> PoolTarget:
    """A pool as AxeOS keeps it (host, port, TLS apart); ValueError for what it cannot."""
    check_pool(pool, number)
    url = pool.url.strip()
    parts = pool_url_parts(url)
    shown = url_without_credentials(url)
    scheme = (parts.scheme or "stratum+tcp").lower()
    if scheme in _TLS and not feats.tls:
        raise ValueError(f"pool {number}: this firmware has no TLS pools: {shown!r}")
    if scheme not in _PLAIN | _TLS:
        raise ValueError(
            f"pool {number} URL must start with stratum+tcp:// (or stratum+ssl://), not {scheme}://"
        )
    rest = url.split("://", 1)[-1]
    if "@" in rest.split("/", 1)[0]:
        raise ValueError(f"pool {number} URL must not carry a login; give it as the user")
    if "/" in rest:
        raise ValueError(f"pool {number} URL must end with its port: {shown!r}")
    host = parts.host.strip("[]")
    return PoolTarget(
        host, int(parts.port or 0), pool.user.strip(), pool.password, int(scheme in _TLS)
    )


def pools_body(
    targets: Sequence[PoolTarget], feats: Features, info: Mapping[str, Any]
) -> dict[str, Any]:
    if feats.pool_slots:
        slots = (to_int(info.get("primaryPoolIndex")) or 0, to_int(info.get("secondaryPoolIndex")))
        entries = []
        for index, target in enumerate(targets):
            slot = slots[index] if slots[index] is not None else index
            entries.append(
                {
                    "id": slot,
                    "stratumURL": target.host,
                    "stratumPort": target.port,
                    "stratumUser": target.user,
                    "stratumPassword": target.password,
                    "stratumTLS": target.tls,
                }
            )
        return {"pools": entries}
    body: dict[str, Any] = {}
    for prefix, target in zip(("stratum", "fallbackStratum"), targets, strict=False):
        body[f"{prefix}URL"] = target.host
        body[f"{prefix}Port"] = target.port
        body[f"{prefix}User"] = target.user
        body[f"{prefix}Password"] = target.password
        if feats.tls:
            tls = bool(target.tls) if feats.flavour is Flavour.NERDOS else target.tls
            body[f"{prefix}TLS"] = tls
    return body


def config_from(info: Mapping[str, Any], feats: Features) -> MinerConfig:
    """Pools (their passwords are never shown: PoolConfig's default), fan, paused or not."""
    found = [PoolConfig(url=p.url, user=p.user or "") for p in replies.pools(info) if p.url]
    auto = to_int(info.get("autofanspeed"))
    duty = replies.percent(info.get(feats.fan_key))
    fan = FanConfig(FanMode.MANUAL, duty) if auto == 0 else FanConfig()
    paused = info.get("miningPaused") is True or info.get("shutdown") is True
    mode = MiningModeConfig(MiningMode.SLEEP if paused else MiningMode.NORMAL)
    return MinerConfig(pools=found, fan=fan, mining_mode=mode)
