"""A fleet's diagnostics: its options, its sums, the budget and the last plan."""

from __future__ import annotations

import dataclasses
from typing import Any

from homeassistant.config_entries import ConfigEntry

from .coordinator import FleetCoordinator
from .sensor import plan_attribute


def fleet_diagnostics(entry: ConfigEntry) -> dict[str, Any]:
    """Nothing secret lives in a fleet: its members are entry ids, its sensors entity ids."""
    coordinator: FleetCoordinator = entry.runtime_data
    data = coordinator.data
    return {
        "entry": {"title": entry.title, "data": dict(entry.data), "options": dict(entry.options)},
        "controlling": coordinator.controlling,
        "paused": coordinator.paused,
        "budget_number_w": coordinator.budget_number_w,
        "budget_w": data.budget_w,
        "budget_source": data.budget_source,
        "mining_allowed": data.mining_allowed,
        "totals": dataclasses.asdict(data.totals),
        "plan": plan_attribute(data),
        "planned_w": data.plan.planned_w if data.plan is not None else None,
        "notes": list(data.notes),
    }
