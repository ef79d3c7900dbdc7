"""The simulator's firmware families: which class serves each model key.

A family is a package (or, for the two oldest, modules) exporting ``MODELS`` (model key →
spec) and the class that simulates them; adding a family adds one row to ``_FAMILIES``.
Every miner class takes ``(model, address, **options)`` and has the lifecycle of
``SimulatedMiner`` (``start``, ``stop``, ``go_offline``, ``come_back``, ``set_fault``,
``async with``); an option a family does not take is left out for its miners.
"""

from __future__ import annotations

import importlib
import inspect
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any


@dataclass(frozen=True, slots=True)
class SimFamily:
    name: str
    module: str  # imported on first use: "tests.simulator.espminer"
    models: str  # attribute naming the models: "MODELS"
    miner: str  # attribute naming the class: "EspMinerSim"

    def load(self) -> tuple[Mapping[str, Any], type]:
        module = importlib.import_module(self.module)
        return getattr(module, self.models), getattr(module, self.miner)


_FAMILIES: tuple[SimFamily, ...] = (
    SimFamily("antminer", "tests.simulator.antminer.miner", "ANTMINER_MODELS", "SimulatedMiner"),
    SimFamily(
        "whatsminer", "tests.simulator.whatsminer.miner", "WHATSMINER_MODELS", "WhatsminerMiner"
    ),
    SimFamily("avalon", "tests.simulator.avalon", "MODELS", "AvalonSim"),
    SimFamily("espminer", "tests.simulator.espminer", "MODELS", "EspMinerSim"),
    SimFamily("bosplus", "tests.simulator.bosplus", "MODELS", "BosPlusSim"),
    SimFamily("vnish", "tests.simulator.vnish", "MODELS", "VnishSim"),
    SimFamily("epic", "tests.simulator.epic", "MODELS", "EpicSim"),
    SimFamily("luxos", "tests.simulator.luxos", "MODELS", "LuxosSim"),
    SimFamily("hiveon", "tests.simulator.hiveon", "MODELS", "HiveonSim"),
    SimFamily("mskminer", "tests.simulator.mskminer", "MODELS", "MskSim"),
    SimFamily("bos_rest", "tests.simulator.bos_rest", "MODELS", "BosRestSim"),
    SimFamily("bosminer", "tests.simulator.bosminer", "MODELS", "BosminerSim"),
    SimFamily("marathon", "tests.simulator.marathon", "MODELS", "MaraSim"),
    SimFamily("goldshell", "tests.simulator.goldshell", "MODELS", "GoldshellSim"),
    SimFamily("auradine", "tests.simulator.auradine", "MODELS", "AuradineSim"),
    SimFamily("sealminer", "tests.simulator.sealminer", "MODELS", "SealSim"),
    SimFamily("iceriver", "tests.simulator.iceriver", "MODELS", "IceRiverSim"),
    SimFamily("innosilicon", "tests.simulator.innosilicon", "MODELS", "InnoSim"),
    SimFamily("elphapex", "tests.simulator.elphapex", "MODELS", "ElphapexSim"),
    SimFamily("hammer", "tests.simulator.hammer", "MODELS", "HammerSim"),
)


@cache
def _loaded() -> tuple[tuple[Mapping[str, Any], type], ...]:
    return tuple(family.load() for family in _FAMILIES)


def all_models() -> dict[str, Any]:
    """Every model key the simulator has, with its spec."""
    return {key: spec for models, _ in _loaded() for key, spec in models.items()}


def miner_class(model: str) -> type:
    for models, cls in _loaded():
        if model in models:
            return cls
    raise ValueError(f"unknown model {model!r}; known: {', '.join(all_models())}")


def make_miner(model: str, address: str, **options: Any) -> Any:
    """A simulated ``model`` on ``address`` with the options its family takes."""
    cls = miner_class(model)
    accepted = inspect.signature(cls.__init__).parameters
    return cls(model, address, **{k: v for k, v in options.items() if k in accepted})
