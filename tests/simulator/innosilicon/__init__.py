"""Simulated Innosilicon innominer (cgminer RPC on 4028; its web API is not simulated)."""

from .miner import InnoSim
from .models import MODELS

__all__ = ["MODELS", "InnoSim"]
