"""One simulated "blackMiner" (Hammer): its state, the RPC (8359) and HTTP 80."""

from __future__ import annotations

import hashlib

from ..faults import FaultPlan
from ..lifecycle import ListeningSim, check_loopback
from ..rpc_server import RpcServer
from . import rpc
from .models import MODELS, BlackMinerSpec
from .state import BlackMinerState
from .web import BlackMinerWeb

RPC_PORT = 8359


class HammerSim(ListeningSim):
    """A simulated "blackMiner" (Hammer, VolcMiner) on ``address`` (loopback only);
    ``password``: root's digest login (None: as the model ships, root / ltc@dog)."""

    def __init__(
        self,
        model: str,
        address: str,
        *,
        password: str | None = None,
        reboot_seconds: float = 3.0,
        http_port: int = 80,
        rpc_port: int = RPC_PORT,
    ) -> None:
        if model not in MODELS:
            raise ValueError(f"unknown model {model!r}; known: {', '.join(MODELS)}")
        check_loopback(address)
        self.spec: BlackMinerSpec = MODELS[model]
        self.model, self.address = model, address
        self.reboot_seconds = reboot_seconds
        worker = f"sim.{address.replace('.', 'x')}"
        self.state = BlackMinerState(
            pools=[
                {"url": f"stratum+tcp://ltc.pool.invalid:{port}", "user": worker, "pass": "123"}
                for port in (3333, 3334, 3335)
            ],
            password=self.spec.password if password is None else password,
        )
        self.faults = FaultPlan()
        self.web = BlackMinerWeb(self, address, http_port)
        self._rpc = RpcServer(
            address,
            rpc_port,
            lambda req: rpc.answer(self.state, self.spec, req),
            self.faults,
        )
        self._listeners = (self.web, self._rpc)

    @property
    def mac(self) -> str:
        raw = bytearray(hashlib.sha256(f"{self.model}@{self.address}".encode()).digest()[:6])
        raw[0] = (raw[0] & 0xFC) | 0x02  # locally administered: never a real vendor's
        return ":".join(f"{b:02X}" for b in raw)

    @property
    def model_name(self) -> str:
        return self.spec.name

    @property
    def password(self) -> str:
        return self.state.password

    def _rebooted(self) -> None:
        self.state.rebooted()

    def __repr__(self) -> str:
        return f"HammerSim({self.model!r}, {self.address!r})"
