"""Elphapex DG1 family: every figure from the digest-protected CGI web (no RPC is known).

One poll: ``get_system_info``, ``summary``, ``stats``, ``pools``, ``get_blink_status`` and
``get_miner_conf`` (the work mode, pyasic's is_mining), together through one digest
session; the reads are pyasic's ElphapexMiner's (backends/elphapex.py). Controls: reboot,
the fault light (``blink.cgi``, answered B000 / B100 as pyasic checks), and stop / resume
mining by ``fc-work-mode`` (1: sleep) in ``set_miner_conf.cgi``, the rest of the
configuration sent back as read.
"""

from __future__ import annotations

from typing import Any

from ...algorithm import Algorithm
from ...credentials import Firmware
from ...data import MinerData
from ...miner import Miner
from ...models import ModelInfo, lookup
from ...transport.http import WebClient
from ...transport.json_repair import parse_json
from .. import cgi_controls, reads
from ..antminer import replies as antminer_replies
from ..antminer import web as antminer_web
from ..values import first_item, format_mac, text, to_count
from . import replies
from .models import MAKE

CGI = cgi_controls.CGI
SYSTEM_INFO = CGI + "get_system_info.cgi"
CONF = CGI + "get_miner_conf.cgi"


class ElphapexMiner(cgi_controls.CgiControls, Miner):
    make = MAKE
    firmware = "Stock"
    family = Firmware.ELPHAPEX
    requires_credentials = True
    work_mode_key = replies.WORK_MODE_KEY
    work_mode_sleep = replies.WORK_MODE_SLEEP
    work_mode_normal = replies.WORK_MODE_NORMAL
    capabilities = cgi_controls.CAPABILITIES

    def __init__(self, host: str, **kwargs: Any) -> None:
        super().__init__(host, **kwargs)
        self.web = WebClient(
            host, lambda: self.session, credentials=self.credentials, timeout=self.timeout
        )

    @property
    def model_info(self) -> ModelInfo | None:
        return lookup(self.model, MAKE)

    async def get_mac(self) -> str | None:
        info = await self.web.get_json(SYSTEM_INFO)
        info = info if isinstance(info, dict) else {}
        self._learn_model(info)
        return format_mac(info.get("macaddr"))

    def _learn_model(self, system_info: dict[str, Any]) -> None:
        if self.model_info is None and (name := text(system_info.get("minertype"))):
            model = lookup(name, MAKE)
            self.model = model.name if model else name

    async def _get_data(self) -> MinerData:
        web = await reads.optional_objects(
            self.host,
            system_info=self._read(SYSTEM_INFO),
            summary=self._read(CGI + "summary.cgi"),
            stats=self._read(CGI + "stats.cgi"),
            pools=self._read(CGI + "pools.cgi"),
            blink=self._read(CGI + "get_blink_status.cgi"),
            conf=self._read(CONF),
        )
        summary_reply = web.need("summary")
        system_info = web.get("system_info") or {}
        self._learn_model(system_info)
        model = self.model_info
        summary = first_item(summary_reply, "SUMMARY")
        stats = first_item(web.get("stats"), "STATS")
        hashrate = antminer_web.hashrate(summary) or antminer_web.hashrate(stats)
        blink = (web.get("blink") or {}).get("blink")
        return MinerData(
            host=self.host,
            make=self.make,
            model=model.name if model else self.model,
            firmware=self.firmware,
            fw_ver=replies.firmware_version(system_info),
            api_ver=replies.api_version(summary_reply),
            mac=format_mac(system_info.get("macaddr")),
            hostname=text(system_info.get("hostname")),
            serial_number=text(antminer_web.info(summary_reply).get("dev_sn")),
            hashrate=hashrate,
            expected_hashrate=antminer_replies.expected_hashrate({}, summary or stats, model),
            uptime=to_count(summary.get("elapsed")) or to_count(stats.get("elapsed")),
            hashboards=replies.boards(stats, model),
            fans=antminer_web.fans(stats, model),
            pools=antminer_web.pools(web.get("pools")),
            errors=antminer_replies.web_errors(summary_reply),
            fault_light=blink if isinstance(blink, bool) else None,
            is_mining=replies.is_mining(web.get("conf"), hashrate),
            algorithm=model.algorithm if model else Algorithm.SCRYPT,
        )

    async def _read(self, path: str) -> Any:
        """A CGI reply; one cut short fails (TruncatedReplyError) rather than being read as
        the figures it still holds: a summary without its end is no summary."""
        return parse_json(await self.web.request_text("GET", path), allow_truncated=False)

    async def check_light(self) -> bool:
        answer = await self.web.get_json(CGI + "get_blink_status.cgi")
        return isinstance(answer, dict) and answer.get("blink") is True
