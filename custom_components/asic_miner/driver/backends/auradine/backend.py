"""Auradine Teraflux on FluxOS: reads and controls through the web API on 8080 and GCMiner's
RPC on 4028, as pyasic miners/backends/auradine.py and asic-rs firmwares/auradine read them.

A poll is five token-carrying GETs (``ipreport``: model, version, MAC, host name, board
serials; ``psu``: power drawn and the supply's rated output; ``mode``: the power target
and whether the miner sleeps; ``fan``; ``led``) beside three RPC commands (``summary``:
rates, uptime, shares; ``devs``: the boards; ``pools``). The first poll asks for a token
first; a refused token is renewed once (api.py).

Controls are POSTs: ``mode {"sleep": "on"|"off"}`` pauses and resumes mining,
``mode {"mode": "custom", "tune": "power", "power": W}`` sets the power target,
``led {"code": 3|2}`` the locate light, ``restart {}`` reboots and
``restart {"parameter": "gcminer"}`` restarts mining.
"""

from __future__ import annotations

import logging
from typing import Any, ClassVar, Final

from ...algorithm import Algorithm
from ...credentials import Firmware
from ...data import MinerData
from ...errors import ConnectionDroppedError
from ...miner import Capability, Miner
from ...model_info import ModelInfo
from ...models import lookup
from ...settings import Number, NumberKey, Settings
from ...transport.rpc import RpcClient
from ..cgminer_replies import pools as pool_list
from ..reads import optional_objects
from . import replies
from .api import AuradineApi
from .models import MAKE

_LOGGER = logging.getLogger(__name__)

WEB_POLL: Final = ("ipreport", "psu", "mode", "fan", "led")
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
        }
    )

    def __init__(self, host: str, **kwargs: Any) -> None:
        super().__init__(host, **kwargs)
        self.api = AuradineApi(host, lambda: self.session, self.credentials, self.timeout)
        self.rpc = RpcClient(host, timeout=self.timeout)
        self._settings_seen: Settings | None = None

    @property
    def model_info(self) -> ModelInfo | None:
        return lookup(self.model, MAKE)

    # -- reads ---------------------------------------------------------------------------

    async def _get_data(self) -> MinerData:
        reads = {name: self.api.get(name) for name in WEB_POLL}
        reads |= {name: self.rpc.send(name) for name in RPC_POLL}
        found = await optional_objects(self.host, **reads)
        # The web is the miner's own API (identity, power, controls): a poll without it
        # fails; without the RPC it goes on, the rates and boards unknown.
        ipreport, summary = found.need("ipreport"), found.get("summary")
        if name := replies.model_name(ipreport):
            row = lookup(name, MAKE)
            self.model = row.name if row else name
        model = self.model_info
        mode, psu = found.get("mode"), found.get("psu")
        settings = power_settings(mode, psu, model)
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
            uptime=replies.uptime(summary),
            hashboards=replies.hashboards(found.get("devs"), ipreport, model),
            fans=replies.fans(found.get("fan")),
            pools=pool_list(found.get("pools")),
            shares_accepted=accepted,
            shares_rejected=rejected,
            fault_light=replies.fault_light(found.get("led")),
            is_mining=replies.is_mining(mode),
            settings=settings,
        )

    async def get_mac(self) -> str | None:
        return replies.mac(await self.api.get("ipreport"))

    async def get_hostname(self) -> str | None:
        return replies.hostname(await self.api.get("ipreport"))

    async def check_light(self) -> bool:
        return replies.fault_light(await self.api.get("led")) is True

    # -- controls ------------------------------------------------------------------------

    async def _stop_mining(self) -> None:
        await self.api.post("mode", {"sleep": "on"})

    async def _resume_mining(self) -> None:
        await self.api.post("mode", {"sleep": "off"})

    async def _set_power_limit(self, watts: int) -> None:
        await self._set_number(NumberKey.POWER_TARGET, watts)

    async def _set_number(self, key: str, value: float) -> None:
        if key != NumberKey.POWER_TARGET:
            raise self._unsupported(key)
        settings = self._settings_seen
        if settings is None:
            found = await optional_objects(
                self.host, mode=self.api.get("mode"), psu=self.api.get("psu")
            )
            settings = power_settings(found.get("mode"), found.get("psu"), self.model_info)
        number = settings.numbers.get(NumberKey.POWER_TARGET)
        if number is None:
            raise self._unsupported(NumberKey.POWER_TARGET)
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ValueError(f"{NumberKey.POWER_TARGET} must be a number, not {value!r}")
        number.check(NumberKey.POWER_TARGET, value)
        body = {"mode": "custom", "tune": "power", "power": round(value)}
        await self.api.post("mode", body)

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


def power_settings(
    mode: dict[str, Any] | None, psu: dict[str, Any] | None, model: ModelInfo | None
) -> Settings:
    """The power target: up to the supply's rated output (psu PoutMax, the only bound the
    firmware gives) or the model's rated power, from the model's lowest rated power (half
    the ceiling for a model the table lacks)."""
    if mode is None:
        return Settings()
    ceiling = replies.psu_max_watts(psu) or (model.power_max_w if model else None)
    if ceiling is None:
        return Settings()
    floor = float(model.power_min_w) if model else float(ceiling // 2)
    current = replies.power_target(mode)
    number = Number(
        value=current,
        minimum=min(floor, ceiling),
        maximum=max(float(ceiling), float(current or 0)),
        step=1.0,
        unit="W",
    )
    return Settings(numbers={NumberKey.POWER_TARGET: number})
