"""Braiins OS 25.07 and later: the public REST API under ``/api/v1`` on port 80.

A poll is nine GETs on one kept-alive connection (the API has no joined read): miner/details,
miner/stats, miner/hw/hashboards, cooling/state, performance/tuner-state,
configuration/miner, pools/, miner/errors and actions/locate. The tuner's bounds
(configuration/constraints) and the API version are read on the first poll and again after
BOSminer restarted or an hour later. Controls check their value against the last poll's
settings (or ones read now) before anything is sent; the firmware refuses a target outside
its constraints itself too (HTTP 422, as aleixps/Braiins-OS-HA handles it).

Paths, methods and bodies: the published OpenAPI (asic-rs meta/braiins/25.07/openapi.json,
26.04/openapi.json); the login in rest_auth.py.
"""

from __future__ import annotations

import logging
import time
from typing import Any, Final

from ...config import FanMode, MinerConfig, MiningMode, MiningModeConfig, PoolConfig
from ...credentials import Firmware
from ...data import MinerData
from ...errors import (
    AsicMinerError,
    MinerAuthenticationError,
    MinerConnectionError,
    MinerProtocolError,
)
from ...family import Identity
from ...probes import Probes
from ...settings import ChoiceKey, CoolingMode, NumberKey, PerformanceMode, Settings
from ...transport.http import WebClient
from ...validation import check_config
from . import rest_replies as replies
from . import rest_settings
from .base import BraiinsMiner
from .rest_auth import RestAuth

_LOGGER = logging.getLogger(__name__)

DETAILS: Final = "miner/details"
STATS: Final = "miner/stats"
HASHBOARDS: Final = "miner/hw/hashboards"
COOLING: Final = "cooling/state"
TUNER_STATE: Final = "performance/tuner-state"
CONFIGURATION: Final = "configuration/miner"
CONSTRAINTS: Final = "configuration/constraints"
POOLS: Final = "pools/"
POOLS_BATCH: Final = "pools/batch"
ERRORS: Final = "miner/errors"
LOCATE: Final = "actions/locate"
VERSION: Final = "version/"
# Each poll, in this order (one connection kept alive: the API has no joined read).
POLLED: Final = (DETAILS, STATS, HASHBOARDS, COOLING, TUNER_STATE, CONFIGURATION, POOLS)
POLLED_OPTIONAL: Final = (ERRORS, LOCATE)
CONSTRAINTS_SECONDS: Final = 3600.0
POOL_SLOTS: Final = 8  # pools in the one group we write (the web UI lists more than stock's 3)
DEFAULT_POOL_PASSWORD: Final = PoolConfig("x", "x").password
DEFAULT_GROUP: Final = "Default"


