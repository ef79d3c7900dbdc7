"""A simulated LuxOS (LUXminer) Antminer: RPC 4028 with sessions, built from captures."""

from .miner import LuxosSim
from .models import MODELS

__all__ = ["MODELS", "LuxosSim"]
