"""One simulated Antminer on Braiins OS+ 24.09: its state, HTTP 80 (GraphQL) and RPC 4028."""

from __future__ import annotations

import hashlib

from ..faults import Fault, FaultPlan
from ..lifecycle import ListeningSim, check_loopback
from ..rpc_server import RpcServer
from . import captures, rpc
from .models import MODELS, BosPlusSpec
from .state import BosPlusState
from .web import BosPlusWeb


class BosPlusSim(ListeningSim):
    """A simulated BOS+ miner on ``address`` (loopback only); MODELS names the models.

    ``password``: root's web password ("" as shipped). ``session_seconds``: how long a
    login's session lasts (not captured; 3600 s here).
    """

    def __init__(
        self,
        model: str,
        address: str,
        *,
        password: str = "",
        reboot_seconds: float = 3.0,
        session_seconds: float = 3600.0,
        http_port: int = 80,
        rpc_port: int = 4028,
    ) -> None:
        if model not in MODELS:
            raise ValueError(f"unknown model {model!r}; known: {', '.join(MODELS)}")
        check_loopback(address)
        self.model, self.address = model, address
        self.spec: BosPlusSpec = MODELS[model]
        self.state = BosPlusState.from_capture(self.spec, password)
        self.state.session_seconds = session_seconds
        self.reboot_seconds = reboot_seconds
        self.faults = FaultPlan()
        self.requests: list[str] = []  # paths of the HTTP requests received
        self._web = BosPlusWeb(self, address, http_port)
        self._rpc = RpcServer(address, rpc_port, lambda r: rpc.answer(self, r), self.faults)
        self._listeners = (self._web, self._rpc)

    @property
    def mac(self) -> str:
        """The captured MAC for the first address, a derived one (same prefix) elsewhere."""
        digest = hashlib.sha256(f"{self.model}@{self.address}".encode()).digest()[:3]
        return captures.MAC[:9] + ":".join(f"{b:02x}" for b in digest)

    @property
    def refuse_logins(self) -> bool:
        return self.faults.active(Fault.WRONG_PASSWORD, "http")

    @property
    def hashrate_ths(self) -> float:
        return self.state.real_mhs / 1e6

    def _rebooted(self) -> None:
        self.state.rebooted()

    def __repr__(self) -> str:
        return f"BosPlusSim({self.model!r}, {self.address!r})"
