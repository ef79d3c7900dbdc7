"""Bitmain stock firmware: RPC (4028) for mining figures, the digest-protected CGI for the rest.

Two generations: modern (X19, S21: new-API stats for boards, JSON CGI bodies) and old
(S9/S17/T17: boards in STATS[1] ``chain_*{i}`` fields, form-encoded CGI bodies).
One poll: a joined ``version+summary+pools+stats`` RPC request and the web reads, all at
once through one session and one digest middleware (modern: the boards, fans and sleep mode
from ``stats.cgi``, which saves the RPC ``stats`` new_api request and get_miner_conf.cgi).

Port 4028 refused (the API switched off, or a build that never opens it): the web serves
every figure, as it does to Bitmain's own UI (modern ``summary.cgi``, ``stats.cgi``,
``pools.cgi``; old ``miner_summary.cgi``, ``miner_stats.cgi``, ``miner_pools.cgi``). A poll
that finds 4028 refused reads those next; while it stays refused they are read with the
rest, and each poll still tries 4028 first (a refusal costs one round trip, no request).
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable
from dataclasses import dataclass, field
from typing import Any, ClassVar

from ...config import MinerConfig, MiningMode
from ...credentials import Firmware
from ...data import Fan, HashBoard, MinerData, MinerError, Pool
from ...errors import (
    ConnectionDroppedError,
    MinerCommandError,
    MinerProtocolError,
    MinerRefusedError,
    UnsupportedOperation,
)
from ...miner import Capability, Miner
from ...models import ANTMINER, ModelInfo, lookup
from ...transport.http import WebClient
from ...transport.rpc import RpcClient
from ...validation import check_config
from .. import cgminer_replies
from ..reads import Objects, optional, optional_objects, run_together
from ..values import first_item, format_mac, text, to_count, to_ths
from . import conf as antminer_conf
from . import replies as antminer_replies
from . import web as antminer_web

_LOGGER = logging.getLogger(__name__)

CGI = "/cgi-bin/"
# The classic ``stats`` puts the miner's figures in STATS[1] (STATS[0] is the version block).
_STATS_FIGURES = 1

type Reads = dict[str, Any]  # name -> a read not yet awaited


@dataclass(slots=True)
class _Figures:
    """What the RPC, or the web in its place, says about mining."""

    version: dict[str, Any]  # CompileTime, API, Type
    hashrate: float | None
    expected_hashrate: float | None
    uptime: int | None
    hashboards: list[HashBoard] = field(default_factory=list)
    fans: list[Fan] = field(default_factory=list)
    pools: list[Pool] = field(default_factory=list)
    wattage: float | None = None  # W; stock firmware reports none, Hiveon does


class AntminerStock(Miner):
    """What both stock generations share."""

    make = ANTMINER
    firmware = "Stock"
    family = Firmware.ANTMINER
    requires_credentials = True
    _POLL_COMMANDS: ClassVar[tuple[str, ...]] = ("version", "summary", "pools", "stats")

    def __init__(self, host: str, **kwargs: Any) -> None:
        super().__init__(host, **kwargs)
        self.rpc = RpcClient(host, timeout=self.timeout, text_fallback=True)
        self.web = WebClient(
            host, lambda: self.session, credentials=self.credentials, timeout=self.timeout
        )
        # 4028 refused at the last poll: its figures are read from the web with the rest.
        self._rpc_refused = False

    @property
    def model_info(self) -> ModelInfo | None:
        return lookup(self.model, ANTMINER)

    # -- poll ----------------------------------------------------------------------------

    async def _get_data(self) -> MinerData:
        by_web = self._rpc_refused
        reads = self._web_reads() | (self._web_figure_reads() if by_web else {})
        rpc, web = await run_together(
            self._unless_refused(self.rpc.multicommand(*self._POLL_COMMANDS)),
            optional_objects(self.host, **reads),
        )
        if rpc is None:
            if not by_web:
                web = web | await optional_objects(self.host, **self._web_figure_reads())
            if not self._rpc_refused:
                _LOGGER.debug("%s: port 4028 refused; reading the figures from the web", self.host)
            self._rpc_refused = True
            figures = self._figures_from_web(web)
        else:
            self._rpc_refused = False
            figures = self._figures_from_rpc(rpc, web)
        system_info = web.get("system_info") or {}
        return MinerData(
            host=self.host,
            make=self.make,
            model=self.model_info.name if self.model_info else self.model,
            firmware=self.firmware,
            fw_ver=text(figures.version.get("CompileTime"))
            or text(system_info.get("system_filesystem_version")),
            api_ver=text(figures.version.get("API")),
            mac=format_mac(system_info.get("macaddr")),
            hostname=text(system_info.get("hostname")),
            serial_number=text(system_info.get("serinum")),
            hashrate=figures.hashrate,
            expected_hashrate=figures.expected_hashrate,
            uptime=figures.uptime,
            hashboards=figures.hashboards,
            fans=figures.fans,
            pools=figures.pools,
            wattage=figures.wattage,
            errors=self._errors(web),
            fault_light=self._fault_light(web.get("blink")),
            is_mining=await self._is_mining(web, figures.hashrate),
        )

    async def _unless_refused[T](self, read: Awaitable[T]) -> T | None:
        """An RPC read; None when port 4028 refuses the connection."""
        try:
            return await read
        except MinerRefusedError as err:
            _LOGGER.debug("%s: %s", self.host, err)
            return None

    def _figures_from_rpc(self, rpc: dict[str, Any], web: Objects) -> _Figures:
        """From RPC-shaped replies: ``version``, ``summary``, ``pools``, classic ``stats``."""
        version = first_item(rpc.get("version"), "VERSION")
        self._learn_model(web.get("system_info") or {}, version)
        model = self.model_info
        summary = first_item(rpc.get("summary"), "SUMMARY")
        classic = first_item(rpc.get("stats"), "STATS", _STATS_FIGURES)
        new_api = first_item(web.get("stats"), "STATS")
        return _Figures(
            version=version,
            hashrate=to_ths(summary.get("GHS 5s"), "GH"),
            expected_hashrate=antminer_replies.expected_hashrate(classic, new_api, model),
            uptime=to_count(classic.get("Elapsed")) or to_count(summary.get("Elapsed")),
            hashboards=self._hashboards(classic, new_api, model),
            fans=antminer_replies.fans(classic, model),
            pools=cgminer_replies.pools(rpc.get("pools")),
        )

    async def get_mac(self) -> str | None:
        """``get_system_info.cgi`` ``macaddr``, with the RPC ``version`` beside it.

        Like a poll, this fails when the RPC API fails (a scan then offers no miner that
        could not be polled), and when 4028 is refused and the web fails too. A refused
        login raises; any other failure of the web read while the RPC answers gives None
        (asked again later).
        """
        version, info = await run_together(
            self._unless_refused(self.rpc.send("version")),
            optional_objects(self.host, system_info=self.web.get_json(CGI + "get_system_info.cgi")),
        )
        if version is None:
            info.need("system_info")  # 4028 refused: the web is all there is
        system_info = info.get("system_info") or {}
        self._learn_model(system_info, first_item(version, "VERSION"))
        return format_mac(system_info.get("macaddr"))

    def _web_reads(self) -> Reads:
        raise NotImplementedError

    def _web_figure_reads(self) -> Reads:
        """What the web holds of the RPC's figures, read when 4028 refuses."""
        raise NotImplementedError

    def _figures_from_web(self, web: Objects) -> _Figures:
        raise NotImplementedError

    def _hashboards(
        self, figures: dict[str, Any], new_api: dict[str, Any], model: ModelInfo | None
    ) -> list[HashBoard]:
        return antminer_replies.classic_boards(figures, model)

    def _errors(self, web: Objects) -> list[MinerError]:
        return []

    def _fault_light(self, blink: dict[str, Any] | None) -> bool | None:
        raise NotImplementedError

    async def _is_mining(self, web: Objects, hashrate: float | None) -> bool | None:
        return _is_mining(web.get("conf"), hashrate)

    def _learn_model(self, system_info: dict[str, Any], version: dict[str, Any]) -> None:
        if self.model_info is not None:
            return
        names = [text(system_info.get("minertype")), text(version.get("Type"))]
        for name in filter(None, names):
            info = lookup(name, ANTMINER)
            self.model = info.name if info else name.split(" (", 1)[0].removeprefix("Antminer ")
            if info is not None:
                return

    # -- reads and controls shared by both generations -----------------------------------

    async def get_config(self) -> MinerConfig:
        return antminer_conf.config_from_conf(await self._current_conf())

    async def _current_conf(self) -> dict[str, Any]:
        conf = await self.web.get_json(CGI + "get_miner_conf.cgi")
        if not isinstance(conf, dict):
            raise MinerProtocolError(f"{self.host}: get_miner_conf.cgi is not an object")
        return conf

    async def _reboot(self) -> None:
        try:
            # The answer is an empty or HTML page on most builds: only the status matters.
            await self.web.request_text("GET", CGI + "reboot.cgi")
        except ConnectionDroppedError as err:
            # The miner may drop the connection as it goes down.
            _LOGGER.debug("%s: connection closed during reboot: %s", self.host, err)

    def _check_config(self, config: MinerConfig) -> None:
        """Every argument, before the configuration is read to be sent back changed."""
        check_config(config, antminer_conf.POOL_SLOTS, f"{self.make} {self.firmware} firmware")

    def _refuse_mode(self, mode: MiningMode) -> UnsupportedOperation:
        if mode is MiningMode.POWER_TARGET:
            return self._unsupported(Capability.POWER_LIMIT)
        return UnsupportedOperation(f"mining mode {mode}", f"{self.make} {self.firmware} firmware")


