"""One simulated Innosilicon miner: RPC 4028 of the captured innominer. No web listener:
no reply of its web API is public to build one from, so port 80 is closed (refused)."""

from __future__ import annotations

from ..faults import FaultPlan
from ..lifecycle import ListeningSim, check_loopback
from ..rpc_server import RpcServer
from . import rpc
from .models import MODELS, InnoSpec
from .rpc import InnoState


class InnoSim(ListeningSim):
    def __init__(
        self, model: str, address: str, *, reboot_seconds: float = 3.0, rpc_port: int = 4028
    ) -> None:
        if model not in MODELS:
            raise ValueError(f"unknown model {model!r}; known: {', '.join(MODELS)}")
        check_loopback(address)
        self.spec: InnoSpec = MODELS[model]
        self.model, self.address = model, address
        self.reboot_seconds = reboot_seconds
        self.state = InnoState()
        self.faults = FaultPlan()
        self._rpc = RpcServer(
            address, rpc_port, lambda req: rpc.answer(self.state, req), self.faults
        )
        self._listeners = (self._rpc,)

    @property
    def mac(self) -> None:
        return None  # nothing it serves carries one

    @property
    def model_name(self) -> str:
        return self.spec.name

    def _rebooted(self) -> None:
        self.state.rebooted()

    def __repr__(self) -> str:
        return f"InnoSim({self.model!r}, {self.address!r})"
