"""Canaan Avalon on stock firmware: everything over cgminer's RPC on TCP 4028.

One poll is one request: ``version+summary+pools+estats`` joined (the firmware's api.c
lets those four join; when the joined request fails they go one by one). Daemons that close
a JSON request at once are asked in cgminer's plain-text form (the RPC client's text
fallback), and kept to it.

Controls are ``ascset|0,<option>,<setting>`` (no login), ``switchpool|<n>``, and
``setpool|<webuser>,<webpass>,<n>,<url>,<user>,<pass>`` (the web login, then a reboot;
the A-series takes one pool as ``ascset|0,setpool,…``, per the A10 API manual). Which of
them a model has is its row's (models.py): the Miner class gives the common controls, the
row the settings (controls.py).
"""

from __future__ import annotations

import asyncio
import logging
import math
import time
from collections.abc import Mapping
from typing import Any, ClassVar, Final

from ...config import FanMode, MinerConfig, MiningMode, PoolConfig
from ...credentials import Firmware
from ...data import MinerData, Pool
from ...errors import (
    ConnectionDroppedError,
    MinerAuthenticationError,
    MinerCommandError,
    MinerConnectionError,
    MinerProtocolError,
    MinerTimeoutError,
    UnsupportedOperation,
)
from ...miner import Capability, Miner
from ...settings import Choice, ChoiceKey, FanChoice, LightChange, NumberKey, Settings
from ...transport import cgminer_text
from ...transport.rpc import EmptyReplyError, Reply, RpcClient, check_status
from ...validation import check_config
from ..values import first_item, text, to_ths
from . import ascset, controls, replies
from .models import FAN_PERCENT_RANGE, HOME_LOGIN, MAKE, AvalonModel, find

_LOGGER = logging.getLogger(__name__)

POLL: Final = ("version", "summary", "pools", "estats")
SOFT_DELAY: Final = 5  # soft-off/on take a unix time; "now + a few seconds" (pyasic, asic-rs)
MAX_POOLS: Final = 3  # cgminer's pools on every Avalon build
SOFT_MARGIN: Final = 0.5  # past that time, before the change shows in estats
BACK_AFTER: Final = 180.0  # longest wait for a miner that rebooted by itself after setpool
RETRY_PAUSE: Final = 0.5
# sscanf widths of api.c setpool(): %65[^,] for the login, %385 URL, %129 worker/password.
_FIELD_LIMITS: Final = {"web user": 64, "web password": 64, "URL": 384, "worker": 128}


