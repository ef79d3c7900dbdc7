"""One simulated VNish miner: its state, HTTP 80 (``/api/v1``) and RPC 4028."""

from __future__ import annotations

import asyncio
import hashlib

from ..faults import FaultPlan
from ..lifecycle import SimLifecycle, check_loopback
from ..rpc_server import RpcServer
from . import rpc
from .models import MODELS, VnishSpec
from .state import TOKEN_SECONDS, VnishState
from .web import VnishWeb

REBOOT_GRACE = 0.1  # the answer leaves before the system goes down ("after": 3 s, shortened)


class VnishSim(SimLifecycle):
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
        self._online = False
        self._reboot_task: asyncio.Task[None] | None = None
        self._web = VnishWeb(self, address, http_port)
        self._rpc = RpcServer(
            address, rpc_port, lambda req: rpc.answer(self.state, req), self.faults
        )

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

    @property
    def online(self) -> bool:
        return self._online

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
        return f"VnishSim({self.model!r}, {self.address!r})"
