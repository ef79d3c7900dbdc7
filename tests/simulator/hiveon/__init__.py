"""Simulated Hiveon Antminers: the stock simulated Antminer with Hiveon's replies
(captures.py, from a real Hiveon S9); independent of the driver."""

from .miner import HiveonSim
from .models import MODELS

__all__ = ["MODELS", "HiveonSim"]
