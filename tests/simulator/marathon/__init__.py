"""Simulated MARA firmware (MaraFW) on an Antminer: ``/kaonsu/v1/`` behind digest auth."""

from .miner import MaraSim
from .models import MODELS

__all__ = ["MODELS", "MaraSim"]
