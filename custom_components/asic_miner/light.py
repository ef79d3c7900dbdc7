"""Light: a decorative light the miner has (the Avalon Nano 3S RGB ring), with brightness,
colour and the firmware's effects."""

from __future__ import annotations

from typing import Any

from homeassistant.components.light import LightEntity, LightEntityDescription
from homeassistant.components.light.const import (
    ATTR_BRIGHTNESS,
    ATTR_EFFECT,
    ATTR_RGB_COLOR,
    ColorMode,
    LightEntityFeature,
)
from homeassistant.core import HomeAssistant
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback

from .coordinator import AsicMinerConfigEntry
from .driver import LightChange, LightState
from .entity import AsicMinerEntity
from .helpers import miner_action
from .setting_entities import add_setting_entities

PARALLEL_UPDATES = 1

LIGHT = LightEntityDescription(key="light", translation_key="light")


async def async_setup_entry(
    hass: HomeAssistant,
    entry: AsicMinerConfigEntry,
    async_add_entities: AddConfigEntryEntitiesCallback,
) -> None:
    """Add the light where the firmware has one."""
    coordinator = entry.runtime_data
    add_setting_entities(
        entry,
        async_add_entities,
        lambda data: () if data.settings.light is None else (LIGHT.key,),
        lambda key: AsicMinerLight(coordinator, LIGHT),
    )


def _to_ha_brightness(percent: int) -> int:
    return round(percent * 255 / 100)


def _to_percent(brightness: int) -> int:
    return max(0, min(100, round(brightness * 100 / 255)))


class AsicMinerLight(AsicMinerEntity, LightEntity):
    """The miner's decorative light."""

    _attr_color_mode = ColorMode.RGB

    @property
    def supported_color_modes(self) -> set[ColorMode]:
        return {ColorMode.RGB}

    def _state(self) -> LightState | None:
        return self.coordinator.data.settings.light

    @property
    def available(self) -> bool:
        return super().available and self._state() is not None

    @property
    def supported_features(self) -> LightEntityFeature:
        state = self._state()
        return LightEntityFeature.EFFECT if state and state.effects else LightEntityFeature(0)

    @property
    def is_on(self) -> bool | None:
        state = self._state()
        return state.on if state is not None else None

    @property
    def brightness(self) -> int | None:
        state = self._state()
        if state is None or state.brightness is None:
            return None
        return _to_ha_brightness(state.brightness)

    @property
    def rgb_color(self) -> tuple[int, int, int] | None:
        state = self._state()
        return state.rgb if state is not None else None

    @property
    def effect_list(self) -> list[str] | None:
        state = self._state()
        return list(state.effects) if state is not None and state.effects else None

    @property
    def effect(self) -> str | None:
        state = self._state()
        return state.effect if state is not None else None

    @miner_action
    async def async_turn_on(self, /, **kwargs: Any) -> None:
        brightness = kwargs.get(ATTR_BRIGHTNESS)
        rgb = kwargs.get(ATTR_RGB_COLOR)
        await self.coordinator.miner.set_light(
            LightChange(
                on=True,
                brightness=None if brightness is None else _to_percent(int(brightness)),
                rgb=None if rgb is None else (int(rgb[0]), int(rgb[1]), int(rgb[2])),
                effect=kwargs.get(ATTR_EFFECT),
            )
        )

    @miner_action
    async def async_turn_off(self, /, **kwargs: Any) -> None:
        await self.coordinator.miner.set_light(LightChange(on=False))
