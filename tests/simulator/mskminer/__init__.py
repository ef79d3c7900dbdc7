"""Simulated MSKMiner Antminers: the captured BMMiner answers on 4028 and pyasic's account
of the web's info_v1 on 80 (captures.py); independent of the driver."""

from .miner import MskSim
from .models import MODELS

__all__ = ["MODELS", "MskSim"]
