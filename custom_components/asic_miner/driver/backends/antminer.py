"""Bitmain stock firmware: RPC (4028) for mining figures, the digest-protected CGI for the rest.

Two generations: modern (X19, S21: ``stats`` new_api for boards, JSON CGI bodies) and old
(S9/S17/T17: boards in STATS[1] ``chain_*{i}`` fields, form-encoded CGI bodies).
One poll: a joined ``version+summary+pools+stats`` RPC request, (modern) ``stats`` new_api,
and the web reads, all at once through one session and one digest middleware.
"""

from __future__ import annotations

import logging
from typing import Any, ClassVar

from ..config import MinerConfig, MiningMode
from ..credentials import Firmware
from ..data import HashBoard, MinerData, MinerError
from ..errors import (
    ConnectionDroppedError,
    MinerCommandError,
    MinerProtocolError,
    UnsupportedOperation,
)
from ..miner import Capability, Miner
from ..models import ANTMINER, ModelInfo, lookup
from ..transport.http import WebClient
from ..transport.rpc import Reply, RpcClient
from ..validation import check_config
from . import antminer_conf, antminer_replies
from .reads import optional, optional_objects, run_together
from .values import first_item, format_mac, text, to_count, to_ths

_LOGGER = logging.getLogger(__name__)

CGI = "/cgi-bin/"
# The classic ``stats`` puts the miner's figures in STATS[1] (STATS[0] is the version block).
_STATS_FIGURES = 1


class AntminerStock(Miner):
    """What both stock generations share."""

    make = ANTMINER
    firmware = "Stock"
    family = Firmware.ANTMINER
    requires_credentials = True
    _POLL_COMMANDS: ClassVar[tuple[str, ...]] = ("version", "summary", "pools", "stats")

    def __init__(self, host: str, **kwargs: Any) -> None:
        super().__init__(host, **kwargs)
        self.rpc = RpcClient(host, timeout=self.timeout)
        self.web = WebClient(
            host, lambda: self.session, credentials=self.credentials, timeout=self.timeout
        )

    @property
    def model_info(self) -> ModelInfo | None:
        return lookup(self.model, ANTMINER)

    # -- poll ----------------------------------------------------------------------------

    async def _get_data(self) -> MinerData:
        rpc, new_api, web = await run_together(
            self.rpc.multicommand(*self._POLL_COMMANDS),
            optional(self._new_api_stats(), self.host, "stats new_api"),
            self._web_reads(),
        )
        system_info = web.get("system_info") or {}
        version = first_item(rpc.get("version"), "VERSION")
        self._learn_model(system_info, version)
        model = self.model_info
        summary = first_item(rpc.get("summary"), "SUMMARY")
        figures = first_item(rpc.get("stats"), "STATS", _STATS_FIGURES)
        new_api_figures = first_item(new_api, "STATS")
        hashrate = to_ths(summary.get("GHS 5s"), "GH")
        return MinerData(
            host=self.host,
            make=self.make,
            model=model.name if model else self.model,
            firmware=self.firmware,
            fw_ver=text(version.get("CompileTime"))
            or text(system_info.get("system_filesystem_version")),
            api_ver=text(version.get("API")),
            mac=format_mac(system_info.get("macaddr")),
            hostname=text(system_info.get("hostname")),
            serial_number=text(system_info.get("serinum")),
            hashrate=hashrate,
            expected_hashrate=antminer_replies.expected_hashrate(figures, new_api_figures, model),
            uptime=to_count(figures.get("Elapsed")) or to_count(summary.get("Elapsed")),
            hashboards=self._hashboards(figures, new_api_figures, model),
            fans=antminer_replies.fans(figures, model),
            pools=antminer_replies.pools(rpc.get("pools")),
            errors=self._errors(web),
            fault_light=self._fault_light(web.get("blink")),
            is_mining=_is_mining(web.get("conf"), hashrate),
        )

    async def get_mac(self) -> str | None:
        """``get_system_info.cgi`` ``macaddr``, with the RPC ``version`` beside it.

        The RPC answer is what every poll needs: like a poll, this fails when the RPC API
        does not answer (a scan then offers no miner that could not be polled). A refused
        login raises; any other failure of the web read gives None (asked again later).
        """
        version, system_info = await run_together(
            self.rpc.send("version"),
            optional(self.web.get_json(CGI + "get_system_info.cgi"), self.host, "system info"),
        )
        info = system_info if isinstance(system_info, dict) else {}
        self._learn_model(info, first_item(version, "VERSION"))
        return format_mac(info.get("macaddr"))

    async def _new_api_stats(self) -> Reply | None:
        return None

    async def _web_reads(self) -> dict[str, dict[str, Any] | None]:
        raise NotImplementedError

    def _hashboards(
        self, figures: dict[str, Any], new_api: dict[str, Any], model: ModelInfo | None
    ) -> list[HashBoard]:
        return antminer_replies.classic_boards(figures, model)

    def _errors(self, web: dict[str, dict[str, Any] | None]) -> list[MinerError]:
        return []

    def _fault_light(self, blink: dict[str, Any] | None) -> bool | None:
        raise NotImplementedError

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

    async def _new_api_stats(self) -> Reply | None:
        return await self.rpc.send("stats", new_api=True)

    async def _web_reads(self) -> dict[str, dict[str, Any] | None]:
        return await optional_objects(
            self.host,
            system_info=self.web.get_json(CGI + "get_system_info.cgi"),
            blink=self.web.get_json(CGI + "get_blink_status.cgi"),
            conf=self.web.get_json(CGI + "get_miner_conf.cgi"),
            summary=self.web.get_json(CGI + "summary.cgi"),
        )

    def _hashboards(
        self, figures: dict[str, Any], new_api: dict[str, Any], model: ModelInfo | None
    ) -> list[HashBoard]:
        # Builds without new_api still list the chains in the classic stats.
        return antminer_replies.new_api_boards(new_api, model) or super()._hashboards(
            figures, new_api, model
        )

    def _errors(self, web: dict[str, dict[str, Any] | None]) -> list[MinerError]:
        return antminer_replies.web_errors(web.get("summary"))

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

    async def _web_reads(self) -> dict[str, dict[str, Any] | None]:
        return await optional_objects(
            self.host,
            system_info=self.web.get_json(CGI + "get_system_info.cgi"),
            blink=self.web.post_form(CGI + "blink.cgi", {"action": "onPageLoaded"}),
            conf=self.web.get_json(CGI + "get_miner_conf.cgi"),
        )

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