class BraiinsRest(BraiinsMiner):
    """An Antminer on Braiins OS 25.07 or later, through its public REST API."""

    def __init__(self, host: str, **kwargs: Any) -> None:
        super().__init__(host, **kwargs)
        self.web = WebClient(host, lambda: self.session, timeout=self.timeout)
        self.api = RestAuth(self.web, self.credentials, password_given=self.password_given)
        self._constraints: Any = None
        self._constraints_at: float | None = None
        self._api_version: str | None = None
        self._bosminer_uptime: int | None = None
        self._settings_cache: Settings | None = None

    # -- requests ------------------------------------------------------------------------

    async def _get(self, path: str) -> Any:
        return await self.api.call("GET", path)

    async def _optional(self, path: str) -> Any:
        """A read whose failure (an endpoint a build lacks, a reply we cannot read) leaves
        its figures out instead of failing the poll."""
        try:
            return await self._get(path)
        except MinerConnectionError:
            raise
        except MinerProtocolError as err:
            _LOGGER.debug("%s: %s not read: %s", self.host, path, err)
            return None

    async def _put(self, path: str, body: Any = None, *, read: bool = True) -> Any:
        return await self.api.call("PUT", path, body, read=read)

    async def _rare_reads(self, details: Any) -> Any:
        """Constraints and API version: once, after BOSminer restarted, or hourly."""
        uptime = replies.uptime(details)
        restarted = (
            uptime is not None
            and self._bosminer_uptime is not None
            and uptime < self._bosminer_uptime
        )
        self._bosminer_uptime = uptime
        due = self._constraints_at is None or (
            time.monotonic() - self._constraints_at > CONSTRAINTS_SECONDS
        )
        if restarted or due:
            constraints = await self._optional(CONSTRAINTS)
            if constraints is not None or self._constraints_at is None:
                self._constraints = constraints
            self._constraints_at = time.monotonic()
            self._api_version = replies.api_version(await self._optional(VERSION))
        return self._constraints

    # -- reads ---------------------------------------------------------------------------

    async def _get_data(self) -> MinerData:
        got = {path: await self._get(path) for path in POLLED}
        got |= {path: await self._optional(path) for path in POLLED_OPTIONAL}
        for path in (DETAILS, STATS, CONFIGURATION):
            if not isinstance(got[path], dict):
                raise MinerProtocolError(f"{self.host}: {path} answered no JSON object")
        return self._data(got, await self._rare_reads(got[DETAILS]))

    def _data(self, got: dict[str, Any], constraints: Any) -> MinerData:
        details, stats, config = got[DETAILS], got[STATS], got[CONFIGURATION]
        cooling = got[COOLING]
        row = replies.model_row(details)
        name = replies.model_name(details)
        if name is not None:
            self.model = name
        settings = rest_settings.settings(config, constraints)
        self._settings_cache = settings
        accepted, rejected = replies.shares(stats)
        mode = rest_settings.tuner_mode(config)
        return MinerData(
            host=self.host,
            make=self.make,
            model=self.model,
            firmware=self.firmware,
            fw_ver=replies.firmware_version(details),
            api_ver=self._api_version,
            mac=replies.mac(details),
            hostname=replies.hostname(details),
            serial_number=replies.serial(details),
            hashrate=replies.current_hashrate(stats),
            expected_hashrate=replies.nominal_hashrate(stats) or replies.sticker_hashrate(details),
            wattage=replies.power(stats),
            wattage_limit=(
                rest_settings.power_target(config) if mode is PerformanceMode.POWER_TARGET else None
            ),
            uptime=replies.uptime(details),
            hashboards=replies.hashboards(got[HASHBOARDS], row),
            fans=replies.fans(cooling),
            fan_percent=replies.fan_percent(cooling),
            pools=replies.pools(got[POOLS]),
            errors=replies.errors(got[ERRORS]),
            fault_light=replies.locate(got[LOCATE]),
            is_mining=replies.is_mining(details),
            hashrate_averages=replies.averages(stats),
            shares_accepted=accepted,
            shares_rejected=rejected,
            blocks_found=replies.found_blocks(stats),
            tuner_state=replies.tuner_state(got[TUNER_STATE]),
            settings=settings,
        )

    async def get_mac(self) -> str | None:
        return replies.mac(await self._get(DETAILS))

    async def get_hostname(self) -> str | None:
        return replies.hostname(await self._get(DETAILS))

    async def check_light(self) -> bool:
        light = replies.locate(await self._get(LOCATE))
        if light is None:
            raise MinerProtocolError(f"{self.host}: {LOCATE} answered no true or false")
        return light

    async def get_config(self) -> MinerConfig:
        """The pools (their passwords are never shown: PoolConfig's default stands in) and
        whether mining is paused."""
        pools = replies.pools(await self._get(POOLS))
        paused = replies.is_paused(await self._get(DETAILS))
        mode = MiningMode.SLEEP if paused else MiningMode.NORMAL
        return MinerConfig(
            pools=[PoolConfig(p.url or "", p.user or "") for p in pools],
            mining_mode=MiningModeConfig(mode),
        )

    # -- settings ------------------------------------------------------------------------

    async def _settings(self) -> Settings:
        """The last poll's settings, or ones read now when nothing was polled yet."""
        if self._settings_cache is None:
            config = await self._get(CONFIGURATION)
            details = await self._get(DETAILS)
            self._settings_cache = rest_settings.settings(config, await self._rare_reads(details))
        return self._settings_cache

    async def _set_number(self, key: str, value: float) -> None:
        current = await self._settings()
        number = current.numbers.get(key)
        if number is None:
            raise self._unsupported(key)
        number.check(key, value)
        if key == NumberKey.POWER_TARGET:
            await self._put("performance/power-target", {"watt": round(value)})
        else:
            await self._put("performance/hashrate-target", {"terahash_per_second": float(value)})
        self._settings_cache = None  # the next check reads what the miner holds now

    async def _set_choice(self, key: str, option: str) -> None:
        current = await self._settings()
        choice = current.choices.get(key)
        if choice is None:
            raise self._unsupported(key)
        choice.check(key, option)
        if key == ChoiceKey.PERFORMANCE_MODE:
            await self._put(
                "performance/mode", rest_settings.mode_body(PerformanceMode(option), current)
            )
        else:
            await self._put("cooling/mode", rest_settings.cooling_body(CoolingMode(option)))
        self._settings_cache = None

    # -- controls ------------------------------------------------------------------------

    async def _reboot(self) -> None:
        await self._put("actions/reboot")

    async def _restart_backend(self) -> None:
        await self._put("actions/restart")

    async def _stop_mining(self) -> None:
        await self._put("actions/pause")

    async def _resume_mining(self) -> None:
        await self._put("actions/resume")

    async def _fault_light_on(self) -> None:
        await self._put(LOCATE, True)

    async def _fault_light_off(self) -> None:
        await self._put(LOCATE, False)

    async def _send_config(self, config: MinerConfig) -> None:
        """Pools (one group, replacing the groups the miner has) and the mining mode; the
        fan stays with the cooling mode setting. Pools whose URLs and users are those
        set already, with no password given, are left as they are: the firmware never
        shows pool passwords, so writing them would replace the real ones."""
        check_config(config, POOL_SLOTS, f"{self.make} {self.firmware} firmware")
        if config.fan.mode is not FanMode.NORMAL:
            raise self._unsupported(f"fan mode {config.fan.mode} (use the cooling mode)")
        wanted = config.mining_mode.mode
        if wanted not in (MiningMode.NORMAL, MiningMode.SLEEP, MiningMode.POWER_TARGET):
            raise self._unsupported(f"mining mode {wanted}")
        target = config.mining_mode.power_target
        if wanted is MiningMode.POWER_TARGET:
            number = (await self._settings()).numbers.get(NumberKey.POWER_TARGET)
            if number is None:
                raise self._unsupported(NumberKey.POWER_TARGET)
            if target is None:
                raise ValueError("a power target mining mode needs power_target (W)")
            number.check(NumberKey.POWER_TARGET, target)
        if config.pools:
            reply = await self._get(POOLS)
            if _pools_differ(config.pools, replies.pools(reply)):
                names = replies.group_names(reply)
                await self._put(
                    POOLS_BATCH,
                    [_group(names[0] if names else DEFAULT_GROUP, config.pools)],
                    read=False,
                )
        paused = replies.is_paused(await self._get(DETAILS))
        if wanted is MiningMode.SLEEP and not paused:
            await self._stop_mining()
        elif wanted is not MiningMode.SLEEP and paused:
            await self._resume_mining()
        if wanted is MiningMode.POWER_TARGET and target is not None:
            current = (await self._settings()).numbers[NumberKey.POWER_TARGET].value
            if target != current:
                await self._put("performance/power-target", {"watt": target})
                self._settings_cache = None


