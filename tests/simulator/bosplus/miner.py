"""One simulated Antminer on Braiins OS+ 24.09: its state, HTTP 80 (GraphQL) and RPC 4028."""

from __future__ import annotations

import asyncio
import hashlib

from ..faults import Fault, FaultPlan
from ..lifecycle import SimLifecycle, check_loopback
from ..rpc_server import RpcServer
from . import captures, rpc
from .models import MODELS, BosPlusSpec
from .state import BosPlusState
from .web import BosPlusWeb

REBOOT_GRACE = 0.1


class BosPlusSim(SimLifecycle):
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
        self._online = False
        self._reboot_task: asyncio.Task[None] | None = None
        self._web = BosPlusWeb(self, address, http_port)
        self._rpc = RpcServer(address, rpc_port, lambda r: rpc.answer(self, r), self.faults)

    @property
    def mac(self) -> str:
        """The captured MAC for the first address, a derived one (same prefix) elsewhere."""
        digest = hashlib.sha256(f"{self.model}@{self.address}".encode()).digest()[:3]
        return captures.MAC[:9] + ":".join(f"{b:02x}" for b in digest)

    @property
    def refuse_logins(self) -> bool:
        return self.faults.active(Fault.WRONG_PASSWORD, "http")

    @property
    def online(self) -> bool:
        return self._online

    @property
    def hashrate_ths(self) -> float:
        return self.state.real_mhs / 1e6

    async def start(self) -> None:
        await self._web.start()
        try:
            await self._rpc.start()
        except BaseException:
            await self._web.stop()
            raise
        self._online = True

    async def stop(self) -> None:
        if self._reboot_task is not None:
            self._reboot_task.cancel()
            await asyncio.gather(self._reboot_task, return_exceptions=True)
            self._reboot_task = None
        await self.go_offline()

    async def go_offline(self) -> None:
        self._online = False
        await self._rpc.stop()
        await self._web.stop()

    async def reboot(self) -> None:
        await self.go_offline()
        await asyncio.sleep(self.reboot_seconds)
        self.state.rebooted()
        await self.come_back()

    def schedule_reboot(self) -> None:
        if self._reboot_task is None or self._reboot_task.done():
            self._reboot_task = asyncio.get_running_loop().create_task(self._delayed_reboot())

    async def _delayed_reboot(self) -> None:
        await asyncio.sleep(REBOOT_GRACE)
        await self.reboot()

    def __repr__(self) -> str:
        return f"BosPlusSim({self.model!r}, {self.address!r})"
