"""MSKMiner on Antminers: figures from BMMiner's RPC, the MAC from the web's info_v1.

One poll: the joined ``version+stats+pools`` RPC request (BMMiner joins; a build that does
not is asked one command at a time). The web is read for the MAC alone, so its login and
``info_v1`` follow only on the first poll, when the uptime does not follow the clock (a
reboot; another miner at the address, and the miner back after it) and while the MAC is
unknown: a failure of it leaves the MAC unknown for that poll, a refused login fails the
poll (re-auth). No control is known to work over
its interfaces (pyasic's MSKMiner has none): every one raises UnsupportedOperation.
"""

from __future__ import annotations

import time
from typing import Any

from ...credentials import Firmware
from ...data import MinerData
from ...miner import Miner
from ...models import ANTMINER, ModelInfo, lookup
from ...transport.http import WebClient
from ...transport.json_repair import parse_json
from ...transport.rpc import RpcClient
from .. import cgminer_replies
from ..antminer import replies as antminer_replies
from ..reads import optional
from ..uptime import uptime_follows
from ..values import first_item, text, to_count, to_ths
from . import replies

_STATS_FIGURES = 1  # STATS[0] is the version block
_POLL = ("version", "stats", "pools")
LOGIN = "/admin/login"
INFO = "/api/info_v1"


class MskMiner(Miner):
    make = ANTMINER
    firmware = "MSKMiner"
    family = Firmware.MSKMINER
    requires_credentials = True  # the web login, for the MAC

    def __init__(self, host: str, **kwargs: Any) -> None:
        super().__init__(host, **kwargs)
        self.rpc = RpcClient(host, timeout=self.timeout, text_fallback=True)
        self.web = WebClient(host, lambda: self.session, timeout=self.timeout)
        self._mac: str | None = None
        self._uptime_seen: tuple[int, float] | None = None  # at the last poll, and when

    @property
    def model_info(self) -> ModelInfo | None:
        return lookup(self.model, ANTMINER)

    async def _info(self) -> dict[str, Any] | None:
        """Log in (as pyasic's MSKMinerWebAPI does), then info_v1."""
        login = {
            "username": self.credentials.username or "",
            "password": self.credentials.password or "",
        }
        await self.web.request_text("POST", LOGIN, data=login)
        info = parse_json(await self.web.request_text("POST", INFO))
        return info if isinstance(info, dict) else None

    async def get_mac(self) -> str | None:
        return replies.mac(await self._info())

    async def _get_data(self) -> MinerData:
        rpc = await self.rpc.multicommand(*_POLL)
        version = replies.version_block(rpc.get("version"))
        type_ = replies.type_of(version)
        if self.model is None:
            self.model = replies.model_name(type_)
        model = self.model_info
        figures = first_item(rpc.get("stats"), "STATS", _STATS_FIGURES)
        hashrate = to_ths(figures.get("GHS 5s"), "GH")
        uptime, now = to_count(figures.get("Elapsed")), time.monotonic()
        if self._mac is None or not uptime_follows(self._uptime_seen, uptime, now):
            self._mac = replies.mac(await optional(self._info(), self.host, "info_v1"))
        self._uptime_seen = None if uptime is None else (uptime, now)
        return MinerData(
            host=self.host,
            make=self.make,
            model=model.name if model else self.model,
            firmware=self.firmware,
            fw_ver=replies.firmware_version(type_) or text(version.get("CompileTime")),
            api_ver=text(version.get("API")),
            mac=self._mac,
            hashrate=hashrate,
            expected_hashrate=antminer_replies.expected_hashrate(figures, {}, model),
            uptime=uptime,
            hashboards=antminer_replies.classic_boards(figures, model),
            fans=antminer_replies.fans(figures, model),
            pools=cgminer_replies.pools(rpc.get("pools")),
            wattage=replies.wattage(figures),
            is_mining=None if hashrate is None else hashrate > 0,
        )