class AvalonMiner(Miner):
    """What every Avalon shares: the poll, reboot, settings and pools."""

    make = MAKE
    firmware = "Stock"
    family = Firmware.AVALON
    capabilities: ClassVar[frozenset[Capability]] = frozenset(
        {Capability.REBOOT, Capability.SEND_CONFIG}
    )

    def __init__(self, host: str, **kwargs: Any) -> None:
        super().__init__(host, **kwargs)
        self.rpc = RpcClient(host, timeout=self.timeout, text_fallback=True)
        self._json_answers = False  # a poll came back in JSON: writes need no text fallback
        self._clock_offset = 0.0  # the miner's clock (STATUS When) minus ours
        self._last_figures: replies.Estats | None = None
        self._pools_seen: tuple[str, ...] | None = None  # pool numbers of the last poll

    @property
    def row(self) -> AvalonModel | None:
        return find(self.model)

    @property
    def _firmware_name(self) -> str:
        return f"{self.make} {self.firmware} firmware"

    # -- poll ------------------------------------------------------------------------------

    async def _get_data(self) -> MinerData:
        found = await self.rpc.multicommand(*POLL)
        self._json_answers = self._json_answers or not self.rpc.plain_text
        version = replies.version(found.get("version"))
        figures = replies.estats(found.get("estats"))
        self._learn_model(version.model, figures)
        self._note_clock(found.get("summary"))
        summary = first_item(found.get("summary"), "SUMMARY")
        pools = replies.pools(found.get("pools"))
        self._pools_seen = tuple(str(pool.index) for pool in pools)
        row = self.row
        rate = (replies.hashrate(figures) if figures else None) or to_ths(
            summary.get("MHS 1m"), "MH"
        )
        off = replies.soft_off(figures) if figures else None
        return MinerData(
            host=self.host,
            make=self.make,
            model=row.name if row else self.model,
            firmware=self.firmware,
            fw_ver=version.firmware,
            api_ver=version.api,
            mac=version.mac,
            serial_number=version.dna,
            hashrate=rate,
            expected_hashrate=replies.expected_hashrate(figures) if figures else None,
            wattage=replies.wattage(figures) if figures else None,
            wattage_limit=figures.value("MPO") if figures else None,
            env_temp=replies.env_temp(figures) if figures else None,
            outlet_temp=replies.outlet_temp(figures) if figures else None,
            uptime=replies.uptime(figures, summary) if figures else _count(summary, "Elapsed"),
            hashboards=replies.hashboards(figures, row) if figures else [],
            fans=replies.fans(figures, row) if figures else [],
            fan_percent=replies.fan_percent(figures) if figures else None,
            pools=pools,
            errors=replies.errors(figures) if figures else [],
            fault_light=self._fault_light(figures),
            is_mining=(not off) if off is not None else (None if rate is None else rate > 0),
            hashrate_averages=replies.hashrate_averages(summary),
            shares_accepted=_count(summary, "Accepted"),
            shares_rejected=_count(summary, "Rejected"),
            best_difficulty=_number(summary.get("Best Share")),
            settings=controls.settings(row, figures, pools),
        )

    def _learn_model(self, name: str | None, figures: replies.Estats | None) -> None:
        if self.row is not None:
            return
        for candidate in (name, replies.model_from_tokens(figures) if figures else None):
            if candidate:
                found = find(candidate)
                self.model = found.name if found else self.model or candidate
                if found is not None:
                    return

    def _note_clock(self, reply: Reply | None) -> None:
        when = replies.when(reply)
        if when is not None:
            self._clock_offset = when - time.time()

    def _fault_light(self, figures: replies.Estats | None) -> bool | None:
        return None

    async def get_mac(self) -> str | None:
        return replies.version(await self._send("version")).mac

    # -- requests --------------------------------------------------------------------------

    async def _send(self, command: str, parameter: str | None = None) -> Reply:
        """One command, checked. Once a poll came back in JSON, a write that closes the
        connection is not asked again in plain text (it may have been carried out)."""
        if self.rpc.plain_text or not self._json_answers:
            return await self.rpc.send(command, parameter)
        payload: dict[str, Any] = {"command": command}
        if parameter is not None:
            payload["parameter"] = parameter
        reply = await self.rpc.request(payload, command)
        check_status(reply, command)
        return reply

    async def _ascset(self, setting: str) -> Reply:
        return await self._send("ascset", f"0,{setting}")

    async def _estats(self) -> replies.Estats | None:
        return replies.estats(await self._send("estats"))

    # -- common controls -------------------------------------------------------------------

    async def _reboot(self) -> None:
        try:
            reply = await self._ascset("reboot,0")
        except ConnectionDroppedError as err:  # it may go down before its answer is out
            _LOGGER.debug("%s: connection closed during reboot: %s", self.host, err)
            return
        ascset.expect_ok(reply, self.host, "reboot")

    # -- settings --------------------------------------------------------------------------

    def _offered(self, kind: str, key: str) -> tuple[AvalonModel, Settings]:
        """The model's row and settings (whatever the last poll said) when it offers
        ``key``; UnsupportedOperation when it does not."""
        row = self.row
        if row is None:  # a model the table does not know: no settings are offered
            raise UnsupportedOperation(key, self._firmware_name)
        found = controls.settings(row, None, [Pool(index=i) for i in range(row.pool_slots)])
        controls.require(found, kind, key, self._firmware_name)
        return row, found

    async def _set_choice(self, key: str, option: str) -> None:
        row, found = self._offered("choice", key)
        if key == ChoiceKey.ACTIVE_POOL:
            # switchpool takes any pool the miner has (the A-series lists three though
            # setpool writes one slot): checked against the pools of the last poll.
            # Before a poll: any of cgminer's three pools (the miner refuses one it lacks).
            seen = self._pools_seen or tuple(str(n) for n in range(MAX_POOLS))
            Choice(None, seen).check(key, option)
        else:
            found.choices[key].check(key, option)
        match key:
            case ChoiceKey.WORK_MODE:
                reply = await self._ascset(f"workmode,set,{row.work_modes.index(option)}")
            case ChoiceKey.WORK_LEVEL:
                reply = await self._ascset(f"worklevel,set,{row.work_levels[option]}")
            case ChoiceKey.ACTIVE_POOL:
                await self._send("switchpool", option)
                return  # "Switching to pool <n>:'<url>'" (STATUS S): checked by _send
            case ChoiceKey.FAN_MODE if option == FanChoice.AUTO:
                reply = await self._ascset(f"fan-spd,{controls.FAN_AUTO}")
            case _:  # the fan by hand
                reply = await self._ascset(f"fan-spd,{await self._fan_to_hold()}")
        ascset.expect_ok(reply, self.host, key)

    async def _fan_to_hold(self) -> int:
        """Manual fan: held at the duty it runs at now (within what fan-spd takes)."""
        figures = await self._estats()
        percent = figures.value("FanR") if figures else None
        low, high = FAN_PERCENT_RANGE
        return int(min(max(percent if percent is not None else high, low), high))

    async def _set_number(self, key: str, value: float) -> None:
        _, found = self._offered("number", key)
        whole = _whole(key, value)
        found.numbers[key].check(key, whole)
        option = "fan-spd" if key == NumberKey.FAN_SPEED else "target-temp"
        ascset.expect_ok(await self._ascset(f"{option},{whole}"), self.host, key)

    async def _press(self, key: str) -> None:
        self._offered("action", key)  # FILTER_CLEAN is the one action there is
        ascset.expect_ok(await self._ascset("filter-clean,1"), self.host, key)

    async def _set_light(self, change: LightChange) -> None:
        self._offered("light", "light")
        controls.check_light_change(change)
        setting = controls.ledset_parameter(await self._estats(), change)
        reply = await self._ascset(f"ledset,{setting}")
        ascset.expect_info(reply, self.host, "the light setting", ascset.LED_SET_OK)

    # -- pools -----------------------------------------------------------------------------

    async def _send_config(self, config: MinerConfig) -> None:
        """Pools with ``setpool`` (then a reboot, unless the firmware reboots by itself);
        a manual fan speed with ``fan-spd``. The fan's NORMAL mode leaves the fan as it is
        (the firmware's configuration is not readable: a default MinerConfig must not
        undo a fan set by hand)."""
        row = self.row
        slots = row.pool_slots if row else 3
        check_config(config, slots, self._firmware_name)
        fan = self._fan_setting(config, row)
        if config.mining_mode.mode is not MiningMode.NORMAL:
            raise UnsupportedOperation(
                f"mining mode {config.mining_mode.mode}", self._firmware_name
            )
        login = self._login(row)
        for pool in config.pools:
            _check_setpool_fields(pool, *login)
        if fan is not None:
            ascset.expect_ok(await self._ascset(f"fan-spd,{fan}"), self.host, "fan speed")
        if not config.pools:
            return
        for number, pool in enumerate(config.pools):
            await self._set_pool(number, pool, login, row)
        if row is None or not row.setpool_reboots:
            await self._reboot()  # the pools take effect at the next boot

    def _fan_setting(self, config: MinerConfig, row: AvalonModel | None) -> int | None:
        mode = config.fan.mode
        if mode is FanMode.NORMAL:
            return None
        if mode is FanMode.IMMERSION or row is None or not row.fan_control:
            raise UnsupportedOperation(f"fan mode {mode}", self._firmware_name)
        low, high = FAN_PERCENT_RANGE
        speed = config.fan.speed
        if speed is None or not low <= speed <= high:
            raise ValueError(f"a manual fan speed must be between {low} and {high} %, not {speed}")
        return speed

    def _login(self, row: AvalonModel | None) -> tuple[str, str]:
        default = row.login if row else HOME_LOGIN
        user = self.credentials.username or default.username or ""
        password = self.credentials.password
        return user, password if password is not None else default.password or ""

    async def _set_pool(
        self, number: int, pool: PoolConfig, login: tuple[str, str], row: AvalonModel | None
    ) -> None:
        """One pool; retried once the miner is back when it rebooted on the previous one."""
        retry_until = time.monotonic() + BACK_AFTER
        while True:
            try:
                await self._setpool(number, pool, login, row)
                return
            except MinerConnectionError as err:
                if row is None or not row.setpool_reboots or number == 0:
                    raise
                if time.monotonic() >= retry_until:
                    raise MinerTimeoutError(
                        f"{self.host}: not back within {BACK_AFTER:g} s of its reboot"
                    ) from None
                _LOGGER.debug("%s: rebooting after setpool (%s); waiting", self.host, err)
                await asyncio.sleep(RETRY_PAUSE)

    async def _setpool(
        self, number: int, pool: PoolConfig, login: tuple[str, str], row: AvalonModel | None
    ) -> None:
        user, password = login
        fields = [user, password, pool.url.strip(), pool.user.strip(), pool.password]
        secrets = (password, pool.password)
        by_ascset = row is not None and row.pool_slots == 1
        try:
            if by_ascset:  # A10 manual: one pool, "ascset|0,setpool,<user>,<pass>,<url>,…"
                reply = await self._ascset("setpool," + ",".join(fields))
            else:
                fields.insert(2, str(number))
                reply = await self._send("setpool", ",".join(fields))
        except MinerCommandError as err:
            raise _setpool_refused(self.host, str(err), secrets, err.code) from None
        except MinerProtocolError:
            # Its answer echoes the worker password: none of it goes into the error.
            raise MinerProtocolError(f"{self.host}: setpool answered unreadably") from None
        done = ascset.info_text(reply) if by_ascset else text(ascset.message(reply))
        if not done or "success set" not in done:
            shown = ascset.scrub(ascset.message(reply), secrets)
            raise MinerCommandError(f"{self.host}: setpool was not taken: {shown!r}")


