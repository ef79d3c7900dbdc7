"""Simulated Canaan Avalon miners (Nano 3S, Mini 3, Avalon Q, A1566): cgminer RPC on 4028.

Built from real captures (captures.py names each): JSON and the plain-text form, ``+``
joins, ``ascset`` writes answered as the firmware answers them, soft-off/soft-on at the
time given, ``switchpool``, ``setpool`` with the web login, ``restart`` on the A-series.
"""

from .miner import MODELS, AvalonSim
from .quirks import QUIRKS

__all__ = ["MODELS", "QUIRKS", "AvalonSim"]
