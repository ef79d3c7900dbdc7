"""LuxOS profiles (``profiles``): the frequency / voltage steps the miner runs at.

Each is ``{"Profile Name": "290MHz", "Watts": 1188, "Hashrate": 59.8, "IsTuned": true,
"Frequency": 290, "Step": "-12", …}`` (the 2025.4.8 capture of an S19k Pro: 25 profiles,
16 below "default" and 8 above, as docs.luxor.tech/firmware/features describes). Hashrate
is TH/s, Watts the firmware's estimate of the draw at that profile.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ..values import text, to_count, to_float
from .replies import items


@dataclass(frozen=True, slots=True)
class Profile:
    name: str  # what profileset takes
    watts: int | None
    hashrate_ths: float | None
    tuned: bool

    @property
    def option(self) -> str:
        """As a select shows it: the name and the firmware's estimate."""
        figures = [f"{self.watts} W" if self.watts else None]
        figures.append(f"{self.hashrate_ths:g} TH/s" if self.hashrate_ths else None)
        shown = ", ".join(f for f in figures if f)
        return f"{self.name} ({shown})" if shown else self.name


def parse_profile(item: Mapping[str, Any]) -> Profile | None:
    name = text(item.get("Profile Name"))
    if name is None:
        return None
    watts = to_count(item.get("Watts"))
    rate = to_float(item.get("Hashrate"))
    return Profile(
        name=name,
        watts=watts if watts is not None and 0 < watts < 100_000 else None,
        hashrate_ths=rate if rate is not None and 0 < rate < 1e6 else None,
        tuned=item.get("IsTuned") is True,
    )


def parse_profiles(reply: Mapping[str, Any] | None) -> tuple[Profile, ...]:
    """PROFILES[], each name once, in the firmware's order (lowest step first)."""
    found: dict[str, Profile] = {}
    for item in items(reply, "PROFILES"):
        profile = parse_profile(item)
        if profile is not None and profile.name not in found:
            found[profile.name] = profile
    return tuple(found.values())


def power_steps(profiles: Iterable[Profile]) -> list[Profile]:
    """Profiles with a power figure, lowest watts first; one per figure."""
    by_watts: dict[int, Profile] = {}
    for profile in profiles:
        if profile.watts is not None:
            by_watts.setdefault(profile.watts, profile)
    return [by_watts[w] for w in sorted(by_watts)]


def for_power(profiles: Sequence[Profile], watts: float) -> Profile | None:
    """The profile of most watts at or below ``watts``."""
    below = [p for p in power_steps(profiles) if (p.watts or 0) <= watts]
    return below[-1] if below else None


def by_option(profiles: Iterable[Profile], option: str) -> Profile | None:
    return next((p for p in profiles if p.option == option), None)


def by_name(profiles: Iterable[Profile], name: str | None) -> Profile | None:
    return next((p for p in profiles if p.name == name), None) if name else None
