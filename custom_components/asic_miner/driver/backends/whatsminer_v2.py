"""Whatsminer with API V2 (firmware before about 2024-11): everything on TCP 4028.

One poll: ``summary+pools+edevs+devdetails`` joined, and ``get_version``, ``get_miner_info``,
``status``, ``get_error_code``, ``get_psu`` alone (the API daemon does not join them), all at
once. ``summary`` is required unless btminer is stopped (then only the daemon answers).
Controls are encrypted writes (transport/btminer_v2.py) that need the write API enabled in
WhatsMinerTool and a changed admin password.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable
from typing import Any

from ..config import MinerConfig, MiningMode, PowerMode
from ..data import HashBoard, MinerData, MinerError
from ..errors import ConnectionDroppedError, MinerCommandError, UnsupportedOperation
from ..transport.btminer_v2 import CODE_INVALID_COMMAND, FACTORY_PASSWORD, Clock
from ..transport.btminer_v2_commands import MAX_POOLS, BtminerV2Api
from ..transport.rpc import Reply
from . import whatsminer_replies as wr
from .reads import optional
from .values import first_item, format_mac, text, to_float, to_int, to_ths
from .whatsminer import Whatsminer

_LOGGER = logging.getLogger(__name__)

POLL_READS = (
    "summary",
    "pools",
    "edevs",
    "devdetails",
    "get_version",
    "get_miner_info",
    "status",
    "get_error_code",
    "get_psu",
)
# The fault light: a red blink, on half of every second.
LIGHT_COLOR, LIGHT_PERIOD, LIGHT_DURATION = "red", 1000, 500


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

    # -- generic access ------------------------------------------------------------------

    async def read(self, command: str, **params: Any) -> Reply:
        """Any plaintext read, checked (``get_read_only_info`` of the seed library)."""
        return await self.api.read(command, **params)

    async def write(self, command: str, **params: Any) -> Reply:
        """Any privileged command, encrypted (``exec_command`` of the seed library)."""
        return await self.api.write(command, **params)

    # -- poll ----------------------------------------------------------------------------

    async def get_data(self) -> MinerData:
        replies = await self.api.reads(*POLL_READS)
        if "edevs" not in replies and "summary" in replies:
            # Older builds know only ``devs`` (same shape).
            devs = await optional(self.api.devs(), self.host, "devs")
            if devs is not None:
                replies["edevs"] = devs
        summary = first_item(replies.get("summary"), "SUMMARY")
        version = wr.msg_of(replies.get("get_version"))
        info = wr.msg_of(replies.get("get_miner_info"))
        status = wr.msg_of(replies.get("status"))
        psu = wr.msg_of(replies.get("get_psu"))
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
            uptime=to_int(summary.get("Elapsed")),
            hashboards=boards,
            fans=wr.fans_from(
                model, [to_int(summary.get("Fan Speed In")), to_int(summary.get("Fan Speed Out"))]
            ),
            fan_psu=to_int(summary.get("Power Fanspeed")) or to_int(psu.get("fan_speed")),
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

    # -- controls ------------------------------------------------------------------------

    async def reboot(self) -> None:
        try:
            await self.api.reboot()
        except ConnectionDroppedError as err:
            # The miner may go down before it answers.
            _LOGGER.debug("%s: no answer to reboot: %s", self.host, err)

    async def restart_backend(self) -> None:
        await self.api.restart_btminer()

    async def stop_mining(self) -> None:
        await self.api.power_off(respbefore=True)

    async def resume_mining(self) -> None:
        await self.api.power_on()

    async def fault_light_on(self) -> None:
        await self.api.set_led(LIGHT_COLOR, period=LIGHT_PERIOD, duration=LIGHT_DURATION)

    async def fault_light_off(self) -> None:
        await self.api.set_led_auto()

    async def set_power_limit(self, watts: int) -> None:
        """``adjust_power_limit`` (API 2.0.5+; btminer restarts to apply it)."""
        await self._unless_unknown(self.api.adjust_power_limit(self.check_power_limit(watts)))

    async def set_power_mode(self, mode: PowerMode) -> None:
        await self.api.set_power_mode(self.check_power_mode(mode))

    async def send_config(self, config: MinerConfig) -> None:
        """Pools (up to three) and the mining mode; only what differs is sent."""
        self.check_config(config, MAX_POOLS)
        current = await self.get_config()
        if config.pools and _pool_keys(config) != _pool_keys(current):
            await self.api.update_pools(config.pools)
        wanted, now = config.mining_mode, current.mining_mode
        if wanted == now:
            return
        if wanted.mode is MiningMode.SLEEP:
            await self.stop_mining()
            return
        if now.mode is MiningMode.SLEEP:
            await self.resume_mining()
        if wanted.mode is MiningMode.POWER_TARGET and wanted.power_target is not None:
            await self.set_power_limit(wanted.power_target)
        elif wanted.mode in (MiningMode.LOW, MiningMode.NORMAL, MiningMode.HIGH):
            await self.api.set_power_mode(PowerMode(wanted.mode.value))

    async def _unless_unknown(self, write: Awaitable[Reply]) -> None:
        try:
            await write
        except MinerCommandError as err:
            if err.code == CODE_INVALID_COMMAND:
                raise UnsupportedOperation(
                    "adjust_power_limit (needs API 2.0.5)", f"{self.make} {self.firmware} firmware"
                ) from err
            raise


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


def _pool_keys(config: MinerConfig) -> list[tuple[str, str]]:
    return [(p.url, p.user) for p in config.pools]
