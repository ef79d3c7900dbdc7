"""Simulated Goldshell miners: the captured ``/mcb/`` replies of an SC Lite and an SC-BOX
on port 80 (captures.py), behind the JWT login; independent of the driver."""

from .miner import GoldshellSim
from .models import MODELS

__all__ = ["MODELS", "GoldshellSim"]
