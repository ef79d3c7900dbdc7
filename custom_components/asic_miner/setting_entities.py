"""Entities made from the settings a poll carries (driver ``MinerData.settings``).

A setting appears as an entity once a poll carries it (the first poll, or a later one
after a firmware update); one that a later poll lacks makes its entity unavailable.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from homeassistant.core import callback
from homeassistant.helpers.entity import Entity
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback

from .coordinator import AsicMinerConfigEntry
from .driver import MinerData


def add_setting_entities(
    entry: AsicMinerConfigEntry,
    async_add_entities: AddConfigEntryEntitiesCallback,
    keys_fn: Callable[[MinerData], Mapping[str, Any] | Iterable[str]],
    make: Callable[[str], Entity],
) -> None:
    """Add an entity for each key ``keys_fn`` finds in a poll, now and after later polls."""
    coordinator = entry.runtime_data
    added: set[str] = set()

    @callback
    def add_new() -> None:
        if not coordinator.last_update_success:
            return
        new = [key for key in keys_fn(coordinator.data) if key not in added]
        added.update(new)
        if new:
            async_add_entities(make(key) for key in new)

    add_new()
    entry.async_on_unload(coordinator.async_add_listener(add_new))
