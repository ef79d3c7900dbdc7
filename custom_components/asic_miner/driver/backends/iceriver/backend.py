"""IceRiver's firmware: every read in one ``POST /user/userpanel?post=4``.

The panel's one reply carries the rates (realtime ``rtpow``), boards, fans, uptime, pools,
whether it mines (``powstate``) and the locate light (``locate``); a poll is that one
request (the first poll logs in before it). The light is switched with
``userpanel?post=5&locate=1|0`` as pyasic web/iceriver.py does; the pools and the reboot
as the panel's own pages do (controls.py, from the firmware's published source). Its
sleep mode, fan settings and power are not offered here.
"""

from __future__ import annotations

import contextlib
from typing import Any, ClassVar

from ...algorithm import Algorithm
from ...config import FanMode, MinerConfig, MiningMode
from ...credentials import Firmware
from ...data import MinerData
from ...errors import ConnectionDroppedError, MinerProtocolError
from ...miner import Capability, Miner
from ...model_info import ModelInfo
from ...models import lookup
from ...validation import check_config
from ..values import format_mac, text
from . import controls, replies
from .api import MACHINE, PANEL, IceRiverApi
from .models import MAKE

BOARDS = 3  # every IceRiver model pyasic lists has three


class IceRiver(Miner):
    make = MAKE
    firmware = "IceRiver"
    family = Firmware.ICERIVER
    requires_credentials = True
    capabilities: ClassVar[frozenset[Capability]] = frozenset(
        {
            Capability.FAULT_LIGHT,
            Capability.GET_CONFIG,
            Capability.SEND_CONFIG,
            Capability.REBOOT,
        }
    )

    def __init__(self, host: str, **kwargs: Any) -> None:
        super().__init__(host, **kwargs)
        self.api = IceRiverApi(host, lambda: self.session, self.credentials, self.timeout)

    @property
    def model_info(self) -> ModelInfo | None:
        return lookup(self.model, MAKE)

    async def read_panel(self) -> dict[str, Any]:
        data = await self.api.post(PANEL, post="4")
        if not data:
            raise MinerProtocolError(f"{self.host}: the panel answered no readings")
        return data

    async def _get_data(self) -> MinerData:
        data = await self.read_panel()
        self.model = replies.model_name(data) or self.model
        return miner_data(self.host, data, self.model, self.firmware)

    async def get_mac(self) -> str | None:
        return format_mac((await self.read_panel()).get("mac"))

    async def get_hostname(self) -> str | None:
        return text((await self.read_panel()).get("host"))

    async def get_config(self) -> MinerConfig:
        return MinerConfig(pools=replies.config_pools(await self.read_panel()))

    async def _fault_light_on(self) -> None:
        await self.api.post(PANEL, post="5", locate="1")

    async def _fault_light_off(self) -> None:
        await self.api.post(PANEL, post="5", locate="0")

    async def _reboot(self) -> None:
        with contextlib.suppress(ConnectionDroppedError):  # gone while answering
            await self.api.post(PANEL, post="3")
        self.api.forget_login()  # the miner program's login does not outlive it

    async def _send_config(self, config: MinerConfig) -> None:
        check_config(config, controls.POOL_SLOTS, f"{self.make} {self.firmware} firmware")
        if config.mining_mode.mode is not MiningMode.NORMAL:
            raise self._unsupported(f"mining mode {config.mining_mode.mode}")
        if config.fan.mode is not FanMode.NORMAL:
            raise self._unsupported(f"fan mode {config.fan.mode}")
        if not config.pools:
            return
        controls.check_fields(config.pools)
        machine = await self.api.post(MACHINE, post="1")  # its fan fields, sent back as read
        await self.api.post(MACHINE, form=controls.pool_form(config.pools, machine))


def miner_data(host: str, data: dict[str, Any], model: str | None, firmware: str) -> MinerData:
    """One poll's reading of the panel's ``data``, for ``model`` (its row's boards, chips,
    rated rate and algorithm; kHeavyHash for a model without a row)."""
    row = lookup(model, MAKE)
    boards = replies.hashboards(
        data, row.boards if row else BOARDS, row.chips_per_board if row else None
    )
    return MinerData(
        host=host,
        make=MAKE,
        model=model,
        firmware=firmware,
        fw_ver=text(data.get("softver1")),
        mac=format_mac(data.get("mac")),
        hostname=text(data.get("host")),
        algorithm=row.algorithm if row is not None else Algorithm.KHEAVYHASH,
        hashrate=replies.rate(data.get("rtpow"), data.get("unit")),
        expected_hashrate=row.hashrate_ths if row is not None else None,
        uptime=replies.uptime(data.get("runtime")),
        hashboards=boards,
        fans=replies.fans(data),
        pools=replies.pools(data),
        fault_light=replies.flag(data.get("locate")),
        is_mining=replies.flag(data.get("powstate")),
    )
