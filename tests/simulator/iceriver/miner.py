"""One simulated IceRiver miner: its state and HTTP 80 (the firmware serves no RPC port)."""

from __future__ import annotations

from ..faults import FaultPlan
from ..lifecycle import ListeningSim, check_loopback, derived_mac
from .models import MODELS, IceRiverSpec
from .state import IceRiverState
from .web import IceRiverWeb


class IceRiverSim(ListeningSim):
    """A simulated IceRiver miner on ``address`` (loopback only); ``password`` of admin
    (12345678 as shipped)."""

    def __init__(
        self,
        model: str,
        address: str,
        *,
        password: str = "12345678",
        reboot_seconds: float = 3.0,
        http_port: int = 80,
    ) -> None:
        if model not in MODELS:
            raise ValueError(f"unknown model {model!r}; known: {', '.join(MODELS)}")
        check_loopback(address)
        self.spec: IceRiverSpec = MODELS[model]
        self.model, self.address = model, address
        self.reboot_seconds = reboot_seconds
        mac = derived_mac(model, address).lower().replace(":", "-")  # as the panel writes it
        self.state = IceRiverState(self.spec, password, mac)
        self.faults = FaultPlan()
        self._web = IceRiverWeb(self, address, http_port)
        self._listeners = (self._web,)

    @property
    def mac(self) -> str:
        return self.state.mac.upper().replace("-", ":")

    @property
    def model_name(self) -> str:
        return self.spec.name

    def _rebooted(self) -> None:
        self.state.rebooted()

    def __repr__(self) -> str:
        return f"IceRiverSim({self.model!r}, {self.address!r})"
