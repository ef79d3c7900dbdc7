"""One simulated Hiveon Antminer: the stock simulated Antminer answering as Hiveon does.

The web is the stock one (pyasic miners/factory.py: Hiveon's web copies the stock
firmware's; its get_system_info.cgi ``minertype`` is /usr/bin/compile_time's type,
"Antminer S9 Hiveon"), behind the stock digest login root/root.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar

from ..antminer.miner import SimulatedMiner
from . import rpc
from .models import EXTRAS, MODELS


class HiveonSim(SimulatedMiner):
    MODEL_SPECS: ClassVar[Mapping[str, Any]] = MODELS

    def _answer_rpc(self, request: dict[str, object] | None) -> bytes:
        return rpc.answer(self, request)

    def _answer_raw(self, data: bytes) -> bytes | None:
        return rpc.answer_raw(self, data)

    def rpc_reply(self, command: str) -> dict[str, Any]:
        return rpc.reply_for(self, {"command": command})

    @property
    def wattage(self) -> float:
        """The watts Hiveon reports now (the sum of chain_power{n})."""
        return self.hashrate_ths * EXTRAS[self.model].watts_per_ths

    def __repr__(self) -> str:
        return f"HiveonSim({self.model!r}, {self.address!r})"
