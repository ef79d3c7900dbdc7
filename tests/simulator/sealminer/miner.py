"""One simulated SealMiner: its state, RPC 4028 and web 80."""

from __future__ import annotations

from ..faults import FaultPlan
from ..lifecycle import ListeningSim, check_loopback, derived_mac
from ..rpc_server import RpcServer
from . import rpc
from .models import MODELS, SealSpec
from .state import SealState
from .web import SealWebServer


class SealSim(ListeningSim):
    """A simulated SealMiner on ``address`` (loopback only); ``password``: seal's web
    password (seal as shipped)."""

    def __init__(
        self,
        model: str,
        address: str,
        *,
        password: str = "seal",
        reboot_seconds: float = 3.0,
        http_port: int = 80,
        rpc_port: int = 4028,
        mac: str | None = None,
    ) -> None:
        if model not in MODELS:
            raise ValueError(f"unknown model {model!r}; known: {', '.join(MODELS)}")
        check_loopback(address)
        self.spec: SealSpec = MODELS[model]
        self.model, self.address = model, address
        self._mac = mac
        self.reboot_seconds = reboot_seconds
        self.state = SealState(self.spec, password)
        worker = f"sim.{address.replace('.', 'x')}"
        self.state.pools = [("stratum+tcp://stratum.braiins.com:3333", worker)]
        self.faults = FaultPlan()
        self._web = SealWebServer(self, address, http_port)
        self._rpc = RpcServer(address, rpc_port, lambda r: rpc.answer(self, r), self.faults)
        self._listeners = (self._web, self._rpc)

    @property
    def mac(self) -> str:
        """Lower case, as stats.json has it."""
        return (self._mac or derived_mac(self.model, self.address)).lower()

    @property
    def model_name(self) -> str:
        return f"SealMiner {self.spec.model}"

    def _rebooted(self) -> None:
        self.state.rebooted()

    def __repr__(self) -> str:
        return f"SealSim({self.model!r}, {self.address!r})"
