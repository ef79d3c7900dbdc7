"""What every family's simulated miner shares: loopback only, faults, and its lifecycle
(``start``/``stop``/``go_offline`` are the family's own)."""

from __future__ import annotations

import ipaddress
from types import TracebackType
from typing import Self

from .faults import Fault, FaultPlan, Protocol

LOOPBACK = ipaddress.ip_network("127.0.0.0/8")


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
