"""One simulated ePIC miner: its state, the REST API on 4028 and the page on 80."""

from __future__ import annotations

import hashlib

from ..faults import FaultPlan
from ..lifecycle import ListeningSim, check_loopback
from . import captures
from .models import MODELS, EpicSpec
from .state import EpicState
from .web import EpicApiServer, EpicDashboard

DEFAULT_PASSWORD = "letmein"  # captures.py DOCS: ePIC's README


class EpicSim(ListeningSim):
    """A simulated ePIC miner on ``address`` (loopback only); models in models.py.

    ``password``: what the POST bodies must carry (default letmein).
    """

    def __init__(
        self,
        model: str,
        address: str,
        *,
        password: str = DEFAULT_PASSWORD,
        reboot_seconds: float = 3.0,
        rpc_port: int = 4028,  # the REST API: ePIC serves it where cgminer has its RPC
        http_port: int = 80,
        mac: str | None = None,  # kept from the firmware it replaced (a reflashed miner)
    ) -> None:
        if model not in MODELS:
            raise ValueError(f"unknown model {model!r}; known: {', '.join(MODELS)}")
        check_loopback(address)
        self.spec: EpicSpec = MODELS[model]
        self.model, self.address = model, address
        self._mac = mac
        self.reboot_seconds = reboot_seconds
        worker = f"sim.{address.replace('.', 'x')}"
        self.state = EpicState.initial(self.spec, password, worker)
        self.faults = FaultPlan()
        self._api = EpicApiServer(self, address, rpc_port)
        self._page = EpicDashboard(self, address, http_port)
        self._listeners = (self._api, self._page)

    @property
    def mac(self) -> str:
        if self._mac is not None:
            return self._mac
        raw = bytearray(hashlib.sha256(f"{self.model}@{self.address}".encode()).digest()[:6])
        raw[0] = (raw[0] & 0xFC) | 0x02
        return ":".join(f"{b:02X}" for b in raw)

    @property
    def hostname(self) -> str:
        """The capture's "cminer<digits>" scheme with this miner's own digits."""
        digits = int(hashlib.sha256(self.address.encode()).hexdigest()[:7], 16)
        return f"cminer{digits:08d}"

    @property
    def model_name(self) -> str:
        return str(captures.CAPABILITIES["Model"]).removeprefix("AntMiner ")

    def _rebooted(self) -> None:
        self.state.rebooted()

    def __repr__(self) -> str:
        return f"EpicSim({self.model!r}, {self.address!r})"
