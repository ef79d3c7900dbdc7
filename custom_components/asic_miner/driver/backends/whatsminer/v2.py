"""Whatsminer with API V2 (firmware before about 2024-11): everything on TCP 4028.

One poll: ``summary+pools+edevs+devdetails`` joined, and ``get_miner_info``, ``status`` and
``get_error_code`` alone (the API daemon does not join them), all at once: one connection
each, as the protocol has it. ``get_version`` (what only changes with a firmware update, which
restarts the miner) is read on the first poll and again after the uptime went back;
``get_psu`` only while the summary lacks the PSU fan (``Power Fanspeed``: older builds, or
btminer stopped). ``summary`` is required unless btminer is stopped (then only the daemon
answers).
Controls are encrypted writes (transport/btminer_v2.py) that need the write API enabled in
WhatsMinerTool and a changed admin password. A control the miner leaves unanswered (or
answers with an empty reply) is read back before it counts as done (v2_confirm.py);
a reboot left unanswered is a reboot.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Awaitable
from typing import Any, Final

from ...config import MinerConfig, PowerMode
from ...data import HashBoard, MinerData, MinerError
from ...errors import ConnectionDroppedError, MinerCommandError, UnsupportedOperation
from ...transport.btminer_v2 import CODE_INVALID_COMMAND, FACTORY_PASSWORD, Clock
from ...transport.btminer_v2_commands import BtminerV2Api
from ...transport.btminer_v2_exchange import Silence, UnansweredWrite
from ...transport.rpc import Reply
from ..reads import optional
from ..values import first_item, format_mac, text, to_count, to_float, to_int, to_ths
from . import replies as wr
from .backend import Whatsminer
from .v2_confirm import READ_BACK_SECONDS, ReadBack, confirmed

_LOGGER = logging.getLogger(__name__)

POLL_READS = (
    "summary",
    "pools",
    "edevs",
    "devdetails",
    "get_miner_info",
    "status",
    "get_error_code",
)
# Read on the first poll and after a restart (version), or while the summary lacks the PSU fan.
VERSION_READ, PSU_READ = "get_version", "get_psu"
# The fault light: a red blink, on half of every second.
LIGHT_COLOR, LIGHT_PERIOD, LIGHT_DURATION = "red", 1000, 500
# s of btminer uptime beyond the time since restart_btminer was sent that still counts as
# restarted by it (the miner's clock and ours tick apart, Elapsed is whole seconds).
RESTART_SLACK: Final = 2.0


class WhatsminerV2(Whatsminer):
    """A Whatsminer answering API V2."""

    api_generation = 2

    def __init__(self, host: str, *, clock: Clock | None = None, **kwargs: Any) -> None:
        super().__init__(host, **kwargs)
        options: dict[str, Any] = {"timeout": self.timeout}
        if clock is not None:
            options["clock"] = clock
        self.api = BtminerV2Api(
            host, password=self.credentials.password or FACTORY_PASSWORD, **options
        )
        # get_version's answer, kept until the uptime goes back (a restart, e.g. an update).
        self._version: Reply | None = None
        self._uptime: int | None = None
        # Whether the last summary had the PSU fan (then get_psu is not read).
        self._psu_in_summary = False
        # How long a control the miner left unanswered is read back before it fails.
        self.read_back_seconds = READ_BACK_SECONDS

    # -- generic access ------------------------------------------------------------------

    async def read(self, command: str, **params: Any) -> Reply:
        """Any plaintext read, checked (``get_read_only_info`` of the seed library)."""
        return await self.api.read(command, **params)

    async def write(self, command: str, **params: Any) -> Reply:
        """Any privileged command, encrypted (``exec_command`` of the seed library).

        Like every control, it waits for the control under way (see ``Miner``)."""
        async with self._control_lock:
            return await self.api.write(command, **params)

    # -- poll ----------------------------------------------------------------------------

    async def _get_data(self) -> MinerData:
        reads = list(POLL_READS)
        if self._version is None:
            reads.append(VERSION_READ)
        if not self._psu_in_summary:
            reads.append(PSU_READ)
        replies = await self.api.reads(*reads)
        if "edevs" not in replies and "summary" in replies:
            # Older builds know only ``devs`` (same shape).
            devs = await optional(self.api.devs(), self.host, "devs")
            if devs is not None:
                replies["edevs"] = devs
        summary = first_item(replies.get("summary"), "SUMMARY")
        uptime = to_count(summary.get("Elapsed"))
        if self._version is not None and _went_back(self._uptime, uptime):
            # Restarted since get_version was read (a firmware update restarts the miner).
            self._version = await optional(self.api.get_version(), self.host, VERSION_READ)
        self._version = replies.get(VERSION_READ) or self._version
        if uptime is not None:
            self._uptime = uptime
        fan_psu = to_count(summary.get("Power Fanspeed"))
        psu_reply = replies.get(PSU_READ)
        if fan_psu is None and PSU_READ not in reads:
            # The summary has lost the PSU fan (btminer stopped): ask the daemon this time.
            psu_reply = await optional(self.api.get_psu(), self.host, PSU_READ)
        self._psu_in_summary = fan_psu is not None
        version = wr.msg_of(self._version)
        info = wr.msg_of(replies.get("get_miner_info"))
        status = wr.msg_of(replies.get("status"))
        psu = wr.msg_of(psu_reply)
        self._learn_model(text(first_item(replies.get("devdetails"), "DEVDETAILS").get("Model")))
        model = self.model_info
        is_mining = wr.v2_is_mining(status)
        hashrate = to_ths(summary.get("MHS 1m", summary.get("HS RT")), "MH")
        boards = wr.v2_boards(replies.get("edevs"), model)
        if is_mining is False:
            hashrate = hashrate or 0.0
            boards = boards or _idle_boards(model)
        if is_mining is None and hashrate is not None:
            is_mining = hashrate > 0
        limit = wr.watts(summary.get("Power Limit")) or wr.watts(status.get("power_limit_set"))
        return MinerData(
            host=self.host,
            make=self.make,
            model=model.name if model else self.model,
            firmware=self.firmware,
            fw_ver=wr.clean_version(version.get("fw_ver"))
            or wr.clean_version(summary.get("Firmware Version"))
            or wr.clean_version(status.get("Firmware Version")),
            api_ver=wr.clean_version(version.get("api_ver")),
            mac=format_mac(info.get("mac")) or format_mac(summary.get("MAC")),
            hostname=text(info.get("hostname")),
            serial_number=text(info.get("minersn")),
            hashrate=hashrate,
            expected_hashrate=to_ths(summary.get("Factory GHS"), "GH")
            or (model.hashrate_ths if model else None),
            wattage=wr.watts(summary.get("Power")),
            wattage_limit=limit,
            env_temp=to_float(summary.get("Env Temp")),
            uptime=uptime,
            hashboards=boards,
            fans=wr.fans_from(
                model, [to_int(summary.get("Fan Speed In")), to_int(summary.get("Fan Speed Out"))]
            ),
            fan_psu=fan_psu or to_count(psu.get("fan_speed")),
            pools=wr.v2_pools(replies.get("pools")),
            errors=self._errors(replies.get("get_error_code"), summary),
            fault_light=_light(info),
            is_mining=is_mining,
            power_mode=wr.power_mode(summary.get("Power Mode"))
            or wr.power_mode(status.get("power_mode")),
        )

    @staticmethod
    def _errors(reply: Reply | None, summary: dict[str, Any]) -> list[MinerError]:
        msg = wr.msg_of(reply)
        if "error_code" in msg:
            return wr.miner_errors(wr.error_list(msg["error_code"]))
        return wr.v2_summary_errors(summary)

    async def get_mac(self) -> str | None:
        """``get_miner_info`` mac; the summary's MAC where that has none."""
        info = await optional(self.api.get_miner_info(), self.host, "get_miner_info")
        mac = format_mac(wr.msg_of(info).get("mac"))
        if mac is None:
            summary = await optional(self.api.summary(), self.host, "summary")
            mac = format_mac(first_item(summary, "SUMMARY").get("MAC"))
        return mac

    async def get_errors(self) -> list[MinerError]:
        return self._errors(await self.api.get_error_code(), {})

    async def get_hostname(self) -> str | None:
        return text(wr.msg_of(await self.api.get_miner_info()).get("hostname"))

    async def is_mining(self) -> bool:
        return wr.v2_is_mining(wr.msg_of(await self.api.status())) is not False

    async def check_light(self) -> bool:
        return _light(wr.msg_of(await self.api.get_miner_info())) is True

    async def get_config(self) -> MinerConfig:
        replies = await self.api.reads("pools", "summary", "status")
        summary = first_item(replies.get("summary"), "SUMMARY")
        status = wr.msg_of(replies.get("status"))
        limit = wr.watts(summary.get("Power Limit")) or wr.watts(status.get("power_limit_set"))
        mode = wr.power_mode(summary.get("Power Mode")) or wr.power_mode(status.get("power_mode"))
        return wr.config_from(
            wr.v2_pools(replies.get("pools")),
            wr.v2_is_mining(status),
            mode,
            limit,
            self.model_info,
        )

    # -- credentials ---------------------------------------------------------------------

    async def check_credentials(self) -> None:
        """A harmless privileged exchange: ``get_version`` sent encrypted with a token.

        The miner must accept the token (right password) and the write API (enabled,
        password changed) before it looks at the command; a firmware that then calls the
        command invalid has still accepted the login.
        """
        try:
            await self.api.write("get_version")
        except MinerCommandError as err:
            if err.code != CODE_INVALID_COMMAND:
                raise
        except UnansweredWrite as err:
            # An empty reply sealed with our key: the miner took the login.
            if err.silence is not Silence.EMPTY:
                raise

    # -- controls ------------------------------------------------------------------------

    async def _reboot(self) -> None:
        try:
            await self.api.reboot()
        except ConnectionDroppedError as err:
            # The miner goes down before it answers: it closes or resets the connection, or
            # keeps it open without a byte (UnansweredWrite). Each is the reboot under way.
            _LOGGER.debug("%s: no answer to reboot: %s", self.host, err)

    async def _restart_backend(self) -> None:
        sent_at = time.monotonic()
        await self._confirmed(
            "restart_btminer", self.api.restart_btminer(), lambda: self._restarted(sent_at)
        )

    async def _stop_mining(self) -> None:
        await self._confirmed(
            "power_off", self.api.power_off(respbefore=True), lambda: self._mining_shows(False)
        )

    async def _resume_mining(self) -> None:
        await self._confirmed("power_on", self.api.power_on(), lambda: self._mining_shows(True))

    async def _fault_light_on(self) -> None:
        await self._confirmed(
            "set_led",
            self.api.set_led(LIGHT_COLOR, period=LIGHT_PERIOD, duration=LIGHT_DURATION),
            lambda: self._light_shows(True),
        )

    async def _fault_light_off(self) -> None:
        await self._confirmed(
            "set_led auto", self.api.set_led_auto(), lambda: self._light_shows(False)
        )

    async def _set_power_limit(self, watts: int) -> None:
        """``adjust_power_limit`` (API 2.0.5+; btminer restarts to apply it)."""
        write = self.api.adjust_power_limit(self.check_power_limit(watts))
        await self._confirmed(
            "adjust_power_limit", self._unless_unknown(write), lambda: self._limit_shows(watts)
        )

    async def _set_power_mode(self, mode: PowerMode) -> None:
        chosen = self.check_power_mode(mode)
        await self._confirmed(
            f"set_{chosen.value}_power",
            self.api.set_power_mode(chosen),
            lambda: self._power_mode_shows(chosen),
        )

    async def _write_pools(self, config: MinerConfig) -> None:
        await self._confirmed(
            "update_pools", self.api.update_pools(config.pools), lambda: self._pools_show(config)
        )

    async def _unless_unknown(self, write: Awaitable[Reply]) -> Reply:
        try:
            return await write
        except MinerCommandError as err:
            if err.code == CODE_INVALID_COMMAND:
                raise UnsupportedOperation(
                    "adjust_power_limit (needs API 2.0.5)", f"{self.make} {self.firmware} firmware"
                ) from err
            raise

    # -- read-backs of a control the miner did not answer: None once it shows the change --

    async def _confirmed(self, control: str, write: Awaitable[Reply], read_back: ReadBack) -> None:
        await confirmed(self.host, control, write, read_back, bound=self.read_back_seconds)

    async def _mining_shows(self, wanted: bool) -> str | None:
        """The daemon's ``status`` (it answers while btminer is stopped or restarting)."""
        mining = wr.v2_is_mining(wr.msg_of(await self.api.status()))
        if mining is wanted:
            return None
        if mining is None:
            return "no mining state"
        return "mining" if mining else "mining stopped"

    async def _power_mode_shows(self, wanted: PowerMode) -> str | None:
        """``status`` power_mode (firmware 2024-06: asic-rs test json v2/status.json), else
        the summary's "Power Mode"."""
        mode = wr.power_mode(wr.msg_of(await self.api.status()).get("power_mode"))
        if mode is None:
            mode = wr.power_mode(first_item(await self.api.summary(), "SUMMARY").get("Power Mode"))
        if mode is wanted:
            return None
        return f"power mode {mode.value}" if mode else "no power mode"

    async def _restarted(self, sent_at: float) -> str | None:
        """btminer answers again, running no longer than since restart_btminer was sent."""
        elapsed = to_count(first_item(await self.api.summary(), "SUMMARY").get("Elapsed"))
        if elapsed is None:
            return "no btminer uptime"
        if elapsed <= time.monotonic() - sent_at + RESTART_SLACK:
            return None
        return f"btminer running for {elapsed} s"

    async def _light_shows(self, wanted: bool) -> str | None:
        light = _light(wr.msg_of(await self.api.get_miner_info(["ledstat"])))
        if light is wanted:
            return None
        return "no fault light state" if light is None else f"the fault light {_on_off(light)}"

    async def _limit_shows(self, watts: int) -> str | None:
        status = wr.msg_of(await self.api.status())
        limit = wr.watts(status.get("power_limit_set"))
        if limit is None:
            limit = wr.watts(first_item(await self.api.summary(), "SUMMARY").get("Power Limit"))
        if limit is not None and round(limit) == watts:
            return None
        return "no power limit" if limit is None else f"a power limit of {limit:g} W"

    async def _pools_show(self, config: MinerConfig) -> str | None:
        pools = wr.v2_pools(await self.api.pools())
        shown = [(p.url, p.user or "") for p in pools if p.url]
        wanted = [(p.url.strip(), p.user) for p in config.pools]
        if shown[: len(wanted)] == wanted:
            return None
        return "other pools"


def _went_back(before: int | None, now: int | None) -> bool:
    """Whether the uptime is lower than last time: the miner (or btminer) restarted."""
    return before is not None and now is not None and now < before


def _on_off(value: bool) -> str:
    return "on" if value else "off"


def _light(info: dict[str, Any]) -> bool | None:
    state = text(info.get("ledstat"))
    return None if state is None else state.lower() != "auto"


def _idle_boards(model: Any) -> list[HashBoard]:
    if model is None:
        return []
    return [
        HashBoard(slot=slot, hashrate=0.0, expected_chips=model.chips_per_board)
        for slot in range(model.boards)
    ]
