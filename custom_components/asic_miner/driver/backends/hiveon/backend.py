"""Hiveon on Antminers: the stock backends with Hiveon's model names and power reading.

Hiveon keeps the stock firmware's interfaces (pyasic miners/factory.py: "hiveon miners
return web results copying the antminer stock FW"; pyasic web/hiveon.py calls the stock CGI:
get_system_info, get_miner_conf, set_miner_conf, blink, reboot, miner_stats…), so reads and
controls are the stock generation's: S9/T9 the old CGI, X19 the modern one.
"""

from __future__ import annotations

from typing import Any

from ...credentials import Firmware
from ...data import HashBoard
from ...models import ModelInfo
from ..antminer.backend import AntminerModern, AntminerOld, AntminerStock, _Figures
from ..reads import Objects
from ..values import first_item, text
from . import replies

_STATS_FIGURES = 1  # STATS[0] is the version block, as on stock


class HiveonAntminer(AntminerStock):
    """What Hiveon changes in either stock generation (the base of both Hiveon classes)."""

    firmware = "Hiveon"
    family = Firmware.HIVEON

    def _learn_model(self, system_info: dict[str, Any], version: dict[str, Any]) -> None:
        minertype = replies.model_name(text(system_info.get("minertype")))
        type_ = replies.model_name(text(version.get("Type")))
        super()._learn_model({**system_info, "minertype": minertype}, {**version, "Type": type_})

    def _figures_from_rpc(self, rpc: dict[str, Any], web: Objects) -> _Figures:
        figures = super()._figures_from_rpc(rpc, web)
        figures.wattage = replies.wattage(first_item(rpc.get("stats"), "STATS", _STATS_FIGURES))
        figures.pools = replies.user_pools(figures.pools)
        return figures


class HiveonOld(HiveonAntminer, AntminerOld):
    """Hiveon on S9 and T9 (the old stock CGI: no sleep mode)."""

    def _hashboards(
        self, figures: dict[str, Any], new_api: dict[str, Any], model: ModelInfo | None
    ) -> list[HashBoard]:
        boards = replies.t9_boards(figures, model)
        return super()._hashboards(figures, new_api, model) if boards is None else boards


class HiveonModern(HiveonAntminer, AntminerModern):
    """Hiveon on X19 (the modern stock CGI: sleep mode through miner-mode)."""
