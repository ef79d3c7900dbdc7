"""A simulated Antminer S19 on Braiins OS+ 24.09: the web GraphQL endpoint and BOSer's RPC,
built from captured replies (captures.py); independent of the driver."""

from .miner import BosPlusSim
from .models import MODELS

__all__ = ["MODELS", "BosPlusSim"]
