"""The simulated IceRiver models: the captured KS3M (captures.py), answering as recorded."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Final

from . import captures


@dataclass(frozen=True, slots=True)
class IceRiverSpec:
    key: str
    name: str  # as softver1 names it, upper case
    panel: dict[str, Any]  # the captured userpanel reply


MODELS: Final[dict[str, IceRiverSpec]] = {
    "iceriver-ks3m": IceRiverSpec("iceriver-ks3m", "KS3M", captures.USERPANEL_KS3M),
}
