"""ePIC PowerPlay (UMC OS) on Antminer control boards: REST on port 4028, one backend.

A poll is GET ``/summary`` (state, boards, fans, power, pools, tuning) and ``/temps`` (each
board's sensors). What does not change while the miner runs, ``/capabilities`` (model,
chips, board serials, the tuning algorithms and their bounds) and ``/network`` (MAC), is
read on the first poll and again when the session's start time changes: after a restart,
or when another miner answers at the address (DHCP gave it this one's), whose MAC must
not be shown as this one's.

Reads need no password; every control POSTs it in its body (api.py), so a wrong password
shows on the first control, or when the login is checked (``/authenticate``).
"""

from __future__ import annotations

import contextlib
import logging
from typing import Any, ClassVar

from ...config import FanMode, MinerConfig, MiningMode
from ...credentials import Firmware
from ...data import MinerData
from ...errors import (
    ConnectionDroppedError,
    MinerCommandError,
    MinerProtocolError,
)
from ...miner import Capability, Miner
from ...model_info import ModelInfo
from ...models import lookup
from ...settings import ChoiceKey, FanChoice, NumberKey, Settings
from ...validation import check_config
from ..antminer.models import MAKE
from ..reads import optional_objects
from . import controls, replies
from .api import EpicApi

_LOGGER = logging.getLogger(__name__)


