"""Bitdeer SealMiner on its stock firmware (BDMiner 4.11), read as asic-rs reads it.

A poll is three RPC commands (``stats``: boards, fans, power, limit, rates, state, what is
wrong; ``summary``: shares; ``pools``) and the web's ``get_system_info`` (the light; the
MAC where stats lacks it) behind the session cookie (api.py). Without the web a poll goes
on, the light unknown.

Controls, as asic-rs v2025/mod.rs sends them: ``ascset 0,suspend`` pauses mining, RPC
``restart`` resumes it (and restarts mining), ``ascset 0,powerlimit,{"value":"W"}``
sets the power limit, which the firmware takes at its next boot (asic-rs reboots after
it, and so does this), web ``reboot.php`` reboots, ``led_conf.php {"key": "led",
"value": "on"|"off"}`` switches the light.
"""

from __future__ import annotations

import json
import logging
from typing import Any, ClassVar, Final

from ...algorithm import Algorithm
from ...credentials import Firmware
from ...data import MinerData
from ...errors import ConnectionDroppedError, MinerConnectionError
from ...miner import Capability, Miner
from ...model_info import ModelInfo
from ...models import lookup
from ...settings import Number, NumberKey, Settings
from ...transport.rpc import RpcClient
from ..cgminer_replies import pools as pool_list
from ..reads import optional_objects
from ..values import format_mac, text, to_count, to_float
from . import replies
from .api import SealWeb
from .models import MAKE

_LOGGER = logging.getLogger(__name__)

RPC_POLL: Final = ("stats", "summary", "pools")


class SealMiner(Miner):
    make = MAKE
    firmware = "Stock"
    family = Firmware.SEALMINER
    requires_credentials = True
    capabilities: ClassVar[frozenset[Capability]] = frozenset(
        {
            Capability.REBOOT,
            Capability.RESTART_BACKEND,
            Capability.STOP_MINING,
            Capability.RESUME_MINING,
            Capability.FAULT_LIGHT,
            Capability.POWER_LIMIT,
        }
    )

    def __init__(self, host: str, **kwargs: Any) -> None:
        super().__init__(host, **kwargs)
        self.rpc = RpcClient(host, timeout=self.timeout)
        self.web = SealWeb(host, lambda: self.session, self.credentials, self.timeout)
        self._limit: float | None = None

    @property
    def model_info(self) -> ModelInfo | None:
        return lookup(self.model, MAKE)

    async def _get_data(self) -> MinerData:
        reads = {name: self.rpc.send(name) for name in RPC_POLL}
        reads["info"] = self.web.get("get_system_info")
        found = await optional_objects(self.host, **reads)
        stats = replies.stats(found.need("stats"))
        info = found.get("info")
        name = replies.model_name(stats.get("Model")) or replies.model_name(
            (info or {}).get("miner_type")
        )
        if name is not None:
            row = lookup(name, MAKE)
            self.model = row.name if row else name
        model = self.model_info
        self._limit = to_float(stats.get("Power Limit"))
        accepted, rejected = replies.shares(found.get("summary"))
        return MinerData(
            host=self.host,
            make=MAKE,
            model=self.model,
            firmware=self.firmware,
            fw_ver=text(stats.get("Firmware")),
            mac=replies.mac(stats, info),
            serial_number=text(stats.get("Ctrl Board SN")),
            board_version=text(stats.get("Ctrl Board")),
            algorithm=model.algorithm if model else Algorithm.SHA256,
            hashrate=replies.hashrate(stats),
            expected_hashrate=replies.expected_hashrate(stats),
            hashrate_averages=replies.hashrate_averages(stats),
            wattage=to_float(stats.get("PSU Input Power")),
            wattage_limit=self._limit,
            input_voltage=to_float(stats.get("PSU Input Voltage")),
            uptime=to_count(stats.get("System Uptime")),
            hashboards=replies.hashboards(stats, model),
            fans=replies.fans(stats),
            fan_psu=to_count(stats.get("PSU Fan Speed")),
            pools=pool_list(found.get("pools")),
            shares_accepted=accepted,
            shares_rejected=rejected,
            errors=replies.errors(stats),
            fault_light=replies.fault_light(info),
            is_mining=replies.is_mining(stats),
            settings=self._power_settings(),
        )

    def _power_settings(self) -> Settings:
        """The power limit, from half the model's rated power to its rated power (the
        firmware publishes no bounds); a limit set beyond them widens them."""
        model = self.model_info
        if model is None:
            return Settings()
        current = self._limit
        number = Number(
            value=current,
            minimum=min(float(model.power_min_w), current or model.power_min_w),
            maximum=max(float(model.power_max_w), current or 0.0),
            step=1.0,
            unit="W",
            restarts_mining=True,
        )
        return Settings(numbers={NumberKey.POWER_TARGET: number})

    async def get_mac(self) -> str | None:
        return format_mac(replies.stats(await self.rpc.send("stats")).get("MAC"))

    async def check_light(self) -> bool:
        return replies.fault_light(await self.web.get("get_system_info")) is True

    # -- controls ------------------------------------------------------------------------

    async def _stop_mining(self) -> None:
        await self.rpc.send("ascset", "0,suspend")

    async def _resume_mining(self) -> None:
        if replies.is_mining(replies.stats(await self.rpc.send("stats"))):
            return  # already hashing: a restart would only interrupt it
        await self._restart_backend()

    async def _restart_backend(self) -> None:
        try:
            await self.rpc.send("restart")
        except (ConnectionDroppedError, MinerConnectionError) as err:
            _LOGGER.debug("%s: connection closed during restart: %s", self.host, err)

    async def _set_power_limit(self, watts: int) -> None:
        await self._set_number(NumberKey.POWER_TARGET, watts)

    async def _set_number(self, key: str, value: float) -> None:
        if key != NumberKey.POWER_TARGET:
            raise self._unsupported(key)
        if self._limit is None:
            self._limit = to_float(replies.stats(await self.rpc.send("stats")).get("Power Limit"))
        number = self._power_settings().numbers.get(NumberKey.POWER_TARGET)
        if number is None:
            raise self._unsupported(NumberKey.POWER_TARGET)
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ValueError(f"{NumberKey.POWER_TARGET} must be a number, not {value!r}")
        number.check(NumberKey.POWER_TARGET, value)
        body = json.dumps({"value": str(round(value))}, separators=(",", ":"))
        await self.rpc.send("ascset", f"0,powerlimit,{body}")
        self._limit = float(round(value))
        await self._reboot()  # BDMiner takes the limit at boot (asic-rs reboots after it)

    async def _fault_light_on(self) -> None:
        await self.web.post("led_conf", {"key": "led", "value": "on"})

    async def _fault_light_off(self) -> None:
        await self.web.post("led_conf", {"key": "led", "value": "off"})

    async def _reboot(self) -> None:
        try:
            await self.web.get("reboot")
        except ConnectionDroppedError as err:
            _LOGGER.debug("%s: connection closed during reboot: %s", self.host, err)
