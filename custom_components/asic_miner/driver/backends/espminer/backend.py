"""ESP-Miner (BitAxe and forks): HTTP 80, JSON, no login.

A poll is one request, ``GET /api/system/info``; the ASIC's frequency and voltage options
(``GET /api/system/asic``, v2.7 on) are read once and again after a restart or a firmware
change (the version or a falling uptime tells). Controls validate against the last poll's
settings before anything is sent, then write with ``PATCH /api/system`` or the firmware's
``POST /api/system/<action>``.

The firmware answers 401 to clients (and browser Origin headers) outside private address
ranges: that is no login to fix, so it is a MinerCommandError saying so, not an
authentication error.
"""

from __future__ import annotations

import contextlib
import logging
from typing import Any, ClassVar, Final

from ...config import FanMode, MinerConfig, MiningMode, PoolConfig
from ...credentials import Firmware
from ...data import MinerData, MinerError
from ...errors import (
    ConnectionDroppedError,
    MinerCommandError,
    MinerConnectionError,
    MinerProtocolError,
)
from ...miner import Capability, Miner
from ...settings import ActionKey, Settings, TextKey
from ...transport.http import WebClient
from ...transport.json_repair import excerpt, parse_json
from ...validation import check_config
from ..values import format_mac, text, to_count, to_float, to_int
from . import controls, replies
from .controls import Features
from .models import BITAXE, NERDAXE
from .replies import Flavour

_LOGGER = logging.getLogger(__name__)

INFO: Final = "/api/system/info"
ASIC: Final = "/api/system/asic"
SYSTEM: Final = "/api/system"
POOL_SLOTS: Final = 2  # primary and fallback
DEFAULT_PASSWORD: Final = PoolConfig("x", "x").password
ACCESS_REFUSED: Final = (
    "answered 401: ESP-Miner answers only clients (and browser Origin headers) in private "
    "address ranges (10.x, 172.16-31.x, 192.168.x)"
)


