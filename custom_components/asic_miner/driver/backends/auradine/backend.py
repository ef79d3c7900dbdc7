"""Auradine Teraflux on FluxOS: reads and controls through the web API on 8080 and GCMiner's
RPC on 4028, as pyasic miners/backends/auradine.py and asic-rs firmwares/auradine read them.

A poll is four token-carrying GETs (``psu``: power drawn and the supply's rated output;
``mode``: the power target and whether the miner sleeps; ``fan``; ``led``) beside three RPC
commands (``summary``: rates, uptime, shares; ``devs``: the boards; ``pools``), each on a
connection of its own (no capture shows GCMiner joining commands with "+"). ``ipreport``
(model, version, MAC, host name, board serials) is read with them on the first poll and
while the uptime is unknown, and after them whenever the uptime does not follow the clock
(a reboot; another miner at the address, and the miner back after it). The first poll asks
for a token first; a refused token is renewed once (api.py).

Controls are POSTs: ``mode {"sleep": "on"|"off"}`` pauses and resumes mining,
``mode {"mode": "custom", "tune": "power", "power": W}`` sets the power target,
``fan {"percentage": P}`` every fan's speed, ``updatepools {"pools": [...]}`` the pools,
``led {"code": 3|2}`` the locate light, ``restart {}`` reboots and
``restart {"parameter": "gcminer"}`` restarts mining (controls.py builds the bodies).
"""

from __future__ import annotations

import logging
import time
from typing import Any, ClassVar, Final

from ...algorithm import Algorithm
from ...config import FanMode, MinerConfig, MiningMode
from ...credentials import Firmware
from ...data import MinerData
from ...errors import AsicMinerError, ConnectionDroppedError
from ...miner import Capability, Miner
from ...model_info import ModelInfo
from ...models import lookup
from ...settings import NumberKey, Settings
from ...transport.rpc import RpcClient
from ...validation import check_config
from ..cgminer_replies import pools as pool_list
from ..reads import Objects, optional_objects
from ..uptime import uptime_follows
from . import controls, replies
from .api import AuradineApi
from .models import MAKE

_LOGGER = logging.getLogger(__name__)

IDENTITY: Final = "ipreport"
WEB_POLL: Final = ("psu", "mode", "fan", "led")
RPC_POLL: Final = ("summary", "devs", "pools")


