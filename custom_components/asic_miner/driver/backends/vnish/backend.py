"""VNish (AnthillOS) on Antminers: REST on port 80 (``/api/v1``), one backend for 1.2 and 1.3.

A poll is four GETs that need no login, on one keep-alive connection: ``/summary``
(state, throttle, chains, power, fans, pools with shares, hydro water temperatures),
``/perf-summary`` (the current preset), ``/status`` (the find-miner light) and ``/info``
(MAC, host name, version, uptime). The preset list (``/autotune/presets``, with the unlock
token) changes only when a preset is tuned: it is read on the first poll, then every
``PRESETS_MAX_AGE`` seconds or after a change. What the firmware offers is read from its
answers, not guessed from its version: the throttle only where the summary reports one.

A wrong unlock password fails the first poll (no preset list yet: the login is checked);
later, the list read last is kept and asked again after ``PRESETS_MAX_AGE``: the figures
need no unlock, and a refused unlock each poll would count towards the firmware's lockout
(429 after too many). The controls, which need it, ask for the password.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from typing import Any, ClassVar, Final

from ...config import FanMode, MinerConfig, MiningMode
from ...credentials import Firmware
from ...data import MinerData
from ...errors import ConnectionDroppedError, MinerAuthenticationError, MinerProtocolError
from ...miner import Capability, Miner
from ...models import lookup
from ...settings import ChoiceKey, NumberKey, Settings
from ...validation import check_config
from ..antminer.models import MAKE
from ..reads import optional_objects
from ..values import text
from . import controls, replies
from .api import VnishApi
from .presets import Preset, by_name, by_option, for_power, parse_presets

_LOGGER = logging.getLogger(__name__)

PRESETS_MAX_AGE: Final = 600.0


class Vnish(Miner):
    make = MAKE
    firmware = "VNish"
    family = Firmware.VNISH
    requires_credentials = True
    capabilities: ClassVar[frozenset[Capability]] = frozenset(
        {
            Capability.REBOOT,
            Capability.RESTART_BACKEND,
            Capability.STOP_MINING,
            Capability.RESUME_MINING,
            Capability.FAULT_LIGHT,
            Capability.GET_CONFIG,
            Capability.SEND_CONFIG,
        }
    )

    def __init__(self, host: str, **kwargs: Any) -> None:
        super().__init__(host, **kwargs)
        self.api = VnishApi(
            host, lambda: self.session, self.credentials.password or "", self.timeout
        )
        self._presets: tuple[Preset, ...] = ()
        self._presets_at: float | None = None  # loop time of the last read; None: stale
        self._presets_read = False  # a preset list was read once (the login worked)
        self._summary: dict[str, Any] | None = None
        self._current: str | None = None  # the current preset's name

    # -- reads ---------------------------------------------------------------------------

    def _presets_stale(self) -> bool:
        if self._presets_at is None:
            return True
        return asyncio.get_running_loop().time() - self._presets_at > PRESETS_MAX_AGE

    async def _read_presets(self) -> dict[str, Any] | None:
        """The preset list; None (the last one kept) when the unlock is refused after a
        list was read (see the module docstring)."""
        try:
            reply = await self.api.get("/autotune/presets", login=True)
        except MinerAuthenticationError as err:
            if not self._presets_read:
                raise
            _LOGGER.debug("%s: preset list kept: %s", self.host, err)
            self._presets_at = asyncio.get_running_loop().time()
            return None
        self._presets = parse_presets(reply)
        self._presets_at = asyncio.get_running_loop().time()
        self._presets_read = True
        return {"presets": reply}

    async def _get_data(self) -> MinerData:
        reads: dict[str, Any] = {
            "summary": self.api.get("/summary"),
            "perf": self.api.get("/perf-summary"),
            "status": self.api.get("/status"),
            "info": self.api.get("/info"),
        }
        if self._presets_stale():
            reads["presets"] = self._read_presets()
        found = await optional_objects(self.host, **reads)
        summary = found.need("summary")
        if replies.miner(summary) == {}:
            raise MinerProtocolError(f"{self.host}: /summary answered no miner")
        self._summary = summary
        perf = found.get("perf")
        self._current = replies.current_preset_name(perf)
        if "presets" not in reads and self._list_outdated(perf):
            await self._read_presets()  # a preset tuned (or added) since the list was read
        return self._data(summary, found.get("info"), found.get("status"))

    def _list_outdated(self, perf: dict[str, Any] | None) -> bool:
        """The current preset is missing from the list, or its status there differs."""
        if self._current is None:
            return False
        listed = by_name(self._presets, self._current)
        tuned = replies.current_preset_tuned(perf)
        return listed is None or (tuned is not None and tuned != listed.tuned)

    def _data(
        self,
        summary: dict[str, Any],
        info: dict[str, Any] | None,
        status: dict[str, Any] | None,
    ) -> MinerData:
        name, type_version = replies.split_type(replies.miner(summary).get("miner_type"))
        row = lookup(text((info or {}).get("miner")) or name, MAKE)
        if row is not None:
            self.model = row.name
        elif name and self.model is None:
            self.model = name.removeprefix("Antminer ").strip() or None
        current = by_name(self._presets, self._current)
        pools = replies.pools(summary)
        throttle = replies.throttle(summary)
        inlet, outlet = replies.water_temps(summary)
        miner_state = replies.state(summary)
        return MinerData(
            host=self.host,
            make=MAKE,
            model=self.model,
            firmware=self.firmware,
            fw_ver=text((info or {}).get("fw_version")) or type_version,
            mac=replies.mac(info),
            hostname=replies.hostname(info),
            hashrate=replies.hashrate(summary),
            expected_hashrate=replies.expected_hashrate(summary),
            wattage=replies.wattage(summary),
            wattage_limit=current.watts if current else None,
            uptime=replies.info_uptime(info),
            hashboards=replies.hashboards(summary, row.chips_per_board if row else None),
            fans=replies.fans(summary),
            fan_percent=replies.fan_percent(summary),
            pools=pools,
            errors=replies.errors(summary),
            fault_light=replies.find_miner_on(status),
            is_mining=replies.is_mining(summary),
            shares_accepted=_total(p.accepted for p in pools),
            shares_rejected=_total(p.rejected for p in pools),
            tuner_state=(
                miner_state
                if miner_state == "auto-tuning"
                else ("tuned" if current.tuned else "untuned")
                if current
                else None
            ),
            throttled=None if throttle is None else throttle < controls.THROTTLE_MAX,
            water_inlet_temp=inlet,
            water_outlet_temp=outlet,
            settings=controls.settings(summary, self._presets, self._current),
        )

    async def check_credentials(self) -> None:
        """Reads need no login: the unlock itself proves the password."""
        await self.api.unlock()

    async def get_mac(self) -> str | None:
        return replies.mac(await self.api.get("/info"))

    async def get_hostname(self) -> str | None:
        return replies.hostname(await self.api.get("/info"))

    async def check_light(self) -> bool:
        return bool(replies.find_miner_on(await self.api.get("/status")))

    async def get_config(self) -> MinerConfig:
        return MinerConfig(pools=controls.config_pools(await self._settings_reply()))

    async def _settings_reply(self) -> dict[str, Any]:
        reply = await self.api.get("/settings", login=True)
        if not isinstance(reply, dict):
            raise MinerProtocolError(f"{self.host}: /settings answered no settings")
        return reply

    # -- controls ------------------------------------------------------------------------

    async def _apply(self, path: str, body: dict[str, Any]) -> None:
        """POST a change; the miner says whether mining must restart to apply it."""
        restart, reboot = replies.restart_needed(await self.api.post(path, body))
        if restart:
            _LOGGER.debug("%s: %s needs a mining restart", self.host, path)
            await self._restart_backend()
        if reboot:
            _LOGGER.warning("%s: the change takes effect after the miner reboots", self.host)

    async def _fresh_settings(self) -> Settings:
        if self._summary is None or self._presets_at is None:
            await self._get_data()
        return controls.settings(self._summary, self._presets, self._current)

    async def _set_choice(self, key: str, option: str) -> None:
        choice = (await self._fresh_settings()).choices.get(key)
        if choice is None or key != ChoiceKey.PRESET:
            raise self._unsupported(key)
        choice.check(key, option)
        preset = by_option(self._presets, option)
        if preset is None:  # pragma: no cover - the options are the presets' own
            raise ValueError(f"{key} {option!r} is no preset")
        await self._choose(preset)

    async def _choose(self, preset: Preset) -> None:
        body = controls.preset_body(await self._settings_reply(), preset)
        await self._apply("/settings", body)
        self._current = preset.name
        self._presets_at = None  # tuning changes its status: read the list again

    async def _set_number(self, key: str, value: float) -> None:
        number = (await self._fresh_settings()).numbers.get(key)
        if number is None:
            raise self._unsupported(key)
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ValueError(f"{key} must be a number, not {value!r}")
        number.check(key, value)
        if key == NumberKey.POWER_TARGET:
            preset = for_power(self._presets, value)
            if preset is None:  # pragma: no cover - the bounds are the tuned presets'
                raise ValueError(f"no tuned preset at or below {value:g} W")
            await self._choose(preset)
        elif key == NumberKey.THROTTLE:
            await self._apply("/mining/throttle", {"percent": round(value)})
        else:
            raise self._unsupported(key)

    async def _fault_light(self, on: bool) -> None:
        """find-miner toggles: read the light first, toggle only when it differs."""
        if await self.check_light() == on:
            return
        answer = replies.find_miner_on(await self.api.post("/find-miner"))
        if answer is None:
            answer = await self.check_light()  # 1.3.4 may answer null
        if answer != on:
            raise MinerProtocolError(f"{self.host}: the find-miner light did not turn {on}")

    async def _fault_light_on(self) -> None:
        await self._fault_light(True)

    async def _fault_light_off(self) -> None:
        await self._fault_light(False)

    async def _reboot(self) -> None:
        with contextlib.suppress(ConnectionDroppedError):  # gone while answering
            await self.api.post("/system/reboot")
        self._presets_at = None

    async def _restart_backend(self) -> None:
        await self.api.post("/mining/restart")

    async def _stop_mining(self) -> None:
        await self.api.post("/mining/stop")

    async def _resume_mining(self) -> None:
        # mining/start is mining/stop's counterpart (asic-rs v1_2_0 resume); mining/resume
        # only ends a mining/pause.
        await self.api.post("/mining/start")

    async def _send_config(self, config: MinerConfig) -> None:
        check_config(config, controls.POOL_SLOTS, f"{self.make} {self.firmware} firmware")
        if config.fan.mode is not FanMode.NORMAL:
            raise self._unsupported(f"fan mode {config.fan.mode}")
        mode = config.mining_mode.mode
        if mode not in (MiningMode.NORMAL, MiningMode.SLEEP):
            raise self._unsupported(f"mining mode {mode}")
        if config.pools:
            await self._apply(
                "/settings", controls.pools_body(config.pools, await self._settings_reply())
            )
        if mode is MiningMode.SLEEP:
            await self._stop_mining()


def _total(counts: Any) -> int | None:
    found = [c for c in counts if c is not None]
    return sum(found) if found else None


__all__ = ["PRESETS_MAX_AGE", "MinerAuthenticationError", "Vnish"]
