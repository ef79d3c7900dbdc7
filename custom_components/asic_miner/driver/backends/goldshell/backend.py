"""Goldshell's stock firmware: every read and control through ``/mcb/`` on port 80.

A poll is three GETs, one at a time (the firmware's token check races under concurrent
requests, api.py): ``setting`` (the power plans, the MAC), ``cgminer?cgminercmd=devs``
(each board's rate in MH/s, temperature, the fans, shares) and ``pools``. ``status`` (model,
firmware version) changes only with a reflash: read on the first poll. The SC-BOX answers
the devs read with HTTP 500 (crProductGuy/goldshell-box-tools-productguy
docs/firmware-api.md): its poll reads no boards then, and still the rest.

Controls: the power plan (a POWER_PLAN choice of the miner's plans), sleep (the level-3
plan) and back, pools (``delpool`` / ``newpool``) and ``PUT /mcb/restart`` (a reboot of
the controller). Every rate counts 10^12 of the model's algorithm (Scrypt, Blake2S …).
"""

from __future__ import annotations

import logging
from typing import Any, ClassVar

from ...config import MinerConfig, MiningMode, MiningModeConfig, PoolConfig
from ...credentials import Firmware
from ...data import MinerData
from ...errors import ConnectionDroppedError, MinerProtocolError
from ...miner import Capability, Miner
from ...model_info import ModelInfo
from ...models import lookup
from ...settings import ChoiceKey
from ...validation import check_config
from . import controls, replies
from .api import GoldshellApi
from .models import MAKE, algorithm_of

_LOGGER = logging.getLogger(__name__)
DEVS = "cgminer?cgminercmd=devs"


