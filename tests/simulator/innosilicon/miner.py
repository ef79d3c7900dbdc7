"""One simulated Innosilicon miner: RPC 4028 of the captured innominer and its web API
(web.py) on 80."""

from __future__ import annotations

from ..faults import FaultPlan
from ..lifecycle import ListeningSim, check_loopback, derived_mac
from ..rpc_server import RpcServer
from . import rpc
from .models import MODELS, InnoSpec
from .rpc import InnoState
from .web import InnoWeb


class InnoSim(ListeningSim):
    def __init__(
        self,
        model: str,
        address: str,
        *,
        password: str = "admin",
        reboot_seconds: float = 3.0,
        rpc_port: int = 4028,
        http_port: int = 80,
    ) -> None:
        if model not in MODELS:
            raise ValueError(f"unknown model {model!r}; known: {', '.join(MODELS)}")
        check_loopback(address)
        self.spec: InnoSpec = MODELS[model]
        self.model, self.address = model, address
        self.reboot_seconds = reboot_seconds
        self.state = InnoState(password=password)
        self.faults = FaultPlan()
        self._rpc = RpcServer(
            address, rpc_port, lambda req: rpc.answer(self.state, req), self.faults
        )
        self._web = InnoWeb(self, address, http_port)
        self._listeners = (self._web, self._rpc)

    @property
    def mac(self) -> str:
        return derived_mac(self.model, self.address)

    @property
    def model_name(self) -> str:
        return self.spec.name

    def _rebooted(self) -> None:
        self.state.rebooted()

    def __repr__(self) -> str:
        return f"InnoSim({self.model!r}, {self.address!r})"
