"""Text: settings the firmware takes as text (the host name), within its own limits."""

from __future__ import annotations

from homeassistant.components.text import TextEntity, TextEntityDescription
from homeassistant.const import EntityCategory
from homeassistant.core import HomeAssistant
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback

from .coordinator import AsicMinerConfigEntry
from .driver import Text
from .entity import AsicMinerEntity
from .helpers import miner_action
from .setting_entities import add_setting_entities

PARALLEL_UPDATES = 1


async def async_setup_entry(
    hass: HomeAssistant,
    entry: AsicMinerConfigEntry,
    async_add_entities: AddConfigEntryEntitiesCallback,
) -> None:
    """Add a text entity for each text setting the firmware offers."""
    coordinator = entry.runtime_data
    add_setting_entities(
        entry,
        async_add_entities,
        lambda data: data.settings.texts,
        lambda key: AsicMinerText(
            coordinator,
            TextEntityDescription(
                key=key, translation_key=key, entity_category=EntityCategory.CONFIG
            ),
        ),
    )


class AsicMinerText(AsicMinerEntity, TextEntity):
    """A text setting of one miner."""

    def _text(self) -> Text | None:
        return self.coordinator.data.settings.texts.get(self.entity_description.key)

    @property
    def available(self) -> bool:
        return super().available and self._text() is not None

    @property
    def native_value(self) -> str | None:
        text = self._text()
        return text.value if text is not None else None

    @property
    def native_max(self) -> int:
        text = self._text()
        return text.max_length if text is not None else 255

    @property
    def pattern(self) -> str | None:
        text = self._text()
        return text.pattern if text is not None else None

    @miner_action
    async def async_set_value(self, value: str) -> None:
        await self.coordinator.miner.set_text(self.entity_description.key, value)