def _group(name: str, pools: list[PoolConfig]) -> dict[str, Any]:
    return {
        "name": name,
        "pools": [
            {"url": p.url.strip(), "user": p.user.strip(), "password": p.password, "enabled": True}
            for p in pools
        ],
    }


def _pools_differ(wanted: list[PoolConfig], current: list[Any]) -> bool:
    if [(p.url.strip(), p.user.strip()) for p in wanted] != [(p.url, p.user) for p in current]:
        return True
    return any(p.password != DEFAULT_POOL_PASSWORD for p in wanted)


async def identify(probes: Probes) -> Identity | None:
    """The REST generation when ``POST /api/v1/auth/login`` answers as it does (a token, or
    a refused login); the model from miner/details when the login works. None when the
    path is no REST API's (older Braiins OS) or the miner does not answer it."""
    credentials = probes.credentials.resolve(Firmware.BRAIINS)
    auth = RestAuth(probes.web, credentials, password_given=probes.credentials.password is not None)
    try:
        await auth.login()
    except MinerAuthenticationError as err:  # the REST API; the model comes with a login
        _LOGGER.debug("%s: REST login refused while identifying: %s", probes.web.host, err)
        return Identity(BraiinsRest, None)
    except AsicMinerError as err:  # NotRestApi, no answer, an answer of something else
        _LOGGER.debug("%s: no REST API: %s", probes.web.host, err)
        return None
    try:
        details = await auth.call("GET", DETAILS)
    except AsicMinerError as err:
        _LOGGER.debug("%s: %s not read while identifying: %s", probes.web.host, DETAILS, err)
        return Identity(BraiinsRest, None)
    return Identity(BraiinsRest, replies.model_name(details))