class AntminerModern(AntminerStock):
    """X19 and S21 families on stock firmware."""

    capabilities = frozenset(
        {
            Capability.REBOOT,
            Capability.STOP_MINING,
            Capability.RESUME_MINING,
            Capability.FAULT_LIGHT,
            Capability.GET_CONFIG,
            Capability.SEND_CONFIG,
        }
    )

    def _web_reads(self) -> Reads:
        return {
            "system_info": self.web.get_json(CGI + "get_system_info.cgi"),
            "blink": self.web.get_json(CGI + "get_blink_status.cgi"),
            "summary": self.web.get_json(CGI + "summary.cgi"),
            "stats": self.web.get_json(CGI + "stats.cgi"),
        }

    def _web_figure_reads(self) -> Reads:
        return {"pools": self.web.get_json(CGI + "pools.cgi")}

    def _figures_from_web(self, web: Objects) -> _Figures:
        summary_reply = web.need("summary")
        summary = first_item(summary_reply, "SUMMARY")
        stats = first_item(web.get("stats"), "STATS")
        info = antminer_web.info(summary_reply) or antminer_web.info(web.get("stats"))
        version = {"CompileTime": info.get("CompileTime"), "Type": info.get("type")}
        self._learn_model(web.get("system_info") or {}, version)
        model = self.model_info
        return _Figures(
            version=version,
            hashrate=antminer_web.hashrate(summary) or antminer_web.hashrate(stats),
            expected_hashrate=antminer_replies.expected_hashrate({}, stats or summary, model),
            uptime=to_count(stats.get("elapsed")) or to_count(summary.get("elapsed")),
            hashboards=antminer_replies.new_api_boards(stats, model),
            fans=antminer_web.fans(stats, model),
            pools=antminer_web.pools(web.get("pools")),
        )

    def _hashboards(
        self, figures: dict[str, Any], new_api: dict[str, Any], model: ModelInfo | None
    ) -> list[HashBoard]:
        # Builds without new_api still list the chains in the classic stats.
        return antminer_replies.new_api_boards(new_api, model) or super()._hashboards(
            figures, new_api, model
        )

    def _errors(self, web: Objects) -> list[MinerError]:
        return antminer_replies.web_errors(web.get("summary"))

    async def _is_mining(self, web: Objects, hashrate: float | None) -> bool | None:
        """stats.cgi ``miner-mode`` (1: sleep); builds without it: get_miner_conf.cgi. With
        stats.cgi unread (the web failing), whether it hashes: no second wait on the web."""
        stats = web.get("stats")
        mode = antminer_web.work_mode(first_item(stats, "STATS"))
        if mode is not None:
            return mode != antminer_conf.WORK_MODE_SLEEP
        if stats is None:
            return _is_mining(None, hashrate)
        conf = await optional(self.web.get_json(CGI + "get_miner_conf.cgi"), self.host, "conf")
        return _is_mining(conf if isinstance(conf, dict) else None, hashrate)

    def _fault_light(self, blink: dict[str, Any] | None) -> bool | None:
        value = (blink or {}).get("blink")
        return value if isinstance(value, bool) else None

    # -- controls ------------------------------------------------------------------------

    async def check_light(self) -> bool:
        return self._fault_light(await self.web.get_json(CGI + "get_blink_status.cgi")) is True

    async def _fault_light_on(self) -> None:
        await self._blink(True)

    async def _fault_light_off(self) -> None:
        await self._blink(False)

    async def _blink(self, on: bool) -> None:
        answer = await self.web.post_json(CGI + "blink.cgi", {"blink": "true" if on else "false"})
        _check_code(answer, "B000" if on else "B100", self.host, "blink.cgi")

    async def _stop_mining(self) -> None:
        await self._set_work_mode(antminer_conf.WORK_MODE_SLEEP)

    async def _resume_mining(self) -> None:
        await self._set_work_mode(antminer_conf.WORK_MODE_NORMAL)

    async def _set_work_mode(self, mode: int) -> None:
        # Only the mode changes; pools, fan and frequency level are sent back as they are.
        current = await self._current_conf()
        body = antminer_conf.modern_conf(antminer_conf.config_from_conf(current), current)
        body["miner-mode"] = mode
        await self._set_conf(body)

    async def _send_config(self, config: MinerConfig) -> None:
        self._check_config(config)
        if antminer_conf.mode_number(config.mining_mode.mode) is None:
            raise self._refuse_mode(config.mining_mode.mode)
        current = await self._current_conf()
        await self._set_conf(antminer_conf.modern_conf(config, current))

    async def _set_conf(self, body: dict[str, Any]) -> None:
        answer = await self.web.post_json(CGI + "set_miner_conf.cgi", body)
        _check_code(answer, "M000", self.host, "set_miner_conf.cgi")


