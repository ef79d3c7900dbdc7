"""The Whatsminer API V2 commands as typed methods (docs/protocols.md §3.1).

Every write validates its arguments and raises ValueError before anything is sent.
``read(cmd, **params)`` and ``write(cmd, **params)`` (from :class:`BtminerV2Client`) reach
any command not wrapped here, like the seed library's ``get_read_only_info`` and
``exec_command``.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Sequence
from typing import Final, Literal

from ..config import PoolConfig, PowerMode
from ..validation import check_each_pool
from .btminer_v2 import BtminerV2Client
from .rpc import Reply

MAX_POOLS: Final = 3
PASSWORD_MAX_BYTES: Final = 8
NO_POWER_LIMIT: Final = 99999  # adjust_power_limit value that clears the limit
LED_COLORS: Final = ("red", "green")
LED_MAX_MS: Final = 100_000
HOSTNAME_MAX: Final = 63
PRE_POWER_ON_MESSAGES: Final = ("wait for adjust temp", "adjust complete", "adjust continue")

_PASSWORD = re.compile(r"^[A-Za-z0-9_]+$")
_HOSTNAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")

PrePowerOnMessage = Literal["wait for adjust temp", "adjust complete", "adjust continue"]


def _whole(value: object, name: str, low: int, high: int) -> int:
    """An int within low..high (bools and floats refused), else ValueError."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"{name} must be a whole number, not {value!r}")
    if not low <= value <= high:
        raise ValueError(f"{name} must be between {low} and {high}, not {value}")
    return value


def _flag(value: object, name: str) -> bool:
    if not isinstance(value, bool):
        raise ValueError(f"{name} must be True or False, not {value!r}")
    return value


def _ipv4(value: str, name: str) -> str:
    try:
        return str(ipaddress.IPv4Address(value))
    except ValueError:
        raise ValueError(f"{name} must be an IPv4 address, not {value!r}") from None


def check_hostname(hostname: str) -> str:
    if not (0 < len(hostname) <= HOSTNAME_MAX) or not _HOSTNAME.match(hostname):
        raise ValueError(
            f"hostname must be 1 to {HOSTNAME_MAX} letters, digits, '-', '_' or '.', "
            f"not {hostname!r}"
        )
    return hostname


def pool_params(pools: Sequence[PoolConfig]) -> dict[str, str]:
    """``update_pools`` parameters for one to three pools (empty strings pad the rest)."""
    if not 1 <= len(pools) <= MAX_POOLS:
        raise ValueError(f"Whatsminer takes 1 to {MAX_POOLS} pools, not {len(pools)}")
    check_each_pool(pools)
    params: dict[str, str] = {}
    for number in range(1, MAX_POOLS + 1):
        pool = pools[number - 1] if number <= len(pools) else None
        params[f"pool{number}"] = pool.url.strip() if pool else ""
        params[f"worker{number}"] = pool.user if pool else ""
        params[f"passwd{number}"] = pool.password if pool else ""
    return params


