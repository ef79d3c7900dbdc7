"""Simulated Antminers on Braiins OS 25.07 and later (the public REST API on port 80, BOSer's
RPC version on 4028), built from the replies asic-rs captured (captures.py)."""

from .miner import BosRestSim
from .models import MODELS, BosRestSpec

__all__ = ["MODELS", "BosRestSim", "BosRestSpec"]
