"""Simulated Hammer D10 miners: the captured ccminer RPC and "blackMiner" CGI replies
(captures.py); independent of the driver."""

from .miner import HammerSim
from .models import MODELS

__all__ = ["MODELS", "HammerSim"]
