"""One simulated MARA miner: its state and HTTP 80. No RPC listener: no reply of MARA's
RPC daemon on 4028 is public to build one from, so the port is closed (refused)."""

from __future__ import annotations

from ..faults import FaultPlan
from ..lifecycle import ListeningSim, check_loopback, derived_mac
from .models import MODELS, MaraSpec
from .state import MaraState
from .web import MaraWeb


class MaraSim(ListeningSim):
    """A simulated MARA miner on ``address`` (loopback only); models in models.py.

    ``password``: the web (digest) password of root (root as shipped).
    """

    def __init__(
        self,
        model: str,
        address: str,
        *,
        password: str = "root",
        reboot_seconds: float = 3.0,
        http_port: int = 80,
        mac: str | None = None,
    ) -> None:
        if model not in MODELS:
            raise ValueError(f"unknown model {model!r}; known: {', '.join(MODELS)}")
        check_loopback(address)
        self.spec: MaraSpec = MODELS[model]
        self.model, self.address = model, address
        self._mac = mac
        self.reboot_seconds = reboot_seconds
        self.state = MaraState.initial(self.spec, password, f"sim.{address.replace('.', 'x')}")
        self.faults = FaultPlan()
        self._web = MaraWeb(self, address, http_port)
        self._listeners = (self._web,)

    @property
    def mac(self) -> str:
        """Lower case, as pyasic and asic-rs upper-case overview.mac before they use it."""
        return (self._mac or derived_mac(self.model, self.address)).lower()

    @property
    def model_name(self) -> str:
        return self.spec.name.removeprefix("Antminer ")

    def _rebooted(self) -> None:
        self.state.rebooted()

    def __repr__(self) -> str:
        return f"MaraSim({self.model!r}, {self.address!r})"