class Goldshell(Miner):
    make = MAKE
    firmware = "Stock"
    family = Firmware.GOLDSHELL
    requires_credentials = True
    capabilities: ClassVar[frozenset[Capability]] = frozenset(
        {
            Capability.REBOOT,
            Capability.STOP_MINING,
            Capability.RESUME_MINING,
            Capability.GET_CONFIG,
            Capability.SEND_CONFIG,
        }
    )

    def __init__(self, host: str, **kwargs: Any) -> None:
        super().__init__(host, **kwargs)
        self.api = GoldshellApi(host, lambda: self.session, self.credentials, self.timeout)
        self._status: dict[str, Any] | None = None
        self._setting: dict[str, Any] | None = None  # the last poll's
        self._resume_index: int | None = None  # the plan a sleep left

    @property
    def model_info(self) -> ModelInfo | None:
        return lookup(self.model, MAKE)

    # -- reads ---------------------------------------------------------------------------

    async def _optional(self, name: str) -> Any:
        try:
            return await self.api.get(name)
        except MinerProtocolError as err:
            _LOGGER.debug("%s: no %s: %s", self.host, name, err)
            return None

    async def _get_data(self) -> MinerData:
        if self._status is None:
            status = await self.api.get("status")
            self._status = status if isinstance(status, dict) else {}
        name = replies.model_name(self._status)
        if name is not None:
            row = lookup(name, MAKE)
            self.model = row.name if row else name
        setting = await self._read_setting()
        devs = await self._optional(DEVS)
        pools = await self._optional("pools")
        info = self.model_info
        chips = info.chips_per_board if info and info.chips_per_board else None
        level = replies.selected_level(setting)
        return MinerData(
            host=self.host,
            make=MAKE,
            model=self.model,
            firmware=self.firmware,
            algorithm=info.algorithm if info else algorithm_of(self.model),
            fw_ver=replies.firmware_version(self._status),
            mac=replies.mac(setting),
            hashrate=replies.hashrate(devs),
            expected_hashrate=info.hashrate_ths if info else None,
            hashboards=replies.hashboards(devs, chips),
            fans=replies.fans(devs),
            pools=replies.pools(pools),
            shares_accepted=replies.shares(devs, "accepted"),
            shares_rejected=replies.shares(devs, "rejected"),
            is_mining=None if level is None else level != replies.SLEEP_LEVEL,
            settings=controls.settings(setting),
        )

    async def _read_setting(self) -> dict[str, Any]:
        setting = await self.api.get("setting")
        if not isinstance(setting, dict):
            raise MinerProtocolError(f"{self.host}: setting answered no settings")
        self._setting = setting
        return setting

    async def get_mac(self) -> str | None:
        return replies.mac(await self._read_setting())

    async def get_config(self) -> MinerConfig:
        pools = await self.api.get("pools")
        setting = await self._read_setting()
        found = [
            PoolConfig(str(p.get("url")), str(p.get("user") or ""), str(p.get("pass") or ""))
            for p in replies.config_pools(pools)
            if isinstance(p.get("url"), str) and p.get("url")
        ]
        asleep = replies.selected_level(setting) == replies.SLEEP_LEVEL
        mode = MiningMode.SLEEP if asleep else MiningMode.NORMAL
        return MinerConfig(pools=found, mining_mode=MiningModeConfig(mode))

    # -- controls ------------------------------------------------------------------------

    async def _select(self, setting: dict[str, Any], index: int) -> None:
        body = controls.with_select(setting, index)
        await self.api.put("setting", body)
        self._setting = body

    async def _stop_mining(self) -> None:
        setting = await self._read_setting()
        sleep = replies.index_of_level(setting, replies.SLEEP_LEVEL)
        if sleep is None:
            raise self._unsupported("stop_mining (this miner lists no sleep plan)")
        current = replies.selected(setting)
        if current == sleep:
            return
        self._resume_index = current
        await self._select(setting, sleep)

    async def _resume_mining(self) -> None:
        setting = await self._read_setting()
        if replies.selected_level(setting) != replies.SLEEP_LEVEL:
            return
        index = self._resume_index
        if index is None or replies.plans(setting)[index][0] == replies.SLEEP_LEVEL:
            index = replies.index_of_level(setting, replies.NORMAL_LEVEL)
        if index is None:
            raise MinerProtocolError(f"{self.host}: no power plan to mine with")
        await self._select(setting, index)

    async def _set_choice(self, key: str, option: str) -> None:
        if key != ChoiceKey.POWER_PLAN:
            raise self._unsupported(key)
        setting = await self._read_setting()
        choice = controls.settings(setting).choices.get(ChoiceKey.POWER_PLAN)
        if choice is None:
            raise self._unsupported(key)
        choice.check(key, option)
        index = controls.index_of_plan(setting, option)
        if index is None:  # pragma: no cover - check() found it among the options
            raise ValueError(f"{key}: no plan {option!r}")
        await self._select(setting, index)

    async def _reboot(self) -> None:
        try:
            await self.api.put("restart")
        except ConnectionDroppedError as err:
            _LOGGER.debug("%s: connection closed during the restart: %s", self.host, err)

    async def _send_config(self, config: MinerConfig) -> None:
        check_config(config, controls.POOL_SLOTS, f"{self.make} {self.firmware} firmware")
        wanted = config.mining_mode
        if wanted.mode not in (MiningMode.NORMAL, MiningMode.SLEEP):
            raise self._unsupported(f"mining mode {wanted.mode}")
        if config.pools:
            await self._replace_pools(config.pools)
        if wanted.mode is MiningMode.SLEEP:
            await self._stop_mining()
        else:
            await self._resume_mining()

    async def _replace_pools(self, pools: list[PoolConfig]) -> None:
        current = replies.config_pools(await self.api.get("pools"))
        for listed in current:
            await self.api.put(
                "delpool",
                {
                    "url": listed.get("url"),
                    "user": listed.get("user"),
                    "pass": listed.get("pass"),
                    "dragid": listed.get("dragid", 0),
                },
            )
        for pool in pools:
            await self.api.put(
                "newpool", {"url": pool.url, "user": pool.user, "pass": pool.password}
            )
