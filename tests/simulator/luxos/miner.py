"""One simulated LuxOS miner: its state and RPC 4028 (LUXminer serves reads and controls
there; its web page is left out: no capture of it is public)."""

from __future__ import annotations

import hashlib

from ..faults import FaultPlan
from ..lifecycle import ListeningSim, check_loopback
from ..rpc_server import RpcServer
from . import rpc
from .models import MODELS, LuxosSpec
from .state import RAMP_SECONDS, SESSION_SECONDS, LuxosState


class LuxosSim(ListeningSim):
    """A simulated LuxOS miner on ``address`` (loopback only); models in models.py.

    ``session_seconds``: how long a session lives unused (LUXminer: a minute);
    ``ramp_seconds``: how long boards ramp without hashing after a profile change,
    a wakeup or a board started again.
    """

    def __init__(
        self,
        model: str,
        address: str,
        *,
        reboot_seconds: float = 3.0,
        session_seconds: float = SESSION_SECONDS,
        ramp_seconds: float = RAMP_SECONDS,
        rpc_port: int = 4028,
        mac: str | None = None,
    ) -> None:
        if model not in MODELS:
            raise ValueError(f"unknown model {model!r}; known: {', '.join(MODELS)}")
        check_loopback(address)
        self.spec: LuxosSpec = MODELS[model]
        self.model, self.address = model, address
        self.reboot_seconds = reboot_seconds
        self.state = LuxosState.initial(self.spec, mac or self._made_mac())
        self.state.session_seconds = session_seconds
        self.state.ramp_seconds = ramp_seconds
        self.faults = FaultPlan()
        self.controls = rpc.Controls(self.state, self.schedule_reboot)
        self._rpc = RpcServer(
            address, rpc_port, lambda req: rpc.answer(self.state, self.controls, req), self.faults
        )
        self._listeners = (self._rpc,)

    def _made_mac(self) -> str:
        raw = bytearray(hashlib.sha256(f"{self.model}@{self.address}".encode()).digest()[:6])
        raw[0] = (raw[0] & 0xFC) | 0x02
        return ":".join(f"{b:02X}" for b in raw)

    @property
    def mac(self) -> str:
        return self.state.mac

    @property
    def model_name(self) -> str:
        return self.spec.name.removeprefix("Antminer ")

    def _rebooted(self) -> None:
        self.state.rebooted()

    def __repr__(self) -> str:
        return f"LuxosSim({self.model!r}, {self.address!r})"
