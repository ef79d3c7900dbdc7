"""Simulated Bitdeer SealMiner (BDMiner): RPC on 4028, the PHP web on 80 behind a cookie."""

from .miner import SealSim
from .models import MODELS

__all__ = ["MODELS", "SealSim"]
