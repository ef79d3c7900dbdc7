"""Simulated Antminers on Braiins OS+ with BOSminer (S9 era): cgminer RPC on 4028 as the
firmware's source answers it, OpenWrt's LuCI redirect on 80, and real SSH on 22 with
``/etc/bosminer.toml`` and the ``miner`` tool (captures.py names every source)."""

from .miner import MODELS, BosminerSim

__all__ = ["MODELS", "BosminerSim"]