class BtminerV2Api(BtminerV2Client):
    """A V2 client with every documented command as a method."""

    # -- reads -----------------------------------------------------------------------------

    async def summary(self) -> Reply:
        return await self.read("summary")

    async def pools(self) -> Reply:
        return await self.read("pools")

    async def edevs(self) -> Reply:
        return await self.read("edevs")

    async def devs(self) -> Reply:
        return await self.read("devs")

    async def devdetails(self) -> Reply:
        return await self.read("devdetails")

    async def get_psu(self) -> Reply:
        return await self.read("get_psu")

    async def get_version(self) -> Reply:
        return await self.read("get_version")

    async def status(self) -> Reply:
        return await self.read("status")

    async def get_miner_info(self, info: Sequence[str] | None = None) -> Reply:
        """Network and identity; ``info`` limits it to some fields (``ip``, ``mac``, …)."""
        if info is None:
            return await self.read("get_miner_info")
        return await self.read("get_miner_info", info=",".join(info))

    async def get_error_code(self) -> Reply:
        return await self.read("get_error_code")

    # -- writes ----------------------------------------------------------------------------

    async def update_pools(self, pools: Sequence[PoolConfig]) -> Reply:
        return await self.write("update_pools", **pool_params(pools))

    async def restart_btminer(self) -> Reply:
        return await self.write("restart_btminer")

    async def power_off(self, *, respbefore: bool = True) -> Reply:
        """Stop mining; ``respbefore``: answer before stopping (else after)."""
        before = _flag(respbefore, "respbefore")
        return await self.write("power_off", respbefore="true" if before else "false")

    async def power_on(self) -> Reply:
        return await self.write("power_on")

    async def set_led_auto(self) -> Reply:
        """Give the LED back to the firmware."""
        return await self.write("set_led", param="auto")

    async def set_led(
        self, color: str, *, period: int = 1000, duration: int = 500, start: int = 0
    ) -> Reply:
        """Force the LED: ``color`` red|green, flashing every ``period`` ms, lit ``duration``
        ms from ``start`` ms into each period."""
        if color not in LED_COLORS:
            raise ValueError(f"LED color must be one of {', '.join(LED_COLORS)}, not {color!r}")
        _whole(period, "period", 1, LED_MAX_MS)
        _whole(duration, "duration", 0, period)
        _whole(start, "start", 0, period)
        return await self.write(
            "set_led", color=color, period=period, duration=duration, start=start
        )

    async def set_low_power(self) -> Reply:
        return await self.write("set_low_power")

    async def set_normal_power(self) -> Reply:
        return await self.write("set_normal_power")

    async def set_high_power(self) -> Reply:
        return await self.write("set_high_power")

    async def set_power_mode(self, mode: PowerMode | str) -> Reply:
        """``set_low_power`` / ``set_normal_power`` / ``set_high_power``."""
        try:
            chosen = PowerMode(mode)
        except ValueError:
            raise ValueError(f"power mode must be low, normal or high, not {mode!r}") from None
        return await self.write(f"set_{chosen.value}_power")

    async def reboot(self) -> Reply:
        return await self.write("reboot")

    async def factory_reset(self) -> Reply:
        return await self.write("factory_reset")

    async def update_pwd(self, old: str, new: str) -> Reply:
        """Change the admin password (at most 8 bytes of letters, digits, '_'); the client
        uses the new one from then on."""
        if not new or len(new.encode()) > PASSWORD_MAX_BYTES or not _PASSWORD.match(new):
            raise ValueError(
                f"the new password must be 1 to {PASSWORD_MAX_BYTES} letters, digits or '_'"
            )
        if not old:
            raise ValueError("the old password is needed")
        reply = await self.write("update_pwd", old=old, new=new)
        self.password = new
        return reply

    async def net_config_dhcp(self) -> Reply:
        return await self.write("net_config", param="dhcp")

    async def net_config(self, *, ip: str, mask: str, gate: str, dns: str, host: str) -> Reply:
        """A static address (``dns``: one or more addresses separated by spaces)."""
        params = {
            "ip": _ipv4(ip, "ip"),
            "mask": _ipv4(mask, "mask"),
            "gate": _ipv4(gate, "gate"),
            "dns": " ".join(_ipv4(part, "dns") for part in dns.split()),
            "host": check_hostname(host),
        }
        if not params["dns"]:
            raise ValueError("dns needs at least one address")
        return await self.write("net_config", **params)

    async def set_target_freq(self, percent: int) -> Reply:
        """Target frequency as a percentage offset, -10..100."""
        return await self.write(
            "set_target_freq", percent=str(_whole(percent, "percent", -10, 100))
        )

    async def set_fast_boot(self, enabled: bool) -> Reply:
        on = _flag(enabled, "enabled")
        return await self.write(f"{'enable' if on else 'disable'}_btminer_fast_boot")

    async def set_web_pools(self, enabled: bool) -> Reply:
        """Whether pools may be changed on the web page."""
        on = _flag(enabled, "enabled")
        return await self.write(f"{'enable' if on else 'disable'}_web_pools")

    async def set_hostname(self, hostname: str) -> Reply:
        return await self.write("set_hostname", hostname=check_hostname(hostname))

    async def set_zone(self, timezone: str, zonename: str) -> Reply:
        """Time zone, e.g. ``set_zone("CST-8", "Asia/Shanghai")``."""
        if not timezone.strip() or not zonename.strip():
            raise ValueError("timezone and zonename must not be empty")
        return await self.write("set_zone", timezone=timezone, zonename=zonename)

    async def set_power_pct(self, percent: int) -> Reply:
        """Temporarily run at ``percent`` (0..100) of the current power."""
        return await self.write("set_power_pct", percent=str(_whole(percent, "percent", 0, 100)))

    async def pre_power_on(self, *, complete: bool, msg: PrePowerOnMessage) -> Reply:
        if msg not in PRE_POWER_ON_MESSAGES:
            raise ValueError(f"msg must be one of {PRE_POWER_ON_MESSAGES}, not {msg!r}")
        done = _flag(complete, "complete")
        return await self.write("pre_power_on", complete="true" if done else "false", msg=msg)

    # API 2.0.5 and later

    async def set_power_pct_v2(self, percent: int) -> Reply:
        return await self.write("set_power_pct_v2", percent=str(_whole(percent, "percent", 0, 100)))

    async def set_temp_offset(self, temp_offset: int) -> Reply:
        """Offset of the boards' target temperature, -30..0 °C."""
        return await self.write(
            "set_temp_offset", temp_offset=_whole(temp_offset, "temp_offset", -30, 0)
        )

    async def adjust_power_limit(self, power_limit: int) -> Reply:
        """Upper power limit in W (the miner restarts btminer); 99999 clears it.

        Only the shape is checked here; the backend checks the model's range.
        """
        value = _whole(power_limit, "power_limit", 1, NO_POWER_LIMIT)
        return await self.write("adjust_power_limit", power_limit=str(value))

    async def adjust_upfreq_speed(self, upfreq_speed: int) -> Reply:
        """Ramp-up speed: 0 normal … 9 fastest."""
        return await self.write(
            "adjust_upfreq_speed", upfreq_speed=_whole(upfreq_speed, "upfreq_speed", 0, 9)
        )

    async def set_poweroff_cool(self, enabled: bool) -> Reply:
        """Whether the fans keep cooling while mining is stopped."""
        return await self.write("set_poweroff_cool", poweroff_cool=int(_flag(enabled, "enabled")))

    async def set_fan_zero_speed(self, enabled: bool) -> Reply:
        """Whether the fans may stop entirely."""
        return await self.write("set_fan_zero_speed", fan_zero_speed=int(_flag(enabled, "enabled")))
