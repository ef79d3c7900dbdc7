"""What every family's simulated miner shares: loopback only, faults, and its lifecycle
(``start``/``stop``/``go_offline`` are the family's own, or ListeningSim's)."""

from __future__ import annotations

import asyncio
import hashlib
import ipaddress
from collections.abc import Sequence
from types import TracebackType
from typing import Protocol as Interface
from typing import Self

from .faults import Fault, FaultPlan, Protocol

LOOPBACK = ipaddress.ip_network("127.0.0.0/8")
REBOOT_GRACE = 0.1  # the answer that asked for the reboot leaves before the miner goes down


def derived_mac(model: str, address: str) -> str:
    """A locally administered MAC of its own for each model at each address ("AA:BB:…")."""
    raw = bytearray(hashlib.sha256(f"{model}@{address}".encode()).digest()[:6])
    raw[0] = (raw[0] & 0xFC) | 0x02
    return ":".join(f"{b:02X}" for b in raw)


def check_loopback(address: str) -> None:
    if ipaddress.ip_address(address) not in LOOPBACK:
        raise ValueError(f"{address} is not a loopback address (127.0.0.0/8)")


class SimLifecycle:
    faults: FaultPlan
    _online: bool

    async def start(self) -> None:
        raise NotImplementedError

    async def stop(self) -> None:
        raise NotImplementedError

    def set_fault(
        self, fault: Fault, seconds: float = 0.0, protocol: Protocol | None = None
    ) -> None:
        self.faults.set(fault, seconds, protocol)

    def clear_faults(self, fault: Fault | None = None) -> None:
        self.faults.clear(fault)

    async def come_back(self) -> None:
        if not self._online:
            await self.start()

    async def __aenter__(self) -> Self:
        await self.start()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.stop()


class Listener(Interface):
    async def start(self) -> None: ...

    async def stop(self) -> None: ...


class ListeningSim(SimLifecycle):
    """A simulated miner that is its listeners (``_listeners``: started in that order,
    stopped the other way round) and reboots on request: ``schedule_reboot`` after
    REBOOT_GRACE, away for ``reboot_seconds``, back with ``_rebooted`` applied."""

    reboot_seconds: float
    _listeners: Sequence[Listener]
    _online = False
    _reboot_task: asyncio.Task[None] | None = None

    @property
    def online(self) -> bool:
        return self._online

    def _rebooted(self) -> None:
        """The state a reboot leaves (uptime and counters reset)."""
        raise NotImplementedError

    async def start(self) -> None:
        started: list[Listener] = []
        try:
            for listener in self._listeners:
                await listener.start()
                started.append(listener)
        except BaseException:
            for listener in reversed(started):
                await listener.stop()
            raise
        self._online = True

    async def stop(self) -> None:
        if self._reboot_task is not None:
            self._reboot_task.cancel()
            await asyncio.gather(self._reboot_task, return_exceptions=True)
            self._reboot_task = None
        await self.go_offline()

    async def go_offline(self) -> None:
        """Close the listeners and their connections; the state is kept."""
        self._online = False
        for listener in reversed(self._listeners):
            await listener.stop()

    async def reboot(self) -> None:
        await self.go_offline()
        await asyncio.sleep(self.reboot_seconds)
        self._rebooted()
        await self.come_back()

    def schedule_reboot(self) -> None:
        """Reboot once the current answer has left (the reboot control's reply)."""
        if self._reboot_task is None or self._reboot_task.done():
            self._reboot_task = asyncio.get_running_loop().create_task(self._delayed_reboot())

    async def _delayed_reboot(self) -> None:
        await asyncio.sleep(REBOOT_GRACE)
        await self.reboot()