class AvalonSoftPower(AvalonMiner):
    """Models with ``softoff``/``softon`` (Mini 3, Avalon Q, A-series)."""

    capabilities = AvalonMiner.capabilities | {Capability.STOP_MINING, Capability.RESUME_MINING}
    # soft off / on take effect at the time they are given (now + SOFT_DELAY), a moment
    # before estats shows it.
    mining_change_delay = SOFT_DELAY + SOFT_MARGIN

    def _miner_time(self) -> int:
        return int(time.time() + self._clock_offset) + SOFT_DELAY

    async def _stop_mining(self) -> None:
        reply = await self._ascset(f"softoff,1:{self._miner_time()}")
        ascset.expect_info(reply, self.host, "softoff", ascset.SOFT_DONE)

    async def _resume_mining(self) -> None:
        try:
            reply = await self._ascset(f"softon,1:{self._miner_time()}")
        except EmptyReplyError:
            # The Avalon Q carries softon out and closes without a byte (asic-rs
            # avalon_q/mod.rs resume(): "softon closes the connection without responding").
            _LOGGER.debug("%s: softon answered by a closed connection", self.host)
        else:
            ascset.expect_info(reply, self.host, "softon", ascset.SOFT_DONE)


class AvalonASeries(AvalonSoftPower):
    """A10xx-A15xx: also the white fault LED and cgminer's own restart."""

    capabilities = AvalonSoftPower.capabilities | {
        Capability.FAULT_LIGHT,
        Capability.RESTART_BACKEND,
    }

    def _fault_light(self, figures: replies.Estats | None) -> bool | None:
        state = figures.whole("Led") if figures else None
        return None if state is None else state != 0

    async def check_light(self) -> bool:
        return ascset.led_state(await self._ascset("led,1-255"), self.host)

    async def _fault_light_on(self) -> None:
        ascset.expect_ok(await self._ascset("led,1-1"), self.host, "fault light on")

    async def _fault_light_off(self) -> None:
        ascset.expect_ok(await self._ascset("led,1-0"), self.host, "fault light off")

    async def _restart_backend(self) -> None:
        """cgminer's ``restart``: answered ``{"STATUS":"RESTART"}`` (text: ``RESTART``)."""
        if self.rpc.plain_text:
            raw = await self.rpc.exchange(cgminer_text.encode_request("restart"))
            if b"RESTART" not in raw:
                raise MinerCommandError(f"{self.host}: restart answered {raw[:40]!r}")
            return
        try:
            await self._send("restart")
        except ConnectionDroppedError as err:
            _LOGGER.debug("%s: connection closed during restart: %s", self.host, err)


