"""Simulated stock-firmware Antminers speaking the real wire protocols on loopback addresses.

Independent of the driver on purpose: it is what the driver is tested against.
"""

from .antminer.miner import SimulatedMiner
from .antminer.models import MODELS
from .faults import Fault
from .fleet import Fleet
from .quirks import QUIRKS

__all__ = ["MODELS", "QUIRKS", "Fault", "Fleet", "SimulatedMiner"]
