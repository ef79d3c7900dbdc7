"""Whatsminer with API V3 (firmware from about 2024-11): TCP 4433, one kept connection.

One poll: ``get.device.info`` (identity, LED, PSU fan, errors, mining state),
``get.miner.status`` with ``summary+pools+edevs`` (TH/s) and ``get.miner.setting``
(power mode and limit), in turn on the one connection. Controls are ``set.*`` commands
signed with a token of the account (``super`` unless told otherwise; its password defaults
to the account name).
"""

from __future__ import annotations

import logging
from typing import Any, Final

from ...config import MinerConfig, PowerMode
from ...credentials import DEFAULT_CREDENTIALS, Credentials, Firmware
from ...data import HashBoard, MinerData, MinerError
from ...errors import (
    AsicMinerError,
    ConnectionDroppedError,
    PermissionDenied,
    WriteApiDisabled,
    WriteApiLockedByDefaultPassword,
)
from ...transport.btminer_v2_commands import check_hostname, pool_params
from ...transport.btminer_v3 import ACCOUNTS, DEFAULT_ACCOUNT, BtminerV3Client, Clock
from ..reads import optional
from ..values import format_mac, text, to_count, to_float, to_int, to_ths
from . import replies as wr
from .backend import Whatsminer
from .error_codes import error_text

_LOGGER = logging.getLogger(__name__)

STATUS_SECTIONS: Final = "summary+pools+edevs"
LIGHT: Final = [{"color": "red", "period": 1000, "duration": 500, "start": 0}]
V3_WRITE_API_HELP: Final = (
    "the miner's write API is switched off. Open WhatsMinerTool, select the miner, click "
    "'API Setting' and turn the write API on, and give the account a password other than "
    "its name (the default); then enter it here"
)
V3_DEFAULT_PASSWORD_HELP: Final = (
    "the miner refuses writes while account {account!r} still has its factory password. "
    "Change it in WhatsMinerTool (select the miner, 'API Setting'; make sure the write API "
    "is on too), then enter the new password here"
)


def v3_login(given: Credentials | None) -> tuple[str, str]:
    """(account, password): the account named (super by default), its password defaulting
    to the account name as shipped. A V2-style 'admin' name means the default account, and
    the V2 factory login (admin/admin) as a whole means "nothing given"."""
    given = given or Credentials()
    if given == DEFAULT_CREDENTIALS[Firmware.WHATSMINER]:
        given = Credentials()
    account = given.username if given.username in ACCOUNTS else DEFAULT_ACCOUNT
    password = given.password if given.password is not None else account
    return account, password