def _setpool_refused(
    host: str, message: str, secrets: tuple[str, ...], code: int | str | None
) -> Exception:
    shown = ascset.scrub(message, secrets)
    if "username err" in message or "userpass err" in message:
        return MinerAuthenticationError(
            f"{host}: the miner refused the web login setpool needs ({shown})"
        )
    return MinerCommandError(f"{host}: {shown}", code=code)


def _check_setpool_fields(pool: PoolConfig, user: str, password: str) -> None:
    """The firmware splits setpool's parameter at commas: none may be inside a field."""
    named = {
        "web user": user,
        "web password": password,
        "URL": pool.url.strip(),
        "worker": pool.user.strip(),
        "pool password": pool.password,
    }
    for name, value in named.items():
        if "," in value:
            raise ValueError(f"the {name} must not contain a comma (the firmware splits at it)")
        limit = _FIELD_LIMITS.get(name, 128)
        if len(value) > limit:
            raise ValueError(f"the {name} is longer than the firmware takes ({limit} characters)")
    if not user or not password:
        raise ValueError("setpool needs the web login: give a user and a password")


def _whole(key: str, value: float) -> int:
    if (
        isinstance(value, bool)
        or not isinstance(value, (int, float))
        or not math.isfinite(value)
        or value != int(value)
    ):
        raise ValueError(f"{key} must be a whole number, not {value!r}")
    return int(value)


def _count(section: Mapping[str, Any], key: str) -> int | None:
    value = section.get(key)
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
        return None
    return int(value)


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return float(value)
