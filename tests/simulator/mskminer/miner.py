"""One simulated MSKMiner: its state, RPC 4028 (the captured BMMiner) and HTTP 80."""

from __future__ import annotations

import hashlib

from ..faults import FaultPlan
from ..lifecycle import ListeningSim, check_loopback
from ..rpc_server import RpcServer
from . import rpc
from .models import MODELS, MskSpec
from .state import MskState
from .web import MskWeb


class MskSim(ListeningSim):
    """A simulated MSKMiner on ``address`` (loopback only). ``password``: the web login's
    (admin's; root as shipped)."""

    def __init__(
        self,
        model: str,
        address: str,
        *,
        password: str = "root",
        reboot_seconds: float = 3.0,
        http_port: int = 80,
        rpc_port: int = 4028,
    ) -> None:
        if model not in MODELS:
            raise ValueError(f"unknown model {model!r}; known: {', '.join(MODELS)}")
        check_loopback(address)
        self.spec: MskSpec = MODELS[model]
        self.model, self.address = model, address
        self.reboot_seconds = reboot_seconds
        worker = f"sim.{address.replace('.', 'x')}"
        self.state = MskState(
            pools=[(f"stratum+tcp://stratum.pool.invalid:{port}", worker) for port in (3333, 3334)],
            password=password,
        )
        self.faults = FaultPlan()
        self._web = MskWeb(self, address, http_port)
        self._rpc = RpcServer(
            address, rpc_port, lambda req: rpc.answer(self.state, req), self.faults
        )
        self._listeners = (self._web, self._rpc)

    @property
    def mac(self) -> str:
        raw = bytearray(hashlib.sha256(f"{self.model}@{self.address}".encode()).digest()[:6])
        raw[0] = (raw[0] & 0xFC) | 0x02  # locally administered: never a real vendor's
        return ":".join(f"{b:02X}" for b in raw)

    @property
    def model_name(self) -> str:
        return self.spec.name

    def _rebooted(self) -> None:
        self.state.rebooted()

    def __repr__(self) -> str:
        return f"MskSim({self.model!r}, {self.address!r})"
