"""VNish autotune presets (``GET /api/v1/autotune/presets``) as options and power steps.

Each preset is ``{"name": "3495", "pretty": "3495 watt ~ 132 TH", "status": "tuned"}``
(schema AutotunePresetsItem, v1.2.6-1.3.4; a captured list: S19 on 1.2.6, the public
"VNish API Documentation"); "disabled" is the manual overclock, with pretty "Disabled".
A hydro build's pretty may end in " LC" (pyasic config/mining/presets.py strips it).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Final

from ..values import text, to_count

TUNED: Final = "tuned"
UNTUNED: Final = "untuned"
DISABLED: Final = "disabled"
_PRETTY = re.compile(r"^\s*(?P<watts>\d+)\s*watt\s*~\s*(?P<rate>[\d.]+)\s*(?P<unit>[TGM])H", re.I)


@dataclass(frozen=True, slots=True)
class Preset:
    name: str  # what POST /settings takes: miner.overclock.preset
    pretty: str  # as the miner shows it
    tuned: bool
    watts: int | None  # None: no power step ("disabled")
    hashrate_ths: float | None

    @property
    def option(self) -> str:
        """The option as a select shows it: the miner's own text and its status."""
        if self.name == DISABLED:
            return self.pretty
        return f"{self.pretty} ({TUNED if self.tuned else UNTUNED})"


def parse_preset(item: Any) -> Preset | None:
    if not isinstance(item, Mapping):
        return None
    name = text(item.get("name"))
    if name is None:
        return None
    pretty = text(item.get("pretty")) or name
    watts = to_count(name) if name.isdigit() else None
    rate: float | None = None
    match = _PRETTY.match(pretty)
    if match is not None:
        watts = watts if watts is not None else to_count(match.group("watts"))
        scale = {"T": 1.0, "G": 1e-3, "M": 1e-6}[match.group("unit").upper()]
        rate = round(float(match.group("rate")) * scale, 6)
    if watts is not None and not 0 < watts < 100_000:
        watts = None
    return Preset(name, pretty, text(item.get("status")) == TUNED, watts, rate)


def parse_presets(reply: Any) -> tuple[Preset, ...]:
    """The list (newer builds) or ``{"presets": [...]}`` (pyasic reads either); names once."""
    items = reply.get("presets") if isinstance(reply, Mapping) else reply
    if not isinstance(items, list):
        return ()
    found: dict[str, Preset] = {}
    for item in items:
        preset = parse_preset(item)
        if preset is not None and preset.name not in found:
            found[preset.name] = preset
    return tuple(found.values())


def tuned_steps(presets: Iterable[Preset]) -> list[Preset]:
    """Tuned presets with a power figure, lowest watts first."""
    return sorted((p for p in presets if p.tuned and p.watts), key=lambda p: p.watts or 0)


def for_power(presets: Sequence[Preset], watts: float) -> Preset | None:
    """The highest tuned preset at or below ``watts``."""
    below = [p for p in tuned_steps(presets) if (p.watts or 0) <= watts]
    return below[-1] if below else None


def by_option(presets: Iterable[Preset], option: str) -> Preset | None:
    return next((p for p in presets if p.option == option), None)


def by_name(presets: Iterable[Preset], name: str | None) -> Preset | None:
    return next((p for p in presets if p.name == name), None) if name else None
