"""LuxOS on Antminers: LUXminer's cgminer-style RPC on port 4028, one backend.

A poll is one joined request (``version+config+summary+stats+devs+temps+fans+power+
profiles+pools+events``: LUXminer answers cgminer's ``cmd1+cmd2`` form, which pyasic's
LUXMiner sends through its inherited multicommand); a firmware that refuses the joined
form is asked command by command. Reads need no session; every control takes one
(api.py).

Profiles change the miner's draw: the preset select and the power target both pick one.
With ATM on, it is switched off for the change and on again after it (pyasic
miners/backends/luxminer.py set_power_limit does so). A hashboard is shut down and
started again with the documented board ``reboot`` (a delay of 0 keeps it off: docs
api/luxminer/reboot; devs IsUserShutdown then says so): ``enableboard`` and
``disableboard`` answer "Board enabled" / "Board disabled" on 2025.10.15 and change
nothing (Solar-TechNick/PV-Miner CLAUDE.md, tested on a miner).
"""

from __future__ import annotations

import logging
from typing import Any, ClassVar, Final

from ...config import FanMode, MinerConfig, MiningMode
from ...credentials import Firmware
from ...data import MinerData
from ...errors import MinerProtocolError
from ...miner import Capability, Miner
from ...models import lookup
from ...settings import ChoiceKey, NumberKey, Settings, SwitchKey, hashboard_slot
from ...transport.rpc import Reply
from ...validation import check_config
from ..antminer.models import MAKE
from . import controls, pools, replies
from .api import LuxosApi
from .profiles import Profile, by_option, for_power, parse_profiles

_LOGGER = logging.getLogger(__name__)

POLL: Final = (
    "version",
    "config",
    "summary",
    "stats",
    "devs",
    "temps",
    "fans",
    "power",
    "profiles",
    "pools",
    "events",
)


