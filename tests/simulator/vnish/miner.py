"""One simulated VNish miner: its state, HTTP 80 (``/api/v1``) and RPC 4028."""

from __future__ import annotations

import hashlib

from ..faults import FaultPlan
from ..lifecycle import ListeningSim, check_loopback
from ..rpc_server import RpcServer
from . import rpc
from .models import MODELS, VnishSpec
from .state import TOKEN_SECONDS, VnishState
from .web import VnishWeb


class VnishSim(ListeningSim):
    """A simulated VNish miner on ``address`` (loopback only); models in models.py.

    ``password``: the unlock password (default admin). ``restart_required``: settings
    changes answer restart_required and wait for mining/restart (the schema's flag; pyasic
    saw false after a preset change, the default). ``tune_seconds``: how long an untuned
    preset is auto-tuned. ``token_seconds``: how long a token is taken.
    """

    def __init__(
        self,
        model: str,
        address: str,
        *,
        password: str = "admin",
        reboot_seconds: float = 3.0,
        restart_required: bool = False,
        tune_seconds: float = 5.0,
        token_seconds: float = TOKEN_SECONDS,
        http_port: int = 80,
        rpc_port: int = 4028,
        mac: str | None = None,  # kept from the firmware it replaced (a reflashed miner)
    ) -> None:
        if model not in MODELS:
            raise ValueError(f"unknown model {model!r}; known: {', '.join(MODELS)}")
        check_loopback(address)
        self.spec: VnishSpec = MODELS[model]
        self.model, self.address = model, address
        self._mac = mac
        self.reboot_seconds = reboot_seconds
        self.restart_required = restart_required
        self.tune_seconds = tune_seconds
        worker = f"sim.{address.replace('.', 'x')}"
        self.state = VnishState.initial(self.spec, password, worker)
        self.state.token_seconds = token_seconds
        self.faults = FaultPlan()
        self._web = VnishWeb(self, address, http_port)
        self._rpc = RpcServer(
            address, rpc_port, lambda req: rpc.answer(self.state, req), self.faults
        )
        self._listeners = (self._web, self._rpc)

    @property
    def mac(self) -> str:
        if self._mac is not None:
            return self._mac
        raw = bytearray(hashlib.sha256(f"{self.model}@{self.address}".encode()).digest()[:6])
        raw[0] = (raw[0] & 0xFC) | 0x02
        return ":".join(f"{b:02X}" for b in raw)

    @property
    def model_name(self) -> str:
        return self.spec.name.removeprefix("Antminer ")

    def _rebooted(self) -> None:
        self.state.rebooted()

    def __repr__(self) -> str:
        return f"VnishSim({self.model!r}, {self.address!r})"
