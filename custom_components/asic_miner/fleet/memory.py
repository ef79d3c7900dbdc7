"""What a fleet remembers of its members across restarts: when each was last started,
stopped and changed by it, so that a restart of Home Assistant does not reset the minimum
on / off times and the costly lever's interval."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from homeassistant.core import HomeAssistant
from homeassistant.helpers.storage import Store
from homeassistant.util import dt as dt_util

from ..const import DOMAIN

STORAGE_VERSION = 1
SAVE_DELAY = 10  # s: a tick's changes are written together

TIMES = ("last_started", "last_stopped", "last_changed")


@dataclass(slots=True)
class MemberMemory:
    """What the fleet remembers of one member between ticks (for the minimum times)."""

    mining: bool | None = None
    last_started: datetime | None = None
    last_stopped: datetime | None = None
    last_changed: datetime | None = None
    failed_at: datetime | None = None
    efficiency: float | None = None  # J/TH, as the planner ranks it
    paused_stop: bool = False  # stopped by the fleet's pause: resumed with it


class FleetMemory:
    """The members' memories, kept in .storage/asic_miner.fleet.<entry id>."""

    def __init__(self, hass: HomeAssistant, entry_id: str) -> None:
        self._store: Store[dict[str, Any]] = Store(
            hass, STORAGE_VERSION, f"{DOMAIN}.fleet.{entry_id}"
        )
        self.members: dict[str, MemberMemory] = {}
        self._saved: dict[str, Any] = {}

    async def async_load(self) -> None:
        stored = await self._store.async_load() or {}
        for member_id, saved in stored.get("members", {}).items():
            if not isinstance(saved, dict):
                continue
            memory = MemberMemory(paused_stop=bool(saved.get("paused_stop")))
            for name in TIMES:
                if isinstance(value := saved.get(name), str):
                    setattr(memory, name, dt_util.parse_datetime(value))
            self.members[member_id] = memory
        self._saved = self._data()

    def get(self, member_id: str) -> MemberMemory:
        return self.members.setdefault(member_id, MemberMemory())

    def async_save(self) -> None:
        """Written (after SAVE_DELAY) only when a time changed: not on every tick."""
        data = self._data()
        if data != self._saved:
            self._saved = data
            self._store.async_delay_save(lambda: data, SAVE_DELAY)

    def _data(self) -> dict[str, Any]:
        return {
            "members": {
                member_id: {
                    **{
                        name: value.isoformat()
                        for name in TIMES
                        if (value := getattr(memory, name)) is not None
                    },
                    "paused_stop": memory.paused_stop,
                }
                for member_id, memory in self.members.items()
            }
        }

    async def async_remove(self) -> None:
        await self._store.async_remove()
