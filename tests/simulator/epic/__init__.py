"""Simulated ePIC PowerPlay Antminers: the REST API on port 4028 and the dashboard page on
80, built from captured replies (captures.py); independent of the driver."""

from .miner import EpicSim
from .models import MODELS

__all__ = ["MODELS", "EpicSim"]
