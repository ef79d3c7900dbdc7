"""Argument checks every backend makes before it sends anything to the miner.

A malformed value raises ValueError (the driver's error for bad arguments); more pools
than the firmware has slots for raises UnsupportedOperation. Messages never quote a
password: a pool URL is shown without its login.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .config import FanConfig, FanMode, MinerConfig, MiningMode, MiningModeConfig, PoolConfig
from .errors import UnsupportedOperation
from .pool_url import pool_url_parts, url_without_credentials

# stratum+tcp, stratum+ssl, stratum2+tcp, stratum+tcp+tls …; tcp/ssl/tls as some firmware lists.
_SCHEME = re.compile(r"(stratum\d*(\+[a-z0-9]+)*|tcp|ssl|tls)", re.IGNORECASE)
_HOST = re.compile(r"[A-Za-z0-9]([A-Za-z0-9._-]*[A-Za-z0-9])?|\[[0-9A-Fa-f:.]+\]")
_PORT = re.compile(r"[0-9]{1,5}")
_HAS_SPACE = re.compile(r"[\s\x00-\x1f\x7f]")


def check_pool_url(url: str, number: int = 1) -> str:
    """``url`` without surrounding spaces if a miner can use it, else ValueError."""
    if not isinstance(url, str) or not url.strip():
        raise ValueError(f"pool {number} has no URL")
    url = url.strip()
    shown = url_without_credentials(url)
    if _HAS_SPACE.search(url):
        raise ValueError(f"pool {number} URL must not contain spaces: {shown!r}")
    parts = pool_url_parts(url)
    if parts.scheme is not None and not _SCHEME.fullmatch(parts.scheme):
        raise ValueError(
            f"pool {number} URL must start with stratum+tcp:// (or another stratum scheme), "
            f"not {parts.scheme}://"
        )
    if not _HOST.fullmatch(parts.host):
        raise ValueError(f"pool {number} URL has no valid host: {shown!r}")
    if parts.port is None:
        if parts.scheme is not None and parts.scheme.lower().startswith("stratum2"):
            return url  # Stratum V2 (BOSminer's default pool): the port is the scheme's own
        raise ValueError(f"pool {number} URL needs a port (host:port): {shown!r}")
    if not _PORT.fullmatch(parts.port) or not 1 <= int(parts.port) <= 65535:
        raise ValueError(f"pool {number} port must be between 1 and 65535: {shown!r}")
    return url


def check_pool(pool: PoolConfig, number: int = 1) -> None:
    """One pool: a usable URL, a user (worker), a password that is text."""
    if not isinstance(pool, PoolConfig):
        raise ValueError(f"pool {number} must be a PoolConfig, not {type(pool).__name__}")
    check_pool_url(pool.url, number)
    if not isinstance(pool.user, str) or not pool.user.strip():
        raise ValueError(f"pool {number} has no user (worker name)")
    if not isinstance(pool.password, str):
        raise ValueError(f"pool {number} password must be text")


def check_each_pool(pools: Sequence[PoolConfig]) -> None:
    """Every pool (the error names the first bad one by its number)."""
    for number, pool in enumerate(pools, start=1):
        check_pool(pool, number)


def check_pools(pools: Sequence[PoolConfig], slots: int, firmware: str) -> None:
    """Every pool, and no more than the firmware's ``slots``."""
    if len(pools) > slots:
        raise UnsupportedOperation(f"{len(pools)} pools (it has {slots} pool slots)", firmware)
    check_each_pool(pools)


def check_config(config: MinerConfig, pool_slots: int, firmware: str) -> None:
    """Everything in ``config`` a backend sends: pools, fan, mining mode."""
    if not isinstance(config, MinerConfig):
        raise ValueError(f"the configuration must be a MinerConfig, not {type(config).__name__}")
    check_pools(config.pools, pool_slots, firmware)
    _check_fan(config.fan)
    _check_mining_mode(config.mining_mode)


def _check_fan(fan: FanConfig) -> None:
    if not isinstance(fan.mode, FanMode):
        raise ValueError(f"fan mode must be one of {', '.join(FanMode)}, not {fan.mode!r}")
    speed = _whole_or_none(fan.speed, "fan speed")
    if speed is not None and not 0 <= speed <= 100:
        raise ValueError(f"fan speed must be between 0 and 100 %, not {speed}")


def _check_mining_mode(mode: MiningModeConfig) -> None:
    if not isinstance(mode.mode, MiningMode):
        raise ValueError(f"mining mode must be one of {', '.join(MiningMode)}, not {mode.mode!r}")
    target = _whole_or_none(mode.power_target, "the power target")
    if target is not None and target < 1:
        raise ValueError(f"the power target must be positive, not {target} W")
    if mode.mode is MiningMode.POWER_TARGET and target is None:
        raise ValueError("a power target needs power_target in W")


def _whole_or_none(value: int | None, name: str) -> int | None:
    if value is not None and (isinstance(value, bool) or not isinstance(value, int)):
        raise ValueError(f"{name} must be a whole number, not {value!r}")
    return value
