"""One simulated Elphapex: its state and HTTP 80 (no RPC: pyasic reads none)."""

from __future__ import annotations

import hashlib

from ..faults import FaultPlan
from ..lifecycle import ListeningSim, check_loopback
from .models import MODELS, ElphapexSpec
from .state import ElphapexState
from .web import ElphapexWeb


class ElphapexSim(ListeningSim):
    """A simulated Elphapex on ``address`` (loopback only); ``password``: root's digest
    login (root as shipped)."""

    def __init__(
        self,
        model: str,
        address: str,
        *,
        password: str = "root",
        reboot_seconds: float = 3.0,
        http_port: int = 80,
    ) -> None:
        if model not in MODELS:
            raise ValueError(f"unknown model {model!r}; known: {', '.join(MODELS)}")
        check_loopback(address)
        self.spec: ElphapexSpec = MODELS[model]
        self.model, self.address = model, address
        self.reboot_seconds = reboot_seconds
        worker = f"sim.{address.replace('.', 'x')}"
        self.state = ElphapexState(
            pools=[
                {"url": f"stratum+tcp://ltc.pool.invalid:{port}", "pass": "123", "user": worker}
                for port in (3333, 3334, 3335)
            ],
            password=password,
        )
        self.faults = FaultPlan()
        self.web = ElphapexWeb(self, address, http_port)
        self._listeners = (self.web,)

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
        return f"ElphapexSim({self.model!r}, {self.address!r})"