class Epic(Miner):
    make = MAKE
    firmware = "ePIC"
    family = Firmware.EPIC
    requires_credentials = True
    capabilities: ClassVar[frozenset[Capability]] = frozenset(
        {
            Capability.REBOOT,
            Capability.RESTART_BACKEND,
            Capability.STOP_MINING,
            Capability.RESUME_MINING,
            Capability.FAULT_LIGHT,
            Capability.GET_CONFIG,
            Capability.SEND_CONFIG,
        }
    )

    def __init__(self, host: str, **kwargs: Any) -> None:
        super().__init__(host, **kwargs)
        self.api = EpicApi(
            host, lambda: self.session, self.credentials.password or "", self.timeout
        )
        self._capabilities: dict[str, Any] | None = None
        self._network: dict[str, Any] | None = None
        self._summary: dict[str, Any] | None = None
        self._started: int | None = None  # the session start the static replies are of

    # -- reads ---------------------------------------------------------------------------

    async def _get_data(self) -> MinerData:
        reads: dict[str, Any] = {"summary": self.api.get("/summary"), "temps": self._temps()}
        if self._capabilities is None:
            reads["capabilities"] = self.api.get("/capabilities")
        if self._network is None:
            reads["network"] = self.api.get("/network")
        found = await optional_objects(self.host, **reads)
        summary = found.need("summary")
        if replies.state(summary) is None:
            raise MinerProtocolError(f"{self.host}: /summary answered no operating state")
        self._summary = summary
        self._capabilities = found.get("capabilities") or self._capabilities
        self._network = found.get("network") or self._network
        started = replies.started(summary)
        if started != self._started and "network" not in reads:
            # a restart, or another miner at the address: read what was read once again
            again = await optional_objects(
                self.host,
                capabilities=self.api.get("/capabilities"),
                network=self.api.get("/network"),
            )
            self._capabilities = again.get("capabilities") or self._capabilities
            self._network = again.get("network")
        self._started = started
        temps = found.get("temps")
        return self._data(summary, temps.get("temps") if temps else None)

    async def _temps(self) -> dict[str, Any]:
        """/temps is a list: wrapped, so that the poll's reads are all objects."""
        return {"temps": await self.api.get("/temps")}

    def _row(self) -> ModelInfo | None:
        name = replies.model(self._capabilities)
        row = lookup(name, MAKE)
        if row is not None:
            self.model = row.name
        elif name is not None:
            self.model = name.removeprefix("AntMiner ").removeprefix("Antminer ").strip() or None
        return row

    def _data(self, summary: dict[str, Any], temps: Any) -> MinerData:
        row = self._row()
        caps = self._capabilities
        accepted, rejected = replies.shares(summary)
        tune = replies.tuning(summary)
        return MinerData(
            host=self.host,
            make=MAKE,
            model=self.model,
            firmware=self.firmware,
            fw_ver=replies.fw_version(summary),
            mac=replies.mac(self._network),
            hostname=replies.hostname(summary),
            serial_number=replies.serial_number(caps),
            hashrate=replies.hashrate(summary),
            expected_hashrate=replies.expected_hashrate(summary, caps),
            wattage=replies.wattage(summary),
            wattage_limit=tune.target if tune.running and tune.holds_power else None,
            uptime=replies.uptime(summary),
            hashboards=replies.hashboards(
                summary, caps, temps, row.chips_per_board if row else None
            ),
            fans=replies.fans(summary),
            fan_percent=replies.fan_percent(summary),
            pools=replies.pools(summary),
            errors=replies.errors(summary),
            fault_light=replies.fault_light(summary),
            is_mining=replies.is_mining(summary),
            shares_accepted=accepted,
            shares_rejected=rejected,
            tuner_state=replies.tuner_state(summary),
            throttled=replies.throttled(summary),
            settings=self._settings(summary),
        )

    def _settings(self, summary: dict[str, Any] | None) -> Settings:
        return controls.settings(summary, replies.tune_algos(self._capabilities))

    async def check_credentials(self) -> None:
        """Reads need no password: ``/authenticate`` checks it (the schema's "Authenticate
        the controls towards the miner"; BadPassword when wrong)."""
        try:
            await self.api.post("/authenticate")
        except MinerProtocolError as err:
            if isinstance(err, MinerCommandError):
                raise
            # A build without /authenticate (404): the light set to what it shows is a
            # control that changes nothing and proves the password all the same.
            _LOGGER.debug("%s: /authenticate failed (%s); checking with /identify", self.host, err)
            await self.api.post("/identify", bool(await self.check_light()))

    async def _fresh_summary(self) -> dict[str, Any]:
        summary = await self.api.get("/summary")
        if not isinstance(summary, dict):
            raise MinerProtocolError(f"{self.host}: /summary answered no object")
        self._summary = summary
        return summary

    async def get_mac(self) -> str | None:
        if self._network is None:
            network = await self.api.get("/network")
            self._network = network if isinstance(network, dict) else None
        return replies.mac(self._network)

    async def get_hostname(self) -> str | None:
        return replies.hostname(await self._fresh_summary())

    async def check_light(self) -> bool:
        return bool(replies.fault_light(await self._fresh_summary()))

    async def get_config(self) -> MinerConfig:
        return MinerConfig(pools=controls.config_pools(await self._fresh_summary()))

    # -- controls ------------------------------------------------------------------------

    async def _reboot(self) -> None:
        with contextlib.suppress(ConnectionDroppedError):  # gone while answering
            await self.api.post("/reboot", 0)  # param: seconds to wait first
        self._capabilities = self._network = None

    async def _restart_backend(self) -> None:
        await self.api.post("/softreboot")

    async def _stop_mining(self) -> None:
        await self.api.post("/miner", "Stop")

    async def _resume_mining(self) -> None:
        await self.api.post("/miner", "Autostart")

    async def _fault_light_on(self) -> None:
        await self.api.post("/identify", True)

    async def _fault_light_off(self) -> None:
        await self.api.post("/identify", False)

    async def _current(self) -> tuple[dict[str, Any], Settings]:
        """The last poll's summary and settings (a poll first if there was none): a value
        is checked against them before anything is sent."""
        if self._summary is None or self._capabilities is None:
            await self._get_data()
        summary = self._summary or {}
        return summary, self._settings(summary)

    async def _set_number(self, key: str, value: float) -> None:
        summary, current = await self._current()
        number = current.numbers.get(key)
        if number is None:
            raise self._unsupported(key)
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ValueError(f"{key} must be a number, not {value!r}")
        number.check(key, value)
        if key == NumberKey.FAN_SPEED:
            await self.api.post("/fanspeed", controls.manual_fan(value))
            return
        algo = dict(number.attributes).get("algorithm")
        if not isinstance(algo, str):  # pragma: no cover - both targets name theirs
            raise self._unsupported(key)
        await self.api.post(
            "/perpetualtune/algo", controls.tune_param(algo, value, replies.tuning(summary))
        )

    async def _set_choice(self, key: str, option: str) -> None:
        summary, current = await self._current()
        choice = current.choices.get(key)
        if choice is None or key != ChoiceKey.FAN_MODE:
            raise self._unsupported(key)
        choice.check(key, option)
        if option == FanChoice.AUTO:
            await self.api.post("/fanspeed", controls.auto_fan(summary))
            return
        speed = current.numbers[NumberKey.FAN_SPEED].value
        await self.api.post("/fanspeed", controls.manual_fan(speed or controls.FAN_MAX))

    async def _send_config(self, config: MinerConfig) -> None:
        check_config(config, controls.POOL_SLOTS, f"{self.make} {self.firmware} firmware")
        mode = config.mining_mode.mode
        if mode not in (MiningMode.NORMAL, MiningMode.SLEEP):
            raise self._unsupported(f"mining mode {mode}")
        if config.fan.mode is FanMode.IMMERSION:
            raise self._unsupported(f"fan mode {config.fan.mode}")
        if config.pools:
            summary = await self._fresh_summary()  # the passwords it holds, its coin
            await self.api.post("/coin", controls.coin_param(config.pools, summary))
        if config.fan.mode is FanMode.MANUAL and config.fan.speed is not None:
            await self.api.post("/fanspeed", controls.manual_fan(config.fan.speed))
        if mode is MiningMode.SLEEP:
            await self._stop_mining()


__all__ = ["Epic"]
