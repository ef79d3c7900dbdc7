"""Bitmain stock firmware: RPC (4028) for mining figures, the digest-protected CGI for the rest.

Two generations: modern (X19, S21: ``stats`` new_api for boards, JSON CGI bodies) and old
(S9/S17/T17: boards in STATS[1] ``chain_*{i}`` fields, form-encoded CGI bodies).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable
from typing import Any, ClassVar, TypeVar

from ..config import MinerConfig, MiningMode
from ..credentials import Firmware
from ..data import Fan, HashBoard, MinerData, MinerError, Pool
from ..errors import (
    AsicMinerError,
    MinerAuthenticationError,
    MinerCommandError,
    MinerProtocolError,
    UnsupportedOperation,
)
from ..miner import Capability, Miner
from ..models import ANTMINER, ModelInfo, lookup
from ..transport.http import ConnectionDroppedError, WebClient
from ..transport.rpc import Reply, RpcClient
from . import antminer_conf
from .values import first_item, format_mac, mean_of_readings, text, to_float, to_int, to_ths

_LOGGER = logging.getLogger(__name__)
_T = TypeVar("_T")

# The classic ``stats`` puts the miner's figures in STATS[1] (STATS[0] is the version block).
_STATS_FIGURES = 1
# fan{n} keys start at 1 or 5 depending on the control board.
_FAN_GROUPS = (1, 5)
# chain_acn{n} keys start at 1, 6 or 11 on old firmware depending on the control board.
_BOARD_GROUPS = (1, 6, 11)
_GROUP_WIDTH = 5


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

    async def get_data(self) -> MinerData:
        rpc, extra, web = await asyncio.gather(
            self.rpc.multicommand(*self._POLL_COMMANDS),
            self._optional(self._extra_rpc_reads(), "extra RPC reads"),
            self._web_reads(),
        )
        system_info = web.get("system_info") or {}
        self._learn_model(system_info, first_item(rpc.get("version"), "VERSION"))
        data = MinerData(
            host=self.host,
            make=self.make,
            model=self._model_name(),
            firmware=self.firmware,
        )
        self._fill_identity(data, rpc, system_info)
        self._fill_mining(data, rpc, extra or {})
        data.pools = _pools(rpc.get("pools"))
        data.errors = self._errors(web)
        data.fault_light = self._fault_light(web.get("blink"))
        data.is_mining = self._is_mining(web.get("conf"), data.hashrate)
        return data

    async def _extra_rpc_reads(self) -> dict[str, Reply]:
        return {}

    def _web_reads(self) -> Awaitable[dict[str, Any]]:
        raise NotImplementedError

    async def _gather_web(self, **reads: Awaitable[Any]) -> dict[str, Any]:
        """Run optional web reads together; an auth failure in any of them is raised."""
        names = list(reads)
        outcomes = await asyncio.gather(*reads.values(), return_exceptions=True)
        results: dict[str, Any] = {}
        for name, outcome in zip(names, outcomes, strict=True):
            if isinstance(outcome, MinerAuthenticationError):
                raise outcome
            if isinstance(outcome, AsicMinerError):
                _LOGGER.debug("%s: web read %s skipped: %s", self.host, name, outcome)
                results[name] = None
            elif isinstance(outcome, BaseException):
                raise outcome
            else:
                results[name] = outcome if isinstance(outcome, dict) else None
        return results

    async def _optional(self, read: Awaitable[_T], what: str) -> _T | None:
        try:
            return await read
        except MinerAuthenticationError:
            raise
        except AsicMinerError as err:
            _LOGGER.debug("%s: %s skipped: %s", self.host, what, err)
            return None

    def _learn_model(self, system_info: dict[str, Any], version: dict[str, Any]) -> None:
        if self.model_info is not None:
            return
        for candidate in (system_info.get("minertype"), version.get("Type")):
            name = text(candidate)
            if name is None:
                continue
            info = lookup(name, ANTMINER)
            self.model = info.name if info else name.split(" (", 1)[0].replace("Antminer ", "")
            if info is not None:
                return

    def _model_name(self) -> str | None:
        info = self.model_info
        return info.name if info else self.model

    def _fill_identity(
        self, data: MinerData, rpc: dict[str, Reply], system_info: dict[str, Any]
    ) -> None:
        version = first_item(rpc.get("version"), "VERSION")
        data.fw_ver = text(version.get("CompileTime")) or text(
            system_info.get("system_filesystem_version")
        )
        data.api_ver = text(version.get("API"))
        data.mac = format_mac(system_info.get("macaddr"))
        data.hostname = text(system_info.get("hostname"))
        data.serial_number = text(system_info.get("serinum"))

    def _fill_mining(self, data: MinerData, rpc: dict[str, Reply], extra: dict[str, Reply]) -> None:
        summary = first_item(rpc.get("summary"), "SUMMARY")
        figures = first_item(rpc.get("stats"), "STATS", _STATS_FIGURES)
        data.hashrate = to_ths(summary.get("GHS 5s"), "GH")
        data.expected_hashrate = self._expected_hashrate(figures, extra)
        data.uptime = to_int(figures.get("Elapsed")) or to_int(summary.get("Elapsed"))
        data.fans = self._fans(figures)
        data.hashboards = self._hashboards(figures, extra)

    def _expected_hashrate(self, figures: dict[str, Any], extra: dict[str, Reply]) -> float | None:
        ideal = to_ths(figures.get("total_rateideal"), figures.get("rate_unit") or "GH")
        if ideal:
            return ideal
        info = self.model_info
        return info.hashrate_ths if info else None

    def _fans(self, figures: dict[str, Any]) -> list[Fan]:
        info = self.model_info
        start = next(
            (
                group
                for group in _FAN_GROUPS
                if any(to_int(figures.get(f"fan{group + i}")) for i in range(4))
            ),
            _FAN_GROUPS[0],
        )
        if info is not None:
            count = info.fans
        else:
            count = sum(1 for i in range(4) if f"fan{start + i}" in figures)
        return [Fan(speed=to_int(figures.get(f"fan{start + i}"))) for i in range(count)]

    def _hashboards(self, figures: dict[str, Any], extra: dict[str, Reply]) -> list[HashBoard]:
        raise NotImplementedError

    def _errors(self, web: dict[str, Any]) -> list[MinerError]:
        return []

    def _fault_light(self, blink: dict[str, Any] | None) -> bool | None:
        raise NotImplementedError

    def _is_mining(self, conf: dict[str, Any] | None, hashrate: float | None) -> bool | None:
        mode = antminer_conf.work_mode(conf) if conf else None
        if mode is not None:
            return mode != antminer_conf.WORK_MODE_SLEEP
        return None if hashrate is None else hashrate > 0

    # -- reads and controls shared by both generations -----------------------------------

    async def get_config(self) -> MinerConfig:
        return antminer_conf.config_from_conf(await self._current_conf())

    async def _current_conf(self) -> dict[str, Any]:
        conf = await self.web.get_json("/cgi-bin/get_miner_conf.cgi")
        if not isinstance(conf, dict):
            raise MinerProtocolError(f"{self.host}: get_miner_conf.cgi is not an object")
        return conf

    async def reboot(self) -> None:
        try:
            # The answer is an empty or HTML page on most builds: only the status matters.
            await self.web.request_text("GET", "/cgi-bin/reboot.cgi")
        except ConnectionDroppedError as err:
            # The miner may drop the connection as it goes down.
            _LOGGER.debug("%s: connection closed during reboot: %s", self.host, err)

    def _check_config(self, config: MinerConfig) -> None:
        if config.mining_mode.mode is MiningMode.POWER_TARGET:
            raise self._unsupported(Capability.POWER_LIMIT)
        if antminer_conf.mode_number(config.mining_mode.mode) is None:
            raise UnsupportedOperation(
                f"mining mode {config.mining_mode.mode}", f"{self.make} {self.firmware} firmware"
            )


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

    async def _extra_rpc_reads(self) -> dict[str, Reply]:
        return {"boards": await self.rpc.send("stats", new_api=True)}

    def _web_reads(self) -> Awaitable[dict[str, Any]]:
        return self._gather_web(
            system_info=self.web.get_json("/cgi-bin/get_system_info.cgi"),
            blink=self.web.get_json("/cgi-bin/get_blink_status.cgi"),
            conf=self.web.get_json("/cgi-bin/get_miner_conf.cgi"),
            summary=self.web.get_json("/cgi-bin/summary.cgi"),
        )

    def _expected_hashrate(self, figures: dict[str, Any], extra: dict[str, Reply]) -> float | None:
        ideal = to_ths(figures.get("total_rateideal"), figures.get("rate_unit") or "GH")
        if ideal:
            return ideal
        new_api = first_item(extra.get("boards"), "STATS")
        ideal = to_ths(new_api.get("rate_ideal"), new_api.get("rate_unit") or "GH")
        if ideal:
            return ideal
        return super()._expected_hashrate(figures, extra)

    def _hashboards(self, figures: dict[str, Any], extra: dict[str, Reply]) -> list[HashBoard]:
        new_api = first_item(extra.get("boards"), "STATS")
        chains = new_api.get("chain")
        if not isinstance(chains, list):
            return []
        unit = str(new_api.get("rate_unit") or "GH")
        info = self.model_info
        expected_chips = info.chips_per_board if info else None
        boards: dict[int, HashBoard] = {}
        for position, chain in enumerate(chains):
            if not isinstance(chain, dict):
                continue
            slot = to_int(chain.get("index"))
            slot = position if slot is None else slot
            chips = to_int(chain.get("asic_num"))
            boards[slot] = HashBoard(
                slot=slot,
                hashrate=to_ths(chain.get("rate_real"), unit),
                temp=mean_of_readings(_as_list(chain.get("temp_pcb"))),
                chip_temp=mean_of_readings(_as_list(chain.get("temp_chip"))),
                chips=chips,
                expected_chips=expected_chips,
                serial_number=text(chain.get("sn")),
                missing=not chips,
            )
        count = max(info.boards if info else 0, len(boards))
        return [
            boards.get(slot) or HashBoard(slot=slot, expected_chips=expected_chips, missing=True)
            for slot in range(count)
        ]

    def _errors(self, web: dict[str, Any]) -> list[MinerError]:
        summary = first_item(web.get("summary"), "SUMMARY")
        errors: list[MinerError] = []
        for item in _as_list(summary.get("status")):
            if isinstance(item, dict) and item.get("status") not in ("s", None):
                errors.append(
                    MinerError(code=text(item.get("type")), message=str(item.get("msg") or ""))
                )
        return errors

    def _fault_light(self, blink: dict[str, Any] | None) -> bool | None:
        value = (blink or {}).get("blink")
        return value if isinstance(value, bool) else None

    # -- controls ------------------------------------------------------------------------

    async def check_light(self) -> bool:
        status = await self.web.get_json("/cgi-bin/get_blink_status.cgi")
        return bool(isinstance(status, dict) and status.get("blink") is True)

    async def fault_light_on(self) -> None:
        await self._blink(True)

    async def fault_light_off(self) -> None:
        await self._blink(False)

    async def _blink(self, on: bool) -> None:
        answer = await self.web.post_json(
            "/cgi-bin/blink.cgi", {"blink": "true" if on else "false"}
        )
        expected = "B000" if on else "B100"
        code = answer.get("code") if isinstance(answer, dict) else None
        if code is not None and code != expected:
            raise MinerCommandError(f"{self.host}: blink.cgi answered {code}", code=code)

    async def stop_mining(self) -> None:
        await self._set_work_mode(antminer_conf.WORK_MODE_SLEEP)

    async def resume_mining(self) -> None:
        await self._set_work_mode(antminer_conf.WORK_MODE_NORMAL)

    async def _set_work_mode(self, mode: int) -> None:
        current = await self._current_conf()
        body = antminer_conf.modern_conf(antminer_conf.config_from_conf(current), current)
        body["miner-mode"] = mode
        await self._set_conf(body)

    async def send_config(self, config: MinerConfig) -> None:
        self._check_config(config)
        current = await self._current_conf()
        try:
            body = antminer_conf.modern_conf(config, current)
        except antminer_conf.PoolCountError as err:
            raise UnsupportedOperation(str(err), f"{self.make} {self.firmware} firmware") from err
        await self._set_conf(body)

    async def _set_conf(self, body: dict[str, Any]) -> None:
        answer = await self.web.post_json("/cgi-bin/set_miner_conf.cgi", body)
        code = answer.get("code") if isinstance(answer, dict) else None
        if code is not None and code != "M000":
            raise MinerCommandError(f"{self.host}: set_miner_conf.cgi answered {code}", code=code)


class AntminerOld(AntminerStock):
    """S9, S17 and T17 families on stock firmware."""

    capabilities = frozenset(
        {
            Capability.REBOOT,
            Capability.FAULT_LIGHT,
            Capability.GET_CONFIG,
            Capability.SEND_CONFIG,
        }
    )

    def _web_reads(self) -> Awaitable[dict[str, Any]]:
        return self._gather_web(
            system_info=self.web.get_json("/cgi-bin/get_system_info.cgi"),
            blink=self.web.post_form("/cgi-bin/blink.cgi", {"action": "onPageLoaded"}),
            conf=self.web.get_json("/cgi-bin/get_miner_conf.cgi"),
        )

    def _hashboards(self, figures: dict[str, Any], extra: dict[str, Reply]) -> list[HashBoard]:
        if not figures:
            return []
        start = next(
            (
                group
                for group in _BOARD_GROUPS
                if any(to_int(figures.get(f"chain_acn{group + i}")) for i in range(_GROUP_WIDTH))
            ),
            _BOARD_GROUPS[0],
        )
        info = self.model_info
        if info is not None:
            count = info.boards
        else:
            count = sum(1 for i in range(_GROUP_WIDTH) if f"chain_acn{start + i}" in figures)
        boards = []
        for slot in range(count):
            index = start + slot
            chips = to_int(figures.get(f"chain_acn{index}"))
            boards.append(
                HashBoard(
                    slot=slot,
                    hashrate=to_ths(figures.get(f"chain_rate{index}"), "GH"),
                    temp=_reading(figures.get(f"temp{index}")),
                    chip_temp=_reading(figures.get(f"temp2_{index}")),
                    chips=chips,
                    expected_chips=info.chips_per_board if info else None,
                    missing=not chips,
                )
            )
        return boards

    def _fault_light(self, blink: dict[str, Any] | None) -> bool | None:
        value = (blink or {}).get("isBlinking")
        return value if isinstance(value, bool) else None

    # -- controls ------------------------------------------------------------------------

    async def check_light(self) -> bool:
        status = await self.web.post_form("/cgi-bin/blink.cgi", {"action": "onPageLoaded"})
        return bool(isinstance(status, dict) and status.get("isBlinking") is True)

    async def fault_light_on(self) -> None:
        await self.web.post_form("/cgi-bin/blink.cgi", {"action": "startBlink"})

    async def fault_light_off(self) -> None:
        await self.web.post_form("/cgi-bin/blink.cgi", {"action": "stopBlink"})

    async def send_config(self, config: MinerConfig) -> None:
        if config.mining_mode.mode is not MiningMode.NORMAL:
            raise UnsupportedOperation(
                f"mining mode {config.mining_mode.mode}", f"{self.make} {self.firmware} firmware"
            )
        current = await self._current_conf()
        try:
            form = antminer_conf.old_conf_form(config, current)
        except antminer_conf.PoolCountError as err:
            raise UnsupportedOperation(str(err), f"{self.make} {self.firmware} firmware") from err
        # Old firmware answers "ok" (or nothing), not JSON.
        await self.web.request_text("POST", "/cgi-bin/set_miner_conf.cgi", data=form)


def _pools(reply: Reply | None) -> list[Pool]:
    pools = []
    for position, item in enumerate(_as_list((reply or {}).get("POOLS"))):
        if not isinstance(item, dict):
            continue
        index = to_int(item.get("POOL"))
        pools.append(
            Pool(
                index=position if index is None else index,
                url=text(item.get("URL")),
                user=text(item.get("User")),
                active=item.get("Stratum Active") is True,
                alive=item.get("Status") == "Alive",
                accepted=to_int(item.get("Accepted")),
                rejected=to_int(item.get("Rejected")),
            )
        )
    return pools


def _as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _reading(value: Any) -> float | None:
    number = to_float(value)
    return number if number else None
