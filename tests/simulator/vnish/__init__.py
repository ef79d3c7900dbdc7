"""Simulated VNish (AnthillOS) Antminers: ``/api/v1`` on port 80 and cgminer on 4028,
built from captured replies (captures.py); independent of the driver."""

from .miner import VnishSim
from .models import MODELS

__all__ = ["MODELS", "VnishSim"]
