"""One simulated Canaan Avalon: state, clock and the RPC listener on TCP 4028.

Lifecycle as every simulated miner (tests/simulator/families.py): ``start``, ``stop``,
``go_offline``, ``come_back``, ``set_fault``, ``async with``.
"""

from __future__ import annotations

import asyncio
import hashlib
from collections.abc import Iterable

from ..faults import FaultPlan
from ..lifecycle import SimLifecycle, check_loopback
from ..rpc_server import RpcServer
from . import mm, rpc
from .models import MODELS, AvalonSpec
from .quirks import check_quirks
from .state import AvalonState, PoolSlot, SimClock
from .telemetry import Live, take

__all__ = ["MODELS", "AvalonSim"]

REPLY_GRACE = 0.1  # let a reply leave before the listener closes for a reboot
RESTART_SHARE = 0.5  # cgminer's own restart takes this share of a reboot


def default_pools(address: str) -> list[PoolSlot]:
    worker = "sim." + address.replace(".", "x")
    return [
        PoolSlot("stratum+tcp://btc.pool.invalid:3333", worker),
        PoolSlot("stratum+tcp://btc.pool.invalid:3334", worker),
        PoolSlot("stratum+tcp://backup.pool.invalid:443", worker),
    ]


class _Listener(RpcServer):
    def refuse_new(self) -> None:
        """Take no more connections (the ones open finish): the miner is going down."""
        if self._server is not None:
            self._server.close()


class AvalonSim(SimLifecycle):
    """A Canaan Avalon on ``address`` (loopback only).

    ``password``: the web login's password (the firmware's default when None), the one
    ``setpool`` checks. ``quirks``: None for the model's own, ``()`` for clean replies.
    """

    def __init__(
        self,
        model: str,
        address: str,
        *,
        password: str | None = None,
        quirks: Iterable[str] | None = None,
        reboot_seconds: float = 3.0,
        rpc_port: int = 4028,
    ) -> None:
        if model not in MODELS:
            raise ValueError(f"unknown model {model!r}; known: {', '.join(MODELS)}")
        check_loopback(address)
        self.spec: AvalonSpec = MODELS[model]
        self.model, self.address = model, address
        self.quirks: tuple[str, ...] = check_quirks(
            self.spec.default_quirks if quirks is None else quirks
        )
        self.reboot_seconds, self.rpc_port = reboot_seconds, rpc_port
        self.clock = SimClock()
        mode = self.spec.modes[self.spec.default_mode]
        self.state = AvalonState(
            pools=default_pools(address),
            web_user=self.spec.web_user,
            web_password=self.spec.web_password if password is None else password,
            work_mode=self.spec.default_mode,
            work_level=self.spec.default_level,
            target_temp=mode.target_temp,
        )
        self.faults = FaultPlan()
        self._online = False
        self._started = False
        self._tasks: set[asyncio.Task[None]] = set()
        self._rpc = _Listener(
            address, rpc_port, lambda _: b"", self.faults, answer_raw=self._answer
        )

    # -- identity and readings ---------------------------------------------------------------

    @property
    def model_name(self) -> str:
        return self.spec.name

    @property
    def mac(self) -> str:
        raw = hashlib.sha256(f"{self.model}@{self.address}".encode()).digest()[:3]
        return ":".join(f"{b:02X}" for b in (0xE0, 0xE1, 0xA9, *raw))  # Canaan's e0:e1:a9

    @property
    def dna(self) -> str:
        return "0201" + hashlib.sha256(f"dna:{self.address}".encode()).hexdigest()[:12]

    @property
    def online(self) -> bool:
        return self._online

    def live(self) -> Live:
        return take(self.spec, self.state, self.clock.time())

    def power_info(self) -> str:
        return mm.power_supply(self.spec, self.live())

    @property
    def hashrate_ths(self) -> float:
        """The current rate (GHSspd) in TH/s."""
        return self.live().ghs_spd / 1000

    @property
    def expected_hashrate_ths(self) -> float:
        return self.live().ghs_mm / 1000

    @property
    def average_hashrate_ths(self) -> float:
        """GHSavg: since the last boot."""
        return self.live().ghs_avg / 1000

    @property
    def board_hashrates_ths(self) -> list[float]:
        return [rate / 1000 for rate in self.live().board_ghs]

    @property
    def power_watts(self) -> int:
        return self.live().watts

    @property
    def fan_speeds(self) -> list[int]:
        return list(self.live().fan_rpm)

    @property
    def uptime(self) -> int:
        return self.live().uptime

    # -- faults ----------------------------------------------------------------------------

    # -- lifecycle -------------------------------------------------------------------------

    async def start(self) -> None:
        if not self._started:
            self._started = True
            self.state.booted_at = self.clock.time()
        await self._rpc.start()
        self._online = True

    async def stop(self) -> None:
        for task in list(self._tasks):
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        await self.go_offline()

    async def go_offline(self) -> None:
        self._online = False
        await self._rpc.stop()

    async def reboot(self, seconds: float | None = None) -> None:
        """Away for ``reboot_seconds``, then back with uptime from zero."""
        await self.go_offline()
        await asyncio.sleep(self.reboot_seconds if seconds is None else seconds)
        self.state.rebooted(self.clock.time())
        await self.come_back()

    def schedule_reboot(self, delay: float, *, at_once: bool = False) -> None:
        """Reboot ``delay`` seconds after the current reply has left; ``at_once``: no new
        connection is taken from now on (the reply under way still goes out)."""
        if at_once:
            self._rpc.refuse_new()
        self._spawn(delay + REPLY_GRACE, self.reboot_seconds)

    def schedule_restart(self) -> None:
        """cgminer restarts itself (``restart``): a shorter time away."""
        self._spawn(REPLY_GRACE, self.reboot_seconds * RESTART_SHARE)

    def _spawn(self, delay: float, away: float) -> None:
        task = asyncio.get_running_loop().create_task(self._reboot_later(delay, away))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _reboot_later(self, delay: float, away: float) -> None:
        await asyncio.sleep(delay)
        await self.reboot(away)

    def _answer(self, data: bytes) -> bytes | None:
        return rpc.respond(self, data)

    def __repr__(self) -> str:
        return f"AvalonSim({self.model!r}, {self.address!r})"