class WhatsminerV3(Whatsminer):
    """A Whatsminer answering API V3."""

    api_generation = 3

    def __init__(
        self,
        host: str,
        *,
        clock: Clock | None = None,
        monotonic: Clock | None = None,
        credentials: Credentials | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(host, credentials=credentials, **kwargs)
        account, password = v3_login(credentials)
        self.credentials = Credentials(account, password)
        options: dict[str, Any] = {"timeout": self.timeout}
        if clock is not None:
            options["clock"] = clock
        if monotonic is not None:
            options["monotonic"] = monotonic
        self.api = BtminerV3Client(host, account=account, password=password, **options)
        self._default_password = password == account

    async def close(self) -> None:
        await self.api.close()
        await super().close()

    # -- generic access ------------------------------------------------------------------

    async def read(self, command: str, param: Any = None) -> Any:
        """Any ``get.*`` command; its ``msg``."""
        return await self.api.get(command, param)

    async def write(self, command: str, param: Any = None) -> Any:
        """Any ``set.*`` command, signed; its ``msg``. Refusals are explained.

        Like every control, it waits for the control under way (see ``Miner``)."""
        async with self._control_lock:
            return await self._write(command, param)

    async def _write(self, command: str, param: Any = None) -> Any:
        try:
            return await self.api.set(command, param)
        except PermissionDenied as err:
            raise await self._explain_refusal(err) from err

    async def _explain_refusal(self, err: PermissionDenied) -> AsicMinerError:
        """Code -4 also means "write API off" or "factory password": tell which."""
        system: dict[str, Any] = {}
        try:
            msg = await self.api.get("get.device.info", "system")
            system = wr.section(msg, "system")
        except AsicMinerError as read_err:
            _LOGGER.debug("%s: cannot read the API switch: %s", self.host, read_err)
        switch = wr.as_bool(system.get("apiswitch"))
        if self._default_password:
            return WriteApiLockedByDefaultPassword(
                f"{self.host}: " + V3_DEFAULT_PASSWORD_HELP.format(account=self.api.account)
            )
        if switch is False:
            return WriteApiDisabled(f"{self.host}: {V3_WRITE_API_HELP}")
        return err

    # -- poll ----------------------------------------------------------------------------

    async def _get_data(self) -> MinerData:
        device = await self.api.get("get.device.info")
        status = await self.api.get("get.miner.status", STATUS_SECTIONS)
        setting = await optional(self.api.get("get.miner.setting"), self.host, "miner setting")
        network, miner = wr.section(device, "network"), wr.section(device, "miner")
        system, power = wr.section(device, "system"), wr.section(device, "power")
        summary = wr.section(status, "summary")
        setting = setting if isinstance(setting, dict) else {}
        self._learn_model(text(miner.get("type")))
        model = self.model_info
        is_mining = wr.as_bool(miner.get("working"))
        hashrate = to_ths(summary.get("hash-realtime", summary.get("hash-average")), "TH")
        if is_mining is None and hashrate is not None:
            is_mining = hashrate > 0
        return MinerData(
            host=self.host,
            make=self.make,
            model=model.name if model else self.model,
            firmware=self.firmware,
            fw_ver=wr.clean_version(system.get("fwversion")),
            api_ver=wr.clean_version(system.get("api")),
            mac=format_mac(network.get("mac")),
            hostname=text(network.get("hostname")),
            serial_number=text(miner.get("miner-sn")),
            hashrate=hashrate,
            expected_hashrate=to_ths(summary.get("factory-hash"), "TH")
            or (model.hashrate_ths if model else None),
            wattage=wr.watts(summary.get("power-realtime")),
            wattage_limit=wr.watts(summary.get("power-limit"))
            or wr.watts(setting.get("power-limit"))
            or wr.watts(miner.get("power-limit-set")),
            env_temp=to_float(summary.get("environment-temperature")),
            uptime=to_count(summary.get("elapsed")),
            hashboards=_with_serials(
                wr.v3_boards(status.get("edevs") if isinstance(status, dict) else None, model),
                miner,
            ),
            fans=wr.fans_from(
                model, [to_int(summary.get("fan-speed-in")), to_int(summary.get("fan-speed-out"))]
            ),
            fan_psu=to_count(power.get("fanspeed")),
            pools=wr.v3_pools(status.get("pools") if isinstance(status, dict) else None),
            errors=_errors(device),
            fault_light=_light(system),
            is_mining=is_mining,
            power_mode=wr.power_mode(setting.get("power-mode")),
        )

    async def get_mac(self) -> str | None:
        """``get.device.info`` network mac (one frame)."""
        msg = await self.api.get("get.device.info", "network")
        return format_mac(wr.section(msg, "network").get("mac"))

    async def get_errors(self) -> list[MinerError]:
        return _errors(await self.api.get("get.device.info", "error-code"))

    async def get_hostname(self) -> str | None:
        msg = await self.api.get("get.device.info", "network")
        return text(wr.section(msg, "network").get("hostname"))

    async def is_mining(self) -> bool:
        msg = await self.api.get("get.device.info", "miner")
        return wr.as_bool(wr.section(msg, "miner").get("working")) is not False

    async def check_light(self) -> bool:
        msg = await self.api.get("get.device.info", "system")
        return _light(wr.section(msg, "system")) is True

    async def get_config(self) -> MinerConfig:
        status = await self.api.get("get.miner.status", "pools")
        setting = await self.api.get("get.miner.setting")
        setting = setting if isinstance(setting, dict) else {}
        return wr.config_from(
            wr.v3_pools(status.get("pools") if isinstance(status, dict) else None),
            await self.is_mining(),
            wr.power_mode(setting.get("power-mode")),
            wr.watts(setting.get("power-limit")),
            self.model_info,
        )

    # -- credentials ---------------------------------------------------------------------

    async def check_credentials(self) -> None:
        """A harmless signed command: ``set.system.webpools`` with the value the miner
        already has (``enable`` if it cannot be read, as shipped). The answer proves the
        account, its password and write access without changing anything."""
        miner = wr.section(await self.api.get("get.device.info", "miner"), "miner")
        web_pools = wr.as_bool(miner.get("web-pool"))
        await self._write("set.system.webpools", "disable" if web_pools is False else "enable")

    # -- controls ------------------------------------------------------------------------

    async def _reboot(self) -> None:
        try:
            await self._write("set.system.reboot")
        except ConnectionDroppedError as err:  # the miner may go down before it answers
            _LOGGER.debug("%s: no answer to reboot: %s", self.host, err)
        await self.api.close()

    async def _restart_backend(self) -> None:
        await self._write("set.miner.service", "restart")

    async def _stop_mining(self) -> None:
        await self._write("set.miner.service", "stop")

    async def _resume_mining(self) -> None:
        await self._write("set.miner.service", "start")

    async def _fault_light_on(self) -> None:
        await self._write("set.system.led", LIGHT)

    async def _fault_light_off(self) -> None:
        await self._write("set.system.led", "auto")

    async def _set_power_limit(self, watts: int) -> None:
        """``set.miner.power_limit`` (the miner restarts btminer to apply it)."""
        await self._write("set.miner.power_limit", self.check_power_limit(watts))
        await self.api.close()  # the restart drops the connection; start clean next time

    async def _set_power_mode(self, mode: PowerMode) -> None:
        await self._write("set.miner.power_mode", self.check_power_mode(mode).value)

    async def set_hostname(self, hostname: str) -> None:
        await self.write("set.system.hostname", {"hostname": check_hostname(hostname)})

    async def change_password(self, old: str, new: str, account: str | None = None) -> None:
        """``set.user.change_passwd`` (encrypted); the client logs in with ``new`` after it
        when the account changed is its own."""
        target = account or self.api.account
        if target not in ACCOUNTS:
            raise ValueError(f"account must be one of {', '.join(ACCOUNTS)}, not {target!r}")
        if not new or not old:
            raise ValueError("old and new passwords must not be empty")
        async with self._control_lock:
            await self._write("set.user.change_passwd", {"account": target, "old": old, "new": new})
            if target == self.api.account:
                self.api.set_password(new)
                self._default_password = new == target

    async def set_pools(self, config: MinerConfig) -> None:
        """``set.miner.pools`` (encrypted): one to three pools."""
        await self._exclusive(self._write_pools, config)

    async def _write_pools(self, config: MinerConfig) -> None:
        params = pool_params(config.pools)
        pools = [
            {
                "pool": params[f"pool{n}"],
                "worker": params[f"worker{n}"],
                "passwd": params[f"passwd{n}"],
            }
            for n in range(1, len(config.pools) + 1)
        ]
        await self._write("set.miner.pools", pools)


def _with_serials(boards: list[HashBoard], miner: dict[str, Any]) -> list[HashBoard]:
    """Board serials from device info ``miner.pcbsn<slot>`` where edevs has none."""
    for board in boards:
        if board.serial_number is None:
            board.serial_number = text(miner.get(f"pcbsn{board.slot}"))
    return boards


def _light(system: dict[str, Any]) -> bool | None:
    state = text(system.get("ledstatus"))
    return None if state is None else state.lower() != "auto"


def _errors(device: Any) -> list[MinerError]:
    items = wr.error_list((device or {}).get("error-code") if isinstance(device, dict) else None)
    errors = wr.miner_errors(items)
    reasons = {
        to_int(key): text(item.get("reason"))
        for item in items
        if isinstance(item, dict)
        for key in item
        if to_int(key) is not None
    }
    for error in errors:
        reason = reasons.get(error.code) if isinstance(error.code, int) else None
        if (
            reason
            and isinstance(error.code, int)
            and error_text(error.code).startswith("error code")
        ):
            error.message = reason
    return errors
