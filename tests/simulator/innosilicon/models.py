"""The simulated Innosilicon models: the captured A9 ZMaster (captures.py), as recorded."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final


@dataclass(frozen=True, slots=True)
class InnoSpec:
    key: str
    name: str


MODELS: Final[dict[str, InnoSpec]] = {"innosilicon-a9": InnoSpec("innosilicon-a9", "A9")}