class Luxos(Miner):
    make = MAKE
    firmware = "LuxOS"
    family = Firmware.LUXOS
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
        self.api = LuxosApi(host, self.timeout)
        self._found: dict[str, Reply] = {}
        self._profiles: tuple[Profile, ...] = ()

    # -- reads ---------------------------------------------------------------------------

    async def _get_data(self) -> MinerData:
        found = await self.api.read(*POLL)
        if "summary" not in found and "stats" not in found:
            raise MinerProtocolError(f"{self.host}: neither summary nor stats answered")
        self._found = found
        if "profiles" in found:
            self._profiles = parse_profiles(found["profiles"])
        return self._data(found)

    def _data(self, found: dict[str, Reply]) -> MinerData:
        config, summary, stats = found.get("config"), found.get("summary"), found.get("stats")
        version, devs = found.get("version"), found.get("devs")
        name = replies.model_name(config) or replies.version_type(version)
        row = lookup(name, MAKE)
        if row is not None:
            self.model = row.name
        elif name and self.model is None:
            self.model = name.removeprefix("Antminer ").strip() or None
        profile = next(
            (p for p in self._profiles if p.name == replies.current_profile(config)), None
        )
        pools = replies.pools(found.get("pools"))
        accepted, rejected = replies.shares(summary)
        return MinerData(
            host=self.host,
            make=MAKE,
            model=self.model,
            firmware=self.firmware,
            fw_ver=replies.firmware_version(version),
            api_ver=replies.api_version(version),
            mac=replies.mac(config),
            hostname=replies.hostname(config),
            serial_number=replies.serial_number(config),
            hashrate=replies.hashrate(summary),
            expected_hashrate=replies.expected_hashrate(stats, devs),
            hashrate_averages=replies.averages(summary),
            wattage=replies.wattage(found.get("power")),
            wattage_limit=profile.watts if profile else None,
            uptime=replies.uptime(summary, stats),
            hashboards=replies.hashboards(
                stats, devs, found.get("temps"), row.chips_per_board if row else None
            ),
            fans=replies.fans(found.get("fans")),
            fan_percent=replies.fan_percent(found.get("fans")),
            pools=pools,
            errors=replies.errors(found.get("events")),
            fault_light=replies.fault_light(config),
            is_mining=replies.is_mining(config, found.get("events")),
            shares_accepted=accepted,
            shares_rejected=rejected,
            settings=self._settings(),
        )

    def _settings(self) -> Settings:
        found = self._found
        return controls.settings(
            found.get("config"), found.get("fans"), found.get("devs"), self._profiles
        )

    async def _config(self) -> Reply:
        return (await self.api.read("config"))["config"]

    async def get_mac(self) -> str | None:
        return replies.mac(await self._config())

    async def get_hostname(self) -> str | None:
        return replies.hostname(await self._config())

    async def check_light(self) -> bool:
        return bool(replies.fault_light(await self._config()))

    async def _pools_reply(self) -> Reply:
        return (await self.api.read("pools"))["pools"]

    async def get_config(self) -> MinerConfig:
        """The first pool group's pools (the reply lists no passwords)."""
        return MinerConfig(pools=pools.config_pools(await self._pools_reply()))

    # -- controls ------------------------------------------------------------------------

    async def _reboot(self) -> None:
        await self.api.command("rebootdevice")

    async def _restart_backend(self) -> None:
        await self.api.command("resetminer")

    async def _stop_mining(self) -> None:
        await self.api.command("curtail", "sleep")

    async def _resume_mining(self) -> None:
        await self.api.command("curtail", "wakeup")

    async def _fault_light_on(self) -> None:
        await self.api.command("ledset", "red", "blink")

    async def _fault_light_off(self) -> None:
        # "auto" hands the red LED back to the firmware (it shows faults), as asic-rs's
        # set_fault_light(false) does; "off" would keep it dark through a fault.
        await self.api.command("ledset", "red", "auto")

    async def _fresh_settings(self) -> Settings:
        if not self._found:
            await self._get_data()
        return self._settings()

    async def _set_choice(self, key: str, option: str) -> None:
        choice = (await self._fresh_settings()).choices.get(key)
        if choice is None or key != ChoiceKey.PRESET:
            raise self._unsupported(key)
        choice.check(key, option)
        profile = by_option(self._profiles, option)
        if profile is None:  # pragma: no cover - the options are the profiles' own
            raise ValueError(f"{key} {option!r} is no profile")
        await self._apply_profile(profile)

    async def _set_number(self, key: str, value: float) -> None:
        number = (await self._fresh_settings()).numbers.get(key)
        if number is None:
            raise self._unsupported(key)
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ValueError(f"{key} must be a number, not {value!r}")
        number.check(key, value)
        if key == NumberKey.POWER_TARGET:
            profile = for_power(self._profiles, value)
            if profile is None:  # pragma: no cover - the bounds are the profiles' watts
                raise ValueError(f"no profile at or below {value:g} W")
            await self._apply_profile(profile)
        else:
            await self.api.command("fanset", f"speed={round(value)}")

    async def _apply_profile(self, profile: Profile) -> None:
        atm_on = replies.atm_enabled(self._found.get("config")) is True
        if atm_on:
            await self.api.command("atmset", "enabled=false")
        try:
            await self.api.command("profileset", profile.name)
        finally:
            if atm_on:
                await self.api.command("atmset", "enabled=true")
        _LOGGER.debug("%s: profile %s set", self.host, profile.name)

    async def _send_config(self, config: MinerConfig) -> None:
        check_config(config, pools.POOL_SLOTS, f"{self.make} {self.firmware} firmware")
        if config.fan.mode is not FanMode.NORMAL:
            raise self._unsupported(f"fan mode {config.fan.mode}")
        mode = config.mining_mode.mode
        if mode not in (MiningMode.NORMAL, MiningMode.SLEEP):
            raise self._unsupported(f"mining mode {mode}")
        if config.pools:
            held = await self._pools_reply()
            if not pools.unchanged(held, config.pools):
                for pool in config.pools:
                    parameters = pools.add_parameters(pool)
                    await self.api.plain("addpool", *parameters, secret=pool.password)
                for number in pools.removals(held):
                    await self.api.plain("removepool", str(number))
        if mode is MiningMode.SLEEP:
            await self._stop_mining()

    async def _set_switch(self, key: str, on: bool) -> None:
        switches = (await self._fresh_settings()).switches
        if key not in switches:
            raise self._unsupported(key)
        if key == SwitchKey.ATM:
            await self.api.command("atmset", f"enabled={'true' if on else 'false'}")
            return
        slot = hashboard_slot(key)
        if slot is None:  # pragma: no cover - the poll offers ATM and boards only
            raise self._unsupported(key)
        if on:
            await self.api.command("reboot", str(slot))  # started again after 5 s
        else:
            await self.api.command("reboot", str(slot), "0")  # a delay of 0: stays off