class AntminerOld(AntminerStock):
    """S9, S17 and T17 families on stock firmware (no sleep mode)."""

    capabilities = frozenset(
        {
            Capability.REBOOT,
            Capability.FAULT_LIGHT,
            Capability.GET_CONFIG,
            Capability.SEND_CONFIG,
        }
    )

    def _web_reads(self) -> Reads:
        return {
            "system_info": self.web.get_json(CGI + "get_system_info.cgi"),
            "blink": self.web.post_form(CGI + "blink.cgi", {"action": "onPageLoaded"}),
            "conf": self.web.get_json(CGI + "get_miner_conf.cgi"),
        }

    def _web_figure_reads(self) -> Reads:
        # The RPC replies as the web UI's status page reads them (JSON, same shape).
        return {
            "miner_summary": self.web.get_json(CGI + "miner_summary.cgi"),
            "miner_stats": self.web.get_json(CGI + "miner_stats.cgi"),
            "miner_pools": self.web.get_json(CGI + "miner_pools.cgi"),
        }

    def _figures_from_web(self, web: Objects) -> _Figures:
        stats = web.get("miner_stats")
        rpc = {
            "version": {"VERSION": [first_item(stats, "STATS")]},  # the version block
            "summary": web.need("miner_summary"),
            "stats": stats,
            "pools": web.get("miner_pools"),
        }
        return self._figures_from_rpc(rpc, web)

    def _fault_light(self, blink: dict[str, Any] | None) -> bool | None:
        value = (blink or {}).get("isBlinking")
        return value if isinstance(value, bool) else None

    # -- controls ------------------------------------------------------------------------

    async def check_light(self) -> bool:
        status = await self.web.post_form(CGI + "blink.cgi", {"action": "onPageLoaded"})
        return self._fault_light(status) is True

    async def _fault_light_on(self) -> None:
        await self.web.post_form(CGI + "blink.cgi", {"action": "startBlink"})

    async def _fault_light_off(self) -> None:
        await self.web.post_form(CGI + "blink.cgi", {"action": "stopBlink"})

    async def _send_config(self, config: MinerConfig) -> None:
        self._check_config(config)
        if config.mining_mode.mode is not MiningMode.NORMAL:
            raise self._refuse_mode(config.mining_mode.mode)
        form = antminer_conf.old_conf_form(config, await self._current_conf())
        # Old firmware answers "ok" (or nothing), not JSON.
        await self.web.request_text("POST", CGI + "set_miner_conf.cgi", data=form)


def _is_mining(conf: dict[str, Any] | None, hashrate: float | None) -> bool | None:
    """Not sleeping per ``bitmain-work-mode``; without the config, whether it hashes."""
    mode = antminer_conf.work_mode(conf) if conf else None
    if mode is not None:
        return mode != antminer_conf.WORK_MODE_SLEEP
    return None if hashrate is None else hashrate > 0


def _check_code(answer: Any, expected: str, host: str, endpoint: str) -> None:
    code = answer.get("code") if isinstance(answer, dict) else None
    if code is not None and code != expected:
        raise MinerCommandError(f"{host}: {endpoint} answered {code}", code=code)