class AxeOS(Miner):
    """bitaxeorg/ESP-Miner ("AxeOS") builds without pause/resume (before v2.14)."""

    make = BITAXE
    firmware = "AxeOS"
    family = Firmware.BITAXE
    capabilities: ClassVar[frozenset[Capability]] = frozenset(
        {Capability.REBOOT, Capability.GET_CONFIG, Capability.SEND_CONFIG}
    )

    def __init__(self, host: str, **kwargs: Any) -> None:
        super().__init__(host, **kwargs)
        self.web = WebClient(host, lambda: self.session, timeout=self.timeout)
        self._info: dict[str, Any] | None = None  # the last poll's reply
        self._asic: dict[str, Any] | None = None
        self._asic_for: tuple[object, int] | None = None  # (version, boot) it was read at
        self._boots = 0
        self._uptime: int | None = None

    # -- requests ------------------------------------------------------------------------

    async def _send(self, method: str, path: str, body: dict[str, Any] | None = None) -> str:
        """The answer's text; MinerCommandError for the firmware's 401 and 400."""
        page = await self.web.send(method, path, json=body)
        if page.status == 401:
            raise MinerCommandError(f"{self.host}: {ACCESS_REFUSED}", code=401)
        if page.status == 400:
            keys = ", ".join(sorted(body or {}))
            reason = excerpt(page.text.strip()) or "no reason given"
            raise MinerCommandError(f"{self.host}: {path} refused {keys}: {reason}", code=400)
        if page.status != 200:
            raise MinerProtocolError(f"{self.host}: {method} {path} answered HTTP {page.status}")
        return page.text

    async def _json(self, path: str) -> dict[str, Any]:
        reply = parse_json(await self._send("GET", path), allow_truncated=False)
        if not isinstance(reply, dict):
            raise MinerProtocolError(f"{self.host}: {path} answered no JSON object")
        return reply

    async def read_info(self) -> dict[str, Any]:
        """GET /api/system/info, noting a restart (the uptime fell) for the option cache."""
        info = await self._json(INFO)
        uptime = to_count(info.get("uptimeSeconds"))
        if uptime is not None:
            if self._uptime is not None and uptime < self._uptime:
                self._boots += 1
            self._uptime = uptime
        self._info = info
        return info

    async def _asic_options(self, info: dict[str, Any], feats: Features) -> dict[str, Any] | None:
        """/api/system/asic once per firmware version and boot. A build that answers it
        with something else (v2.4 redirects to its index page) is not asked again until
        then; a connection that fails is tried again next poll."""
        if feats.asic_endpoint is False:
            return None
        key = (info.get("version"), self._boots)
        if key == self._asic_for:
            return self._asic
        try:
            self._asic = await self._json(ASIC)
        except MinerConnectionError as err:
            _LOGGER.debug("%s: %s not read: %s", self.host, ASIC, err)
            return None
        except MinerProtocolError as err:
            _LOGGER.debug("%s: %s not offered: %s", self.host, ASIC, err)
            self._asic = None
        self._asic_for = key
        return self._asic

    async def _current(self) -> tuple[dict[str, Any], Features]:
        """The last poll's reply, or one read now when nothing was polled yet: what a
        control checks its value against (options, bounds and keys do not change with
        the values it writes)."""
        info = self._info if self._info is not None else await self.read_info()
        return info, controls.features(info)

    async def _settings(self) -> Settings:
        info, feats = await self._current()
        asic = self._asic if self._asic_for is not None else await self._asic_options(info, feats)
        return controls.settings(info, feats, asic)

    # -- reads ---------------------------------------------------------------------------

    async def _get_data(self) -> MinerData:
        info = await self.read_info()
        feats = controls.features(info)
        asic = await self._asic_options(info, feats)
        return self._data(info, feats, asic)

    def _data(
        self, info: dict[str, Any], feats: Features, asic: dict[str, Any] | None
    ) -> MinerData:
        board = replies.model_board(info, asic)
        name = replies.model_name(info, asic, board)
        if name is not None:
            self.model = name
        asics = replies.asic_count(info, asic, board)
        hashrate = replies.ths(info, "hashRate")
        blocks = to_count(
            info.get("totalFoundBlocks", info.get("foundBlocks", info.get("blockFound")))
        )
        return MinerData(
            host=self.host,
            make=board.make if board is not None else _make(feats.flavour),
            model=self.model,
            firmware=feats.flavour.value,
            fw_ver=text(info.get("version")),
            mac=format_mac(info.get("macAddr")),
            hostname=text(info.get("hostname")),
            hashrate=hashrate,
            expected_hashrate=replies.expected_ths(info, asics),
            wattage=_watts(info.get("power")),
            uptime=to_count(info.get("uptimeSeconds")),
            hashboards=[replies.hashboard(info, asics, board)],
            fans=replies.fans(info),
            pools=replies.pools(info),
            errors=_errors(info),
            is_mining=_is_mining(info, hashrate),
            hashrate_averages=replies.averages(info),
            vr_temp=replies.temperature(info.get("vrTemp")),
            fan_percent=replies.percent(info.get("fanspeed")),
            frequency=_positive(info.get("frequency")),
            core_voltage=replies.millivolts(info.get("coreVoltage")),
            core_voltage_actual=replies.millivolts(info.get("coreVoltageActual")),
            input_voltage=replies.volts(info.get("voltage", info.get("voltagei"))),
            input_current=(
                replies.volts(info.get("current"))
                if replies.current_is_input(info, feats.flavour is Flavour.NERDOS)
                else None
            ),
            shares_accepted=to_count(info.get("sharesAccepted")),
            shares_rejected=to_count(info.get("sharesRejected")),
            share_rejections=replies.rejections(info),
            best_difficulty=replies.difficulty(info.get("bestDiff")),
            best_session_difficulty=replies.difficulty(info.get("bestSessionDiff")),
            blocks_found=blocks,
            wifi_rssi=_rssi(info.get("wifiRSSI")),
            board_version=text(info.get("boardVersion")),
            settings=controls.settings(info, feats, asic),
        )

    async def get_mac(self) -> str | None:
        return format_mac((await self.read_info()).get("macAddr"))

    async def get_hostname(self) -> str | None:
        return text((await self.read_info()).get("hostname"))

    async def get_config(self) -> MinerConfig:
        info = await self.read_info()
        return controls.config_from(info, controls.features(info))

    # -- controls ------------------------------------------------------------------------

    async def _reboot(self) -> None:
        # Gone while answering: the restart is under way.
        with contextlib.suppress(ConnectionDroppedError):
            await self._send("POST", "/api/system/restart")
        self._asic_for = None

    async def _patch(self, body: dict[str, Any]) -> None:
        await self._send("PATCH", SYSTEM, body)

    async def _set_choice(self, key: str, option: str) -> None:
        choice = (await self._settings()).choices.get(key)
        if choice is None:
            raise self._unsupported(key)
        choice.check(key, option)
        _, feats = await self._current()
        await self._patch(controls.choice_body(key, option, feats))

    async def _set_number(self, key: str, value: float) -> None:
        number = (await self._settings()).numbers.get(key)
        if number is None:
            raise self._unsupported(key)
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ValueError(f"{key} must be a number, not {value!r}")
        number.check(key, value)
        _, feats = await self._current()
        await self._patch(controls.number_body(key, value, feats))

    async def _set_text(self, key: str, value: str) -> None:
        field = (await self._settings()).texts.get(key)
        if field is None or key != TextKey.HOSTNAME:
            raise self._unsupported(key)
        if not isinstance(value, str):
            raise ValueError(f"{key} must be text, not {type(value).__name__}")
        await self._patch({"hostname": field.check(key, value)})

    async def _press(self, key: str) -> None:
        if key not in (await self._settings()).actions or key != ActionKey.IDENTIFY:
            raise self._unsupported(key)
        # POST_identify toggles: pressed again within its 30 s, the device stops showing.
        await self._send("POST", "/api/system/identify")

    async def _send_config(self, config: MinerConfig) -> None:
        """Pools (primary, fallback), the fan, and paused or not; only what differs is
        written. AxeOS takes new pools at boot only: it is restarted after them."""
        check_config(config, POOL_SLOTS, f"{self.make} {self.firmware} firmware")
        if config.fan.mode is FanMode.IMMERSION:
            raise self._unsupported("fan mode immersion")
        wanted = config.mining_mode.mode
        if wanted not in (MiningMode.NORMAL, MiningMode.SLEEP):
            raise self._unsupported(f"mining mode {wanted}")
        if wanted is MiningMode.SLEEP and Capability.STOP_MINING not in self.capabilities:
            raise self._unsupported(Capability.STOP_MINING)
        _, feats = await self._current()
        targets = [controls.pool_target(p, n, feats) for n, p in enumerate(config.pools, 1)]
        info = await self.read_info()  # what is set now, to write only what differs
        current = controls.config_from(info, feats)
        body: dict[str, Any] = {}
        new_pools = bool(targets) and _pools_differ(config.pools, current.pools)
        if new_pools:
            body |= controls.pools_body(targets, feats, info)
        if config.fan != current.fan:
            manual = config.fan.mode is FanMode.MANUAL
            body["autofanspeed"] = 0 if manual else feats.fan_auto
            if manual and config.fan.speed is not None:
                body[feats.fan_key] = config.fan.speed
        if body:
            await self._patch(body)
        if wanted is not current.mining_mode.mode:
            await (self._stop_mining() if wanted is MiningMode.SLEEP else self._resume_mining())
        if new_pools and feats.restart_for_pools:
            await self._reboot()


