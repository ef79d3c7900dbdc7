"""Hammer D10 ("blackMiner" firmware): figures from ccminer's RPC, the rest from the web.

One poll: ``version``, ``summary``, ``stats`` and ``pools`` sent one each (ccminer; no
join is known to work) on the RPC port pyasic's CCMinerRPCAPI uses (8359), with the web's
``get_system_info`` (MAC, host name), ``get_blink_status`` and ``get_miner_conf`` (work
mode) through one digest session (root / root as shipped). Controls: reboot, the fault
light (``blink.cgi``), and stop / resume mining by ``bitmain-work-mode`` in
``set_miner_conf.cgi``, the rest of the configuration sent back as read.
"""

from __future__ import annotations

from typing import Any, ClassVar

from ...algorithm import Algorithm
from ...credentials import Firmware
from ...data import MinerData
from ...miner import Miner
from ...models import ModelInfo, lookup
from ...transport.http import WebClient
from ...transport.rpc import RpcClient
from .. import cgi_controls, cgminer_replies, reads
from ..antminer import replies as antminer_replies
from ..values import first_item, format_mac, text, to_count, to_ths
from . import replies
from .models import MAKE

CGI = cgi_controls.CGI
SYSTEM_INFO = CGI + "get_system_info.cgi"
CONF = CGI + "get_miner_conf.cgi"
RPC_PORT = 8359  # pyasic rpc/ccminer.py
_STATS_FIGURES = 1


class BlackMiner(cgi_controls.CgiControls, Miner):
    """What the "blackMiner" firmware of Hammer and VolcMiner shares."""

    make = MAKE
    firmware = "Stock"
    family = Firmware.HAMMER
    requires_credentials = True
    work_mode_key = replies.WORK_MODE_KEY
    work_mode_sleep = replies.WORK_MODE_SLEEP
    work_mode_normal = replies.WORK_MODE_NORMAL
    capabilities = cgi_controls.CAPABILITIES
    default_algorithm: ClassVar[Algorithm] = Algorithm.SCRYPT

    def __init__(self, host: str, **kwargs: Any) -> None:
        super().__init__(host, **kwargs)
        self.rpc = RpcClient(host, port=RPC_PORT, timeout=self.timeout)
        self.web = WebClient(
            host, lambda: self.session, credentials=self.credentials, timeout=self.timeout
        )

    @property
    def model_info(self) -> ModelInfo | None:
        return lookup(self.model, self.make)

    async def get_mac(self) -> str | None:
        info = await self.web.get_json(SYSTEM_INFO)
        return format_mac(info.get("macaddr")) if isinstance(info, dict) else None

    async def _get_data(self) -> MinerData:
        version, summary, stats, pools = await reads.run_together(
            self.rpc.send("version"),
            self.rpc.send("summary"),
            self.rpc.send("stats"),
            self.rpc.send("pools"),
        )
        web = await reads.optional_objects(
            self.host,
            system_info=self.web.get_json(SYSTEM_INFO),
            blink=self.web.get_json(CGI + "get_blink_status.cgi"),
            conf=self.web.get_json(CONF),
        )
        version_block = first_item(version, "VERSION")
        system_info = web.get("system_info") or {}
        if self.model_info is None:
            name = text(system_info.get("minertype")) or text(version_block.get("Type"))
            self.model = _model_name(name, self.make)
        model = self.model_info
        figures = first_item(stats, "STATS", _STATS_FIGURES)
        hashrate = to_ths(first_item(summary, "SUMMARY").get("MHS 5s"), "MH")
        return MinerData(
            host=self.host,
            make=self.make,
            model=model.name if model else self.model,
            firmware=self.firmware,
            fw_ver=text(version_block.get("CompileTime")),
            api_ver=text(version_block.get("API")),
            mac=format_mac(system_info.get("macaddr")),
            hostname=text(system_info.get("hostname")),
            hashrate=hashrate,
            expected_hashrate=model.hashrate_ths if model else None,
            uptime=to_count(figures.get("Elapsed")),
            hashboards=replies.boards(figures, model),
            fans=antminer_replies.fans(figures, model),
            pools=cgminer_replies.pools(pools),
            fault_light=replies.fault_light(web.get("blink")),
            is_mining=replies.is_mining(web.get("conf"), hashrate),
            algorithm=model.algorithm if model else self.default_algorithm,
        )

    async def check_light(self) -> bool:
        answer = await self.web.get_json(CGI + "get_blink_status.cgi")
        return replies.fault_light(answer if isinstance(answer, dict) else None) is True


class HammerMiner(BlackMiner):
    """A Hammer (D10)."""


def _model_name(name: str | None, make: str) -> str | None:
    """ "Hammer D10" → the table's "D10"; an unknown name without the make's word."""
    if not name:
        return None
    row = lookup(name.upper().removeprefix(make.upper()).strip(), make)
    return row.name if row else name.upper().removeprefix(make.upper()).strip() or name
