"""ESP-Miner firmware (BitAxe on AxeOS, NerdQAxe on NerdOS, Lucky Miner): HTTP 80 JSON."""

from .backend import AxeOS, AxeOSPausable, NerdOS

__all__ = ["AxeOS", "AxeOSPausable", "NerdOS"]
