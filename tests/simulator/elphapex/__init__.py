"""Simulated Elphapex DG1+ miners: the captured CGI replies behind a "Daoge" digest realm
(captures.py); independent of the driver."""

from .miner import ElphapexSim
from .models import MODELS

__all__ = ["MODELS", "ElphapexSim"]
