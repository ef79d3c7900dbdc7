"""Simulated IceRiver firmware: the panel's ``/user/`` pages behind a session cookie."""

from .miner import IceRiverSim
from .models import MODELS

__all__ = ["MODELS", "IceRiverSim"]
