"""MARA firmware (MaraFW) on Antminers: every read and control through ``/kaonsu/v1/``.

A poll is six GETs on one keep-alive connection, one digest challenge for them all (the
first poll sends the brief alone until the challenge is met, then the rest):
``brief`` (rates, estimated power, uptime, state, what is wrong), ``hashboards``,
``fans``, ``pools``, ``miner_config`` (the power target) and ``locate_miner`` (the
light). ``overview`` (model, firmware version, MAC) and ``network_config`` (host name)
change only with a reflash or a rename: read on the first poll, then every
``IDENTITY_MAX_AGE`` seconds, and at once when the brief's uptime is not the one the last
poll's makes it now (a reboot, or another miner that DHCP gave the address to).

Controls change ``miner_config`` (sleep, resume, the power target, pools; controls.py),
``locate_miner`` (``{"blinking": bool}``) and ``maintenance`` (``{"type": "reboot"}``,
``"reload"`` restarts mining), as pyasic web/marathon.py sends them.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Iterable
from typing import Any, ClassVar, Final

from ...algorithm import Algorithm
from ...config import MinerConfig, MiningMode, MiningModeConfig
from ...credentials import Firmware
from ...data import MinerData
from ...errors import ConnectionDroppedError, MinerProtocolError
from ...miner import Capability, Miner
from ...model_info import ModelInfo
from ...models import lookup
from ...settings import NumberKey, Settings
from ...validation import check_config
from ..antminer.models import MAKE
from ..reads import Objects, optional, optional_objects, run_together
from ..uptime import uptime_follows
from . import controls, replies
from .api import MaraApi

_LOGGER = logging.getLogger(__name__)

IDENTITY_MAX_AGE: Final = 600.0
_POLL: Final = ("brief", "hashboards", "fans", "miner_config", "locate_miner")


class Marathon(Miner):
    make = MAKE
    firmware = "MARA"
    family = Firmware.MARATHON
    requires_credentials = True
    capabilities: ClassVar[frozenset[Capability]] = frozenset(
        {
            Capability.REBOOT,
            Capability.RESTART_BACKEND,
            Capability.STOP_MINING,
            Capability.RESUME_MINING,
            Capability.FAULT_LIGHT,
            Capability.POWER_LIMIT,
            Capability.GET_CONFIG,
            Capability.SEND_CONFIG,
        }
    )

    def __init__(self, host: str, **kwargs: Any) -> None:
        super().__init__(host, **kwargs)
        self.api = MaraApi(host, lambda: self.session, self.credentials, self.timeout)
        self._identity: dict[str, Any] = {}  # the last overview and network_config read
        self._identity_at: float | None = None
        self._uptime_seen: tuple[int, float] | None = None  # (brief uptime, loop time)
        self._config: dict[str, Any] | None = None  # miner_config of the last poll
        self._resume_mode = controls.AUTO  # the work mode a pause left

    @property
    def model_info(self) -> ModelInfo | None:
        return lookup(self.model, MAKE)

    # -- reads ---------------------------------------------------------------------------

    def _identity_stale(self) -> bool:
        if self._identity_at is None:
            return True
        return asyncio.get_running_loop().time() - self._identity_at > IDENTITY_MAX_AGE

    async def _get_data(self) -> MinerData:
        first = Objects()
        if not self.api.challenged:
            # One digest challenge for the whole poll: the brief alone, then the rest.
            first = await optional_objects(self.host, brief=self.api.get("brief"))
            first.need("brief")
        reads = {name: self.api.get(name) for name in _POLL if name not in first.found}
        if stale := self._identity_stale():
            reads |= self._identity_reads()
        found, pools = await run_together(
            optional_objects(self.host, **reads),
            optional(self.api.get("pools"), self.host, "pools"),  # a list, not an object
        )
        found = first | found
        brief = found.need("brief")
        if self._uptime_jumped(replies.uptime(brief)) and not stale:
            found |= await optional_objects(self.host, **self._identity_reads())
            stale = True
        if stale:
            self._identity = {n: found.get(n) for n in ("overview", "network_config")}
            self._identity_at = asyncio.get_running_loop().time()
        overview = self._identity.get("overview")
        name = replies.model_name(overview)
        if name is not None:
            row = lookup(name, MAKE)
            self.model = row.name if row else name
        self._config = found.get("miner_config")
        fans_reply = found.get("fans")
        pool_list = replies.pools(pools)
        return MinerData(
            host=self.host,
            make=MAKE,
            model=self.model,
            firmware=self.firmware,
            # MARA runs on kHeavyHash machines too (KS5 Pro): the model row says which.
            algorithm=self.model_info.algorithm if self.model_info else Algorithm.SHA256,
            fw_ver=replies.firmware_version(overview),
            mac=replies.mac(overview),
            hostname=replies.hostname(self._identity.get("network_config")),
            hashrate=replies.hashrate(brief),
            expected_hashrate=replies.expected_hashrate(brief),
            hashrate_averages=replies.hashrate_averages(brief),
            wattage=replies.wattage(brief),
            wattage_limit=replies.power_target(self._config),
            uptime=replies.uptime(brief),
            hashboards=replies.hashboards(found.get("hashboards"), brief),
            fans=replies.fans(fans_reply),
            fan_percent=replies.fan_percent(fans_reply),
            pools=pool_list,
            shares_accepted=_total(p.accepted for p in pool_list),
            shares_rejected=_total(p.rejected for p in pool_list),
            errors=replies.errors(brief, fans_reply),
            fault_light=replies.fault_light(found.get("locate_miner")),
            is_mining=replies.is_mining(brief),
            settings=controls.settings(self._config, self.model_info),
        )

    def _identity_reads(self) -> dict[str, Any]:
        return {name: self.api.get(name) for name in ("overview", "network_config")}

    def _uptime_jumped(self, uptime: int | None) -> bool:
        """The uptime is not the last poll's plus the time since (kept for the next)."""
        now = asyncio.get_running_loop().time()
        seen, self._uptime_seen = self._uptime_seen, None if uptime is None else (uptime, now)
        return seen is not None and uptime is not None and not uptime_follows(seen, uptime, now)

    async def get_mac(self) -> str | None:
        return replies.mac(await self.api.get("overview"))

    async def get_hostname(self) -> str | None:
        return replies.hostname(await self.api.get("network_config"))

    async def check_light(self) -> bool:
        return replies.fault_light(await self.api.get("locate_miner")) is True

    async def get_config(self) -> MinerConfig:
        config = await self._miner_config()
        return MinerConfig(pools=controls.config_pools(config), mining_mode=_mining_mode(config))

    async def _miner_config(self) -> dict[str, Any]:
        config = await self.api.get("miner_config")
        if not isinstance(config, dict):
            raise MinerProtocolError(f"{self.host}: miner_config answered no configuration")
        return config

    # -- controls ------------------------------------------------------------------------

    async def _write_config(self, body: dict[str, Any]) -> None:
        await self.api.post("miner_config", body)
        self._config = body

    async def _stop_mining(self) -> None:
        config = await self._miner_config()
        current = replies.work_mode(config)
        if current == replies.SLEEP:
            return
        self._resume_mode = current or controls.AUTO
        await self._write_config(controls.with_work_mode(config, replies.SLEEP))

    async def _resume_mining(self) -> None:
        config = await self._miner_config()
        if replies.work_mode(config) != replies.SLEEP:
            return
        await self._write_config(controls.with_work_mode(config, self._resume_mode))

    async def _set_power_limit(self, watts: int) -> None:
        await self._set_number(NumberKey.POWER_TARGET, watts)

    async def _settings(self) -> Settings:
        """What the last poll offered (read now if none ran): checked before anything is
        sent, so a refused value reaches the miner not even as a read."""
        config = self._config if self._config is not None else await self._miner_config()
        return controls.settings(config, self.model_info)

    async def _checked_target(self, value: float) -> int:
        number = (await self._settings()).numbers.get(NumberKey.POWER_TARGET)
        if number is None:
            raise self._unsupported(NumberKey.POWER_TARGET)
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ValueError(f"{NumberKey.POWER_TARGET} must be a number, not {value!r}")
        number.check(NumberKey.POWER_TARGET, value)
        return round(value)

    async def _set_number(self, key: str, value: float) -> None:
        if key != NumberKey.POWER_TARGET:
            raise self._unsupported(key)
        watts = await self._checked_target(value)
        await self._write_config(controls.with_power_target(await self._miner_config(), watts))

    async def _fault_light_on(self) -> None:
        await self._locate(True)

    async def _fault_light_off(self) -> None:
        await self._locate(False)

    async def _locate(self, on: bool) -> None:
        answer = await self.api.post("locate_miner", {"blinking": on})
        if replies.fault_light(answer) not in (on, None):
            raise MinerProtocolError(f"{self.host}: locate_miner left the light as it was")

    async def _reboot(self) -> None:
        await self._maintenance("reboot")

    async def _restart_backend(self) -> None:
        await self._maintenance("reload")

    async def _maintenance(self, kind: str) -> None:
        try:
            await self.api.post("maintenance", {"type": kind})
        except ConnectionDroppedError as err:
            _LOGGER.debug("%s: connection closed during %s: %s", self.host, kind, err)

    async def _send_config(self, config: MinerConfig) -> None:
        check_config(config, controls.POOL_SLOTS, f"{self.make} {self.firmware} firmware")
        wanted = config.mining_mode
        if wanted.mode in (MiningMode.LOW, MiningMode.HIGH):
            raise self._unsupported(f"mining mode {wanted.mode}")
        if wanted.mode is MiningMode.POWER_TARGET and wanted.power_target is not None:
            await self._checked_target(wanted.power_target)
        current = await self._miner_config()
        body = controls.with_pools(current, config.pools) if config.pools else dict(current)
        if wanted != _mining_mode(current):
            body = self._with_mode(body, wanted)
        await self._write_config(body)

    def _with_mode(self, body: dict[str, Any], wanted: MiningModeConfig) -> dict[str, Any]:
        if wanted.mode is MiningMode.SLEEP:
            return controls.with_work_mode(body, replies.SLEEP)
        if wanted.mode is MiningMode.POWER_TARGET and wanted.power_target is not None:
            return controls.with_power_target(body, wanted.power_target)
        # NORMAL: out of sleep into the mode the pause left; from a power target, Stock
        # (pyasic's normal mode on MaraFW).
        if replies.work_mode(body) == replies.SLEEP:
            return controls.with_work_mode(body, self._resume_mode)
        return controls.with_work_mode(body, "Stock")


def _mining_mode(config: dict[str, Any]) -> MiningModeConfig:
    if replies.work_mode(config) == replies.SLEEP:
        return MiningModeConfig(MiningMode.SLEEP)
    watts = replies.power_target(config)
    if watts is not None:
        return MiningModeConfig(MiningMode.POWER_TARGET, watts)
    return MiningModeConfig(MiningMode.NORMAL)


def _total(counts: Iterable[int | None]) -> int | None:
    found = [c for c in counts if c is not None]
    return sum(found) if found else None