class AxeOSPausable(AxeOS):
    """ESP-Miner v2.14 on: POST /api/system/pause and /resume (miningPaused in the info)."""

    capabilities: ClassVar[frozenset[Capability]] = AxeOS.capabilities | {
        Capability.STOP_MINING,
        Capability.RESUME_MINING,
    }

    async def _stop_mining(self) -> None:
        await self._send("POST", "/api/system/pause")

    async def _resume_mining(self) -> None:
        await self._send("POST", "/api/system/resume")


class NerdOS(AxeOS):
    """shufps/ESP-Miner-NerdQAxePlus (NerdQAxe+, NerdQAxe++, NerdAxe): no pause, no
    identify, pools taken without a restart, every connection closed after its answer."""

    make = NERDAXE
    firmware = "NerdOS"


def backend_for(info: dict[str, Any] | None) -> type[AxeOS]:
    """The class for a build, from its info reply (AxeOS when there is none)."""
    if info is None:
        return AxeOS
    feats = controls.features(info)
    if feats.flavour is Flavour.NERDOS:
        return NerdOS
    return AxeOSPausable if feats.pause else AxeOS


def _make(kind: Flavour) -> str:
    return {Flavour.NERDOS: NERDAXE, Flavour.LUCKYMINER: "LuckyMiner"}.get(kind, BITAXE)


def _pools_differ(wanted: list[PoolConfig], current: list[PoolConfig]) -> bool:
    """Pools are rewritten when a URL or user differs, or a password is given: the
    firmware never shows its passwords, so one left at PoolConfig's default is kept."""
    if [(p.url.strip(), p.user.strip()) for p in wanted] != [
        (p.url, p.user) for p in current[: len(wanted)]
    ]:
        return True
    return any(p.password != DEFAULT_PASSWORD for p in wanted)


def _watts(value: Any) -> float | None:
    watts = to_float(value)
    return round(watts, 2) if watts is not None and 0 <= watts < 100_000 else None


def _positive(value: Any) -> float | None:
    number = to_float(value)
    return number if number is not None and 0 < number < 100_000 else None


def _rssi(value: Any) -> int | None:
    rssi = to_int(value)
    return rssi if rssi is not None and -127 <= rssi <= 0 else None


def _is_mining(info: dict[str, Any], hashrate: float | None) -> bool | None:
    """miningPaused (v2.14), NerdOS shutdown; older builds: hashing or not."""
    if isinstance(info.get("miningPaused"), bool):
        return not info["miningPaused"]
    if info.get("shutdown") is True:
        return False
    return None if hashrate is None else hashrate > 0


def _errors(info: dict[str, Any]) -> list[MinerError]:
    """power_fault and hardware_fault (v2.14: the voltage regulator's or a peripheral's
    fault message) and the overheat protection's throttle."""
    found = [
        MinerError(code=key, message=message)
        for key in ("power_fault", "hardware_fault")
        if (message := text(info.get(key))) is not None
    ]
    if to_int(info.get("overheat_mode")) == 1:
        found.append(MinerError(code="overheat_mode", message="overheat protection: throttled"))
    return found
