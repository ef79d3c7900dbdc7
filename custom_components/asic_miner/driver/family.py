"""What a firmware family package gives the dispatcher: its markers and its resolver.

Each package in ``backends/`` has a ``family.py`` with ``FAMILY``; ``identify.py`` reads
them all (``backends.FAMILY_PACKAGES``) and never names a family itself. A family whose
firmware is recognised but not yet supported has markers and no resolver.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .credentials import Firmware

if TYPE_CHECKING:
    from .miner import Miner
    from .probes import Probes


@dataclass(frozen=True, slots=True)
class Marker:
    """A case-insensitive text that identifies a firmware family.

    A weak marker is shared with other firmware (the "antMiner" digest realm is also served
    by Hiveon and MaraFW builds): it decides only if no probe names a family outright within
    ``WEAK_MARKER_GRACE`` seconds.
    """

    text: str
    family: Firmware
    strong: bool = True


@dataclass(frozen=True, slots=True)
class Identity:
    """What a resolver found: the backend to use and the model (None if unknown yet)."""

    backend: type[Miner]
    model: str | None
    plain_text_rpc: bool = False  # the RPC daemon answered only the plain-text form


Resolver = Callable[["Probes"], Awaitable[Identity]]

# Marker ranks: the markers of lower ranks are checked first. Aftermarket firmware replies
# also say "Antminer", so its markers come before the stock ones.
AFTERMARKET = 10
MAKE = 30
STOCK_ANTMINER = 90


@dataclass(frozen=True, slots=True)
class Family:
    firmware: Firmware
    rpc_markers: tuple[Marker, ...] = ()
    # Matched against the WWW-Authenticate header and the page text of GET /.
    web_markers: tuple[Marker, ...] = ()
    resolve: Resolver | None = None  # None: recognised, no backend yet
    rank: int = MAKE
