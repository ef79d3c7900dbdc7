"""Simulated Auradine Teraflux (FluxOS, GCMiner): the token-guarded web API on 8080 and
GCMiner's RPC on 4028."""

from .miner import AuradineSim
from .models import MODELS

__all__ = ["MODELS", "AuradineSim"]
