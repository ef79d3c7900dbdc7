"""One simulated Antminer: state plus an RPC and a web listener on its own address."""

from __future__ import annotations

import asyncio
import random
import time
from collections.abc import Iterable, Mapping
from typing import Any, ClassVar

from ..faults import FaultPlan
from ..lifecycle import ListeningSim, check_loopback
from ..quirks import check as check_quirks
from ..rpc_server import RpcServer
from . import identity, rpc_api, telemetry
from .models import ANTMINER_MODELS, MODELS, ModelSpec
from .state import MinerState, pad_pools
from .telemetry import Snapshot
from .web_server import WebServer

__all__ = ["ANTMINER_MODELS", "SimulatedMiner"]


def default_pools(address: str) -> list[dict[str, str]]:
    worker = address.replace(".", "x")
    return pad_pools([{"url": "stratum+tcp://btc.pool.invalid:3333", "user": f"sim.{worker}"}])


class SimulatedMiner(ListeningSim):
    """A stock-firmware miner on `address` (loopback only).

    Antminer models are served by this class; `whatsminer-*` models by its subclass
    `WhatsminerMiner` (see wm_miner.py), which `SimulatedMiner(...)` returns for them.
    """

    def __new__(cls, model: str, *args: Any, **kwargs: Any) -> SimulatedMiner:
        if cls is SimulatedMiner and model.startswith("whatsminer-"):
            from ..whatsminer.miner import WhatsminerMiner

            return super().__new__(WhatsminerMiner)
        return super().__new__(cls)

    # The models this class serves; a firmware variant (Hiveon) names its own.
    MODEL_SPECS: ClassVar[Mapping[str, Any]] = MODELS

    @classmethod
    def _check(cls, model: str, address: str) -> None:
        if model not in cls.MODEL_SPECS:
            raise ValueError(f"unknown model {model!r}; known: {', '.join(cls.MODEL_SPECS)}")
        check_loopback(address)

    def _init_runtime(self) -> None:
        self.faults = FaultPlan()
        self._rng = random.Random(self._seed) if self.jitter else None
        self._last: Snapshot | None = None
        self._online = False
        self._started = False
        self._reboot_task: asyncio.Task[None] | None = None
        # Whose MAC and serial number it has: another address for a miner that DHCP moved.
        self.identity_address = self.address

    def __init__(
        self,
        model: str,
        address: str,
        *,
        password: str = "root",
        quirks: Iterable[str] | None = None,
        reboot_seconds: float = 3.0,
        rpc_port: int = 4028,
        http_port: int = 80,
        jitter: bool = False,
        seed: int | None = None,
    ) -> None:
        self._check(model, address)
        self.spec: ModelSpec = self.MODEL_SPECS[model]
        self.model = model
        self.address = address
        self.password = password
        self.quirks: tuple[str, ...] = check_quirks(
            self.spec.default_quirks if quirks is None else quirks
        )
        self.reboot_seconds = reboot_seconds
        self.rpc_port, self.http_port = rpc_port, http_port
        self.state = MinerState(hostname=self.spec.default_hostname, pools=default_pools(address))
        self.jitter, self._seed = jitter, seed
        self._init_runtime()
        self._rpc = RpcServer(
            address, rpc_port, self._answer_rpc, self.faults, answer_raw=self._answer_raw
        )
        self._web = WebServer(self, address, http_port)

    # identity and nominal figures
    @property
    def mac(self) -> str:
        return identity.mac_address(self.spec, self.identity_address)

    @property
    def serial_number(self) -> str | None:
        return identity.serial_number(self.spec, self.identity_address)

    @property
    def model_name(self) -> str:
        return self.spec.name

    @property
    def board_count(self) -> int:
        return self.spec.boards

    @property
    def chips_per_board(self) -> int:
        return self.spec.chips_per_board

    @property
    def fan_count(self) -> int:
        return self.spec.fans

    # live readings
    def snapshot(self) -> Snapshot:
        """A fresh reading (what the next reply will carry)."""
        self._last = telemetry.take(self.spec, self.state, self.serial_number, self._rng)
        return self._last

    def _current(self) -> Snapshot:
        if self._rng is not None and self._last is not None:
            return self._last  # with jitter: what was last reported
        return telemetry.take(self.spec, self.state, self.serial_number, None)

    @property
    def hashrate_ths(self) -> float:
        """Total hashrate the miner reports now (last reported one when jittering)."""
        return self._current().total_gh / 1000

    @property
    def expected_hashrate_ths(self) -> float:
        return self._current().ideal_gh / 1000

    @property
    def board_hashrates_ths(self) -> list[float]:
        return [b.rate_gh / 1000 for b in self._current().boards]

    @property
    def fan_speeds(self) -> list[int]:
        return list(self._current().fans)

    # lifecycle
    async def start(self) -> None:
        if not self._started:
            self._started = True
            self.state.booted_at = time.monotonic()  # uptime counts from the first start
        if self.api_port_open:
            await self._rpc.start()
        try:
            await self._web.start()
        except BaseException:
            await self._rpc.stop()
            raise
        self._online = True

    @property
    def api_port_open(self) -> bool:
        return "api-port-off" not in self.quirks

    async def set_api_port(self, open_: bool) -> None:
        """Switch the API on TCP 4028 on or off (the ``api-port-off`` quirk), as a user
        or a firmware update does; the web is left as it is."""
        if open_ == self.api_port_open:
            return
        if open_:
            self.quirks = tuple(q for q in self.quirks if q != "api-port-off")
            if self._online:
                await self._rpc.start()
        else:
            self.quirks = (*self.quirks, "api-port-off")
            await self._rpc.stop()

    async def go_offline(self) -> None:
        """Close both listeners and open connections; the state is kept."""
        self._online = False
        await asyncio.gather(self._rpc.stop(), self._web.stop())

    def _rebooted(self) -> None:
        self.state.rebooted()

    def _answer_rpc(self, request: dict[str, object] | None) -> bytes:
        return rpc_api.answer(self, request)

    def _answer_raw(self, data: bytes) -> bytes | None:
        return rpc_api.answer_raw(self, data)

    def rpc_reply(self, command: str) -> dict[str, Any]:
        """The reply to one RPC command, before it is encoded (the web's miner_*.cgi)."""
        return rpc_api.reply_for(self, {"command": command})

    @property
    def api_version(self) -> int | None:
        """Whatsminer API generation (2 or 3); None for Antminers."""
        return None

    def __repr__(self) -> str:
        return f"SimulatedMiner({self.model!r}, {self.address!r})"
