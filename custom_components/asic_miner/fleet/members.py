"""A fleet's members as their own coordinators last read them, and the fleet's sums."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from homeassistant.config_entries import ConfigEntryState
from homeassistant.core import HomeAssistant

from .. import is_fleet
from ..binary_sensor import problems
from ..const import CONF_MEMBERS, DOMAIN
from ..driver import Algorithm, MinerData
from ..driver.models import lookup

if TYPE_CHECKING:
    from homeassistant.config_entries import ConfigEntry

    from ..coordinator import AsicMinerCoordinator


@dataclass(frozen=True, slots=True)
class Member:
    entry_id: str
    name: str
    # None while its entry is not loaded or its last poll failed: left out of the sums.
    coordinator: AsicMinerCoordinator | None


@dataclass(frozen=True, slots=True)
class Rate:
    """The members of one algorithm: their hashrate and efficiency (driver units)."""

    hashrate_ths: float | None = None
    efficiency_j_th: float | None = None


@dataclass(frozen=True, slots=True)
class Totals:
    """The sums over the members that answered. Rates are summed per algorithm, never
    across: ``hashrate_ths`` and ``efficiency_j_th`` are the SHA-256 members'."""

    hashrate_ths: float | None = None
    power_w: float | None = None
    efficiency_j_th: float | None = None
    rates: dict[Algorithm, Rate] = field(default_factory=dict)  # every algorithm mined
    mining: int = 0
    available: int = 0
    total: int = 0
    mining_names: tuple[str, ...] = ()
    estimated_names: tuple[str, ...] = ()  # their power from the model table
    unavailable_names: tuple[str, ...] = ()
    problems: dict[str, list[str]] = field(default_factory=dict)


def miner_entries(hass: HomeAssistant) -> list[ConfigEntry]:
    """Every miner entry (not fleets), the candidates for a fleet's members."""
    return [entry for entry in hass.config_entries.async_entries(DOMAIN) if not is_fleet(entry)]


def members(hass: HomeAssistant, entry: ConfigEntry) -> list[Member]:
    """The fleet's members that still exist (a deleted miner entry leaves the fleet)."""
    found = []
    for entry_id in entry.options.get(CONF_MEMBERS, []):
        member = hass.config_entries.async_get_entry(entry_id)
        if member is None or member.domain != DOMAIN or is_fleet(member):
            continue
        coordinator = None
        if member.state is ConfigEntryState.LOADED:
            coordinator = member.runtime_data
            if not coordinator.last_update_success:
                coordinator = None
        found.append(Member(entry_id, member.title, coordinator))
    return found


def _estimated_draw(coordinator: AsicMinerCoordinator, data: MinerData) -> float | None:
    if not data.is_mining:
        return 0.0 if data.is_mining is False else None
    model = lookup(data.model or coordinator.miner.model, data.make or coordinator.miner.make)
    return float(model.power_max_w) if model is not None else None


def _sum(values: list[float | None]) -> float | None:
    known = [value for value in values if value is not None]
    return round(sum(known), 3) if known else None


def _rate(datas: list[MinerData]) -> Rate:
    # Efficiency over the members that report both, so a miner without a power reading
    # does not make the fleet look better than it is.
    both = [data for data in datas if data.hashrate and data.wattage is not None]
    both_hashrate = sum(data.hashrate or 0.0 for data in both)
    efficiency = (
        round(sum(data.wattage or 0.0 for data in both) / both_hashrate, 2)
        if both_hashrate > 0
        else None
    )
    return Rate(_sum([data.hashrate for data in datas]), efficiency)


def _rates(datas: list[MinerData]) -> dict[Algorithm, Rate]:
    by_algorithm: dict[Algorithm, list[MinerData]] = {}
    for data in datas:
        by_algorithm.setdefault(data.algorithm or Algorithm.SHA256, []).append(data)
    return {algorithm: _rate(group) for algorithm, group in by_algorithm.items()}


def totals(found: list[Member]) -> Totals:
    answering = [member for member in found if member.coordinator is not None]
    datas = [(member, member.coordinator.data) for member in answering if member.coordinator]
    rates = _rates([data for _, data in datas])
    bitcoin = rates.get(Algorithm.SHA256, Rate())
    # A miner that reports no power (stock Antminer) counts with its model's draw while it
    # mines: the budget is spent on it as such, and the Energy dashboard would miss it.
    estimated = [
        (member, _estimated_draw(member.coordinator, data))
        for member, data in datas
        if data.wattage is None and member.coordinator is not None
    ]
    power = _sum([data.wattage for _, data in datas] + [watts for _, watts in estimated])
    mining = tuple(member.name for member, data in datas if data.is_mining)
    return Totals(
        hashrate_ths=bitcoin.hashrate_ths,
        power_w=power,
        efficiency_j_th=bitcoin.efficiency_j_th,
        rates=rates,
        mining=len(mining),
        available=len(answering),
        total=len(found),
        mining_names=mining,
        estimated_names=tuple(member.name for member, watts in estimated if watts),
        unavailable_names=tuple(member.name for member in found if member.coordinator is None),
        problems={
            member.name: found_problems
            for member, data in datas
            if (found_problems := problems(data))
        },
    )
