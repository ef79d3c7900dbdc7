"""Simulated ESP-Miner devices (BitAxe on AxeOS, NerdQAxe++ on NerdOS) on loopback port 80.

Built from captured replies (captures.py) and the firmware sources of each build
(models.py); independent of the driver.
"""

from .miner import EspMinerSim, MdnsService
from .models import ESPMINER_MODELS, MODELS
from .replies import QUIRKS

__all__ = ["ESPMINER_MODELS", "MODELS", "QUIRKS", "EspMinerSim", "MdnsService"]
