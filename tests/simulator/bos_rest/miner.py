"""One simulated Antminer on Braiins OS 25.07+: the REST API and web root on port 80, BOSer's
RPC ``version`` on 4028, state changed by the controls it receives."""

from __future__ import annotations

from typing import Any

from ..faults import FaultPlan
from ..lifecycle import ListeningSim, check_loopback
from ..rpc_server import RpcServer
from . import replies, rpc
from .models import MODELS, BosRestSpec
from .state import BosRestState
from .web import BosRestWeb


class BosRestSim(ListeningSim):
    """A simulated Braiins OS REST miner on ``address`` (loopback only).

    ``password``: the root login ("" as Braiins OS ships it); ``cooling_config``: answer
    configuration/miner with the schema's ``temperature`` (cooling mode), which the
    published captures do not have; ``token_seconds``: the token lifetime (timeout_s).
    ``requests`` lists every HTTP request received ("GET /api/v1/miner/stats");
    ``pool_passwords`` the pool passwords it was sent.
    """

    def __init__(
        self,
        model: str,
        address: str,
        *,
        password: str = "",
        reboot_seconds: float = 3.0,
        http_port: int = 80,
        rpc_port: int = 4028,
        token_seconds: int | None = None,
        cooling_config: bool = False,
    ) -> None:
        if model not in MODELS:
            raise ValueError(f"unknown model {model!r}; known: {', '.join(MODELS)}")
        check_loopback(address)
        self.spec: BosRestSpec = MODELS[model]
        self.model, self.address = model, address
        self.state = BosRestState.from_capture(self.spec, password)
        if token_seconds is not None:
            self.state.token_seconds = token_seconds
        self.reboot_seconds = reboot_seconds
        self.cooling_config = cooling_config
        self.faults = FaultPlan()
        self.requests: list[str] = []
        self.pool_passwords: list[str] = []
        self._web = BosRestWeb(self, address, http_port)
        self._rpc = RpcServer(address, rpc_port, rpc.answer, self.faults)
        self._listeners = (self._web, self._rpc)

    @property
    def mac(self) -> str:
        return replies.mac_for(self.spec, self.address).upper()

    def figures(self) -> dict[str, Any]:
        """What the next poll reads, for tests: the replies as the miner builds them."""
        return {
            "details": replies.details(self.spec, self.state, self.address),
            "stats": replies.stats(self.spec, self.state),
            "hashboards": replies.hashboards(self.spec, self.state),
            "cooling": self.spec.capture("COOLING_STATE"),
            "pools": replies.pools(self.spec, self.state),
        }

    def api_requests(self) -> list[str]:
        return [r for r in self.requests if " /api/v1/" in r]

    def _rebooted(self) -> None:
        self.state.rebooted()

    def __repr__(self) -> str:
        return f"BosRestSim({self.model!r}, {self.address!r})"
