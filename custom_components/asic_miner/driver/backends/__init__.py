"""Firmware backends: one ``Miner`` subclass per firmware family (and generation)."""

from .antminer import AntminerModern, AntminerOld, AntminerStock

__all__ = ["AntminerModern", "AntminerOld", "AntminerStock"]
