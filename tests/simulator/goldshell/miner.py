"""One simulated Goldshell miner: its state and HTTP 80. No RPC listener: no reply of
its BFGMiner on 4028 is public to build one from, so the port is closed (refused)."""

from __future__ import annotations

from ..faults import FaultPlan
from ..lifecycle import ListeningSim, check_loopback, derived_mac
from .models import MODELS, GoldshellSpec
from .state import GoldshellState
from .web import GoldshellWeb


class GoldshellSim(ListeningSim):
    """A simulated Goldshell on ``address`` (loopback only); models in models.py.

    ``password``: admin's web password (123456789 as shipped). ``token_required``: False
    for the older firmware that answers every path without a token.
    """

    def __init__(
        self,
        model: str,
        address: str,
        *,
        password: str = "123456789",
        token_required: bool = True,
        reboot_seconds: float = 3.0,
        http_port: int = 80,
        mac: str | None = None,
    ) -> None:
        if model not in MODELS:
            raise ValueError(f"unknown model {model!r}; known: {', '.join(MODELS)}")
        check_loopback(address)
        self.spec: GoldshellSpec = MODELS[model]
        self.model, self.address = model, address
        self.reboot_seconds = reboot_seconds
        self.mac = (mac or derived_mac(model, address)).lower()
        worker = f"sim.{address.replace('.', 'x')}"
        self.state = GoldshellState.initial(self.spec, password, self.mac, worker)
        self.state.token_required = token_required
        self.faults = FaultPlan()
        self._web = GoldshellWeb(self, address, http_port)
        self._listeners = (self._web,)

    def _rebooted(self) -> None:
        pass  # the setting and pools survive a restart

    def __repr__(self) -> str:
        return f"GoldshellSim({self.model!r}, {self.address!r})"