class Auradine(Miner):
    make = MAKE
    firmware = "FluxOS"
    family = Firmware.AURADINE
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
        self.api = AuradineApi(host, lambda: self.session, self.credentials, self.timeout)
        self.rpc = RpcClient(host, timeout=self.timeout)
        self._settings_seen: Settings | None = None
        self._ipreport: dict[str, Any] | None = None  # the last one read
        self._uptime_seen: tuple[int, float] | None = None  # at the last poll, and when

    @property
    def model_info(self) -> ModelInfo | None:
        return lookup(self.model, MAKE)

    # -- reads ---------------------------------------------------------------------------

    async def _get_data(self) -> MinerData:
        kept = self._ipreport
        # With no uptime to go by last time (the first poll, GCMiner's RPC not answering),
        # ipreport is asked for beside the others.
        ask = kept is None or self._uptime_seen is None
        names = (IDENTITY, *WEB_POLL) if ask else WEB_POLL
        reads = {name: self.api.get(name) for name in names}
        reads |= {name: self.rpc.send(name) for name in RPC_POLL}
        found = await optional_objects(self.host, **reads)
        summary = found.get("summary")
        uptime, now = replies.uptime(summary), time.monotonic()
        ipreport = self._ipreport = await self._identity(found, kept, uptime, now)
        self._uptime_seen = None if uptime is None else (uptime, now)
        if name := replies.model_name(ipreport):
            row = lookup(name, MAKE)
            self.model = row.name if row else name
        model = self.model_info
        mode, psu, fan = found.get("mode"), found.get("psu"), found.get("fan")
        settings = controls.settings(mode, psu, fan, model)
        self._settings_seen = settings
        accepted, rejected = replies.shares(summary)
        return MinerData(
            host=self.host,
            make=MAKE,
            model=self.model,
            firmware=self.firmware,
            fw_ver=replies.firmware_version(ipreport),
            mac=replies.mac(ipreport),
            hostname=replies.hostname(ipreport),
            serial_number=replies.serial_number(ipreport),
            algorithm=model.algorithm if model else Algorithm.SHA256,
            hashrate=replies.hashrate(summary),
            expected_hashrate=model.hashrate_ths if model else None,
            hashrate_averages=replies.hashrate_averages(summary),
            wattage=replies.wattage(psu),
            wattage_limit=replies.power_target(mode),
            input_voltage=replies.input_voltage(psu),
            uptime=uptime,
            hashboards=replies.hashboards(found.get("devs"), ipreport, model),
            fans=replies.fans(fan),
            pools=pool_list(found.get("pools")),
            shares_accepted=accepted,
            shares_rejected=rejected,
            fault_light=replies.fault_light(found.get("led")),
            is_mining=replies.is_mining(mode),
            settings=settings,
        )

    async def _identity(
        self, found: Objects, kept: dict[str, Any] | None, uptime: int | None, now: float
    ) -> dict[str, Any]:
        """This poll's ipreport: the one read with the others if it was asked for, else
        read now when the uptime does not follow the clock, else the one ``kept``. The web
        is the miner's own API (identity, power, controls): a poll without it fails (at
        once, no ipreport asked for after a batch of failures); without the RPC it goes
        on, the rates and boards unknown."""
        if kept is None or IDENTITY in found.found:
            return found.need(IDENTITY)
        if all(found.get(name) is None for name in WEB_POLL):
            raise found.errors[WEB_POLL[0]]
        if not uptime_follows(self._uptime_seen, uptime, now):
            return await self.api.get(IDENTITY)
        return kept

    async def get_mac(self) -> str | None:
        return replies.mac(await self.api.get(IDENTITY))

    async def get_hostname(self) -> str | None:
        return replies.hostname(await self.api.get(IDENTITY))

    async def check_light(self) -> bool:
        return replies.fault_light(await self.api.get("led")) is True

    async def get_config(self) -> MinerConfig:
        """The pools GCMiner lists (asic-rs reads them there); FluxOS's own ``pools`` GET
        (pyasic's get_config) when the RPC does not answer."""
        try:
            listed = await self.rpc.send("pools")
        except AsicMinerError as err:
            _LOGGER.debug("%s: RPC pools failed (%s); reading the web's", self.host, err)
            listed = await self.api.get("pools")
        return MinerConfig(pools=replies.config_pools(listed))

    # -- controls ------------------------------------------------------------------------

    async def _stop_mining(self) -> None:
        await self.api.post("mode", {"sleep": "on"})

    async def _resume_mining(self) -> None:
        await self.api.post("mode", {"sleep": "off"})

    async def _set_power_limit(self, watts: int) -> None:
        await self._set_number(NumberKey.POWER_TARGET, watts)

    async def _current_settings(self) -> Settings:
        """The last poll's settings, or (before any poll) read from mode, psu and fan."""
        if self._settings_seen is not None:
            return self._settings_seen
        found = await optional_objects(
            self.host, mode=self.api.get("mode"), psu=self.api.get("psu"), fan=self.api.get("fan")
        )
        return controls.settings(
            found.get("mode"), found.get("psu"), found.get("fan"), self.model_info
        )

    async def _set_number(self, key: str, value: float) -> None:
        if key not in (NumberKey.POWER_TARGET, NumberKey.FAN_SPEED):
            raise self._unsupported(key)
        number = (await self._current_settings()).numbers.get(key)
        if number is None:
            raise self._unsupported(key)
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ValueError(f"{key} must be a number, not {value!r}")
        number.check(key, value)
        if key == NumberKey.FAN_SPEED:
            await self.api.post("fan", controls.fan_body(value))
        else:
            await self.api.post("mode", controls.power_body(value))

    async def _send_config(self, config: MinerConfig) -> None:
        """The pools, a fixed fan speed (0 % for immersion, as pyasic sends it), sleep or a
        power target; the normal fan and mining modes leave the miner as it is (FluxOS has
        no automatic fan setting the peers know of). Every value is checked first."""
        check_config(config, controls.POOL_SLOTS, f"{self.make} {self.firmware} firmware")
        mode, fan = config.mining_mode, config.fan
        if mode.mode not in (MiningMode.NORMAL, MiningMode.SLEEP, MiningMode.POWER_TARGET):
            raise self._unsupported(f"mining mode {mode.mode}")
        watts = mode.power_target if mode.mode is MiningMode.POWER_TARGET else None
        if watts is not None:
            number = (await self._current_settings()).numbers.get(NumberKey.POWER_TARGET)
            if number is None:
                raise self._unsupported(NumberKey.POWER_TARGET)
            number.check(NumberKey.POWER_TARGET, watts)
        if config.pools:
            await self.api.post("updatepools", controls.pools_body(config.pools))
        if fan.mode is FanMode.MANUAL and fan.speed is not None:
            await self.api.post("fan", controls.fan_body(fan.speed))
        elif fan.mode is FanMode.IMMERSION:
            await self.api.post("fan", controls.fan_body(controls.FAN_MIN))
        if mode.mode is MiningMode.SLEEP:
            await self._stop_mining()
        elif watts is not None:
            await self.api.post("mode", controls.power_body(watts))

    async def _fault_light_on(self) -> None:
        await self.api.post("led", {"code": replies.LOCATE})

    async def _fault_light_off(self) -> None:
        await self.api.post("led", {"code": replies.NORMAL})

    async def _reboot(self) -> None:
        await self._restart({})

    async def _restart_backend(self) -> None:
        await self._restart({"parameter": "gcminer"})

    async def _restart(self, body: dict[str, Any]) -> None:
        try:
            await self.api.post("restart", body)
        except ConnectionDroppedError as err:
            _LOGGER.debug("%s: connection closed during restart: %s", self.host, err)
