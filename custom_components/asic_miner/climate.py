"""Climate: a miner sold as a heater, whose firmware holds a room temperature itself.

Where the firmware has a heating work mode with its own target temperature (the Avalon
Mini 3 and others whose work modes include "heating"), the miner is also a thermostat:

- heat: mining, in the heating work mode; the firmware adjusts its power to hold the
  target temperature it measures at its air intake (shown as the current temperature);
- off: mining stopped (soft off: the control board and its web stay up);
- presets: the firmware's work modes (heating, mining, night); in the other modes the
  miner heats at that mode's fixed power and does not hold the target.

The fan stays its own setting (fan mode select and fan speed number): the firmware runs
the fan for the chips, not for the room.
"""

from __future__ import annotations

from typing import Any

from homeassistant.components.climate import ClimateEntity, ClimateEntityDescription
from homeassistant.components.climate.const import ClimateEntityFeature, HVACAction, HVACMode
from homeassistant.const import ATTR_TEMPERATURE, UnitOfTemperature
from homeassistant.core import HomeAssistant
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback

from .coordinator import AsicMinerConfigEntry
from .driver import ChoiceKey, MinerData, Number, NumberKey
from .entity import AsicMinerEntity
from .helpers import miner_action
from .setting_entities import add_setting_entities

PARALLEL_UPDATES = 1

HEATING_MODE = "heating"
HEATER = ClimateEntityDescription(key="heater", translation_key="heater")


def has_native_heating(data: MinerData) -> bool:
    """The firmware holds a temperature itself: a heating work mode and a target."""
    mode = data.settings.choices.get(ChoiceKey.WORK_MODE)
    return (
        mode is not None
        and HEATING_MODE in mode.options
        and NumberKey.TARGET_TEMPERATURE in data.settings.numbers
    )


async def async_setup_entry(
    hass: HomeAssistant,
    entry: AsicMinerConfigEntry,
    async_add_entities: AddConfigEntryEntitiesCallback,
) -> None:
    """Add the heater where the firmware has a heating mode with a target temperature."""
    coordinator = entry.runtime_data
    add_setting_entities(
        entry,
        async_add_entities,
        lambda data: (HEATER.key,) if has_native_heating(data) else (),
        lambda key: AsicMinerHeater(coordinator, HEATER),
    )


class AsicMinerHeater(AsicMinerEntity, ClimateEntity):
    """The miner as a thermostat-run heater, held by its own firmware."""

    _attr_temperature_unit = UnitOfTemperature.CELSIUS
    _attr_supported_features = (
        ClimateEntityFeature.TARGET_TEMPERATURE
        | ClimateEntityFeature.PRESET_MODE
        | ClimateEntityFeature.TURN_ON
        | ClimateEntityFeature.TURN_OFF
    )

    @property
    def hvac_modes(self) -> list[HVACMode]:
        return [HVACMode.HEAT, HVACMode.OFF]

    def _target(self) -> Number | None:
        return self.coordinator.data.settings.numbers.get(NumberKey.TARGET_TEMPERATURE)

    def _mode(self) -> str | None:
        mode = self.coordinator.data.settings.choices.get(ChoiceKey.WORK_MODE)
        return mode.current if mode is not None else None

    @property
    def available(self) -> bool:
        return super().available and has_native_heating(self.coordinator.data)

    @property
    def hvac_mode(self) -> HVACMode | None:
        mining = self.coordinator.data.is_mining
        if mining is None:
            return None
        return HVACMode.HEAT if mining else HVACMode.OFF

    @property
    def hvac_action(self) -> HVACAction | None:
        data = self.coordinator.data
        if data.is_mining is None:
            return None
        if not data.is_mining:
            return HVACAction.OFF
        return HVACAction.HEATING if data.hashrate else HVACAction.IDLE

    @property
    def current_temperature(self) -> float | None:
        return self.coordinator.data.env_temp

    @property
    def target_temperature(self) -> float | None:
        target = self._target()
        return target.value if target is not None else None

    @property
    def min_temp(self) -> float:
        target = self._target()
        return target.minimum if target is not None else super().min_temp

    @property
    def max_temp(self) -> float:
        target = self._target()
        return target.maximum if target is not None else super().max_temp

    @property
    def target_temperature_step(self) -> float | None:
        target = self._target()
        return target.step if target is not None else None

    @property
    def preset_modes(self) -> list[str] | None:
        mode = self.coordinator.data.settings.choices.get(ChoiceKey.WORK_MODE)
        return list(mode.options) if mode is not None else None

    @property
    def preset_mode(self) -> str | None:
        return self._mode()

    @miner_action
    async def async_set_hvac_mode(self, hvac_mode: HVACMode) -> None:
        miner = self.coordinator.miner
        if hvac_mode == HVACMode.OFF:
            await miner.stop_mining()
            return
        if self._mode() != HEATING_MODE:
            await miner.set_choice(ChoiceKey.WORK_MODE, HEATING_MODE)
        if not self.coordinator.data.is_mining:
            await miner.resume_mining()

    async def async_turn_on(self) -> None:
        await self.async_set_hvac_mode(HVACMode.HEAT)

    async def async_turn_off(self) -> None:
        await self.async_set_hvac_mode(HVACMode.OFF)

    @miner_action
    async def async_set_temperature(self, /, **kwargs: Any) -> None:
        if (temperature := kwargs.get(ATTR_TEMPERATURE)) is not None:
            await self.coordinator.miner.set_number(
                NumberKey.TARGET_TEMPERATURE, float(temperature)
            )

    @miner_action
    async def async_set_preset_mode(self, preset_mode: str) -> None:
        await self.coordinator.miner.set_choice(ChoiceKey.WORK_MODE, preset_mode)
