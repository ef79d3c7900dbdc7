"""Innosilicon's innominer firmware, read over its cgminer RPC (TCP 4028).

A poll is ``summary``, ``stats`` and ``pools``, one request each (innominer is an sgminer
whose joined commands no capture shows; three single requests are what foreman-apps and
pyasic send). The MAC is the web API's ``overview`` ``version.ethaddr`` (behind its JWT
login, api.py), read on the first poll and again when the uptime does not follow the clock
(a reboot; another miner at the address, and the miner back after it). Reboot and
restarting innominer are the web's ``reboot`` and ``restartCgMiner``, as pyasic sends them;
the pools are read and written there too (pools.py). No public source shows a power mode
this firmware can be set to (pyasic only reads a ``getAll`` "running_mode" level, which no
capture shows, and sends nothing to change it): every other control is refused.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Mapping
from dataclasses import replace
from typing import Any, ClassVar

from ...config import FanMode, MinerConfig, MiningMode
from ...credentials import Firmware
from ...data import MinerData
from ...miner import Capability, Miner
from ...model_info import ModelInfo
from ...models import lookup
from ...transport.rpc import RpcClient
from ...validation import check_config
from .. import cgminer_replies
from ..reads import optional
from ..uptime import uptime_follows
from ..values import format_mac
from . import replies
from .api import InnoWebApi
from .models import MAKE, algorithm_of
from .pools import POOL_SLOTS, config_pools, update_form

BOARDS = 3
_POLL = ("summary", "stats", "pools")


class Innosilicon(Miner):
    make = MAKE
    firmware = "Innosilicon"
    family = Firmware.INNOSILICON
    requires_credentials = True  # the web login, for the MAC and the controls
    capabilities: ClassVar[frozenset[Capability]] = frozenset(
        {
            Capability.REBOOT,
            Capability.RESTART_BACKEND,
            Capability.GET_CONFIG,
            Capability.SEND_CONFIG,
        }
    )

    def __init__(self, host: str, **kwargs: Any) -> None:
        super().__init__(host, **kwargs)
        self.rpc = RpcClient(host, timeout=self.timeout)
        self.api = InnoWebApi(host, lambda: self.session, self.credentials, self.timeout)
        self._mac: str | None = None
        self._uptime_seen: tuple[int, float] | None = None  # at the last poll, and when

    @property
    def model_info(self) -> ModelInfo | None:
        return lookup(self.model, MAKE)

    async def _get_data(self) -> MinerData:
        answers = await asyncio.gather(*(self.rpc.send(c) for c in _POLL))
        rpc = dict(zip(_POLL, answers, strict=True))
        self.model = replies.model_name(rpc["summary"]) or self.model
        uptime, now = replies.uptime(rpc["summary"]), time.monotonic()
        if self._mac is None or not uptime_follows(self._uptime_seen, uptime, now):
            self._mac = await optional(self.get_mac(), self.host, "overview")
        self._uptime_seen = None if uptime is None else (uptime, now)
        return replace(miner_data(self.host, rpc, self.model, self.firmware), mac=self._mac)

    async def get_mac(self) -> str | None:
        version = (await self.api.command("overview")).get("version")
        return format_mac(version.get("ethaddr")) if isinstance(version, dict) else None

    async def get_config(self) -> MinerConfig:
        return MinerConfig(pools=config_pools(await self.api.command("pools")))

    async def _reboot(self) -> None:
        await self.api.command("reboot")

    async def _restart_backend(self) -> None:
        await self.api.command("restartCgMiner")

    async def _send_config(self, config: MinerConfig) -> None:
        check_config(config, POOL_SLOTS, f"{self.make} {self.firmware} firmware")
        if config.mining_mode.mode is not MiningMode.NORMAL:
            raise self._unsupported(f"mining mode {config.mining_mode.mode}")
        if config.fan.mode is not FanMode.NORMAL:
            raise self._unsupported(f"fan mode {config.fan.mode}")
        if config.pools:
            await self.api.command("updatePools", update_form(config.pools))


def miner_data(
    host: str, rpc: Mapping[str, Mapping[str, Any]], model: str | None, firmware: str
) -> MinerData:
    """One poll's reading of the summary, stats and pools replies, for ``model``."""
    summary, stats, pools = (rpc.get(name) for name in _POLL)
    row = lookup(model, MAKE)
    rate = replies.hashrate(summary)
    return MinerData(
        host=host,
        make=MAKE,
        model=model,
        firmware=firmware,
        fw_ver=replies.firmware_version(summary),
        algorithm=row.algorithm if row is not None else algorithm_of(model),
        hashrate=rate,
        expected_hashrate=row.hashrate_ths if row is not None else None,
        uptime=replies.uptime(summary),
        hashboards=replies.hashboards(
            stats, row.boards if row else BOARDS, row.chips_per_board if row else None
        ),
        fan_percent=replies.fan_percent(stats),
        pools=cgminer_replies.pools(pools),
        is_mining=None if rate is None else rate > 0,
    )
