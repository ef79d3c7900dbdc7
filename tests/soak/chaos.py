"""Random faults on random miners of the soak fleet, from a seed (a run can be repeated).

About ``share`` of the fleet is faulty at any time; each fault lasts a few seconds and is
then switched off, and another miner takes its place. The faults are the simulator's
(``tests.simulator.Fault``) plus a miner that goes away (connections refused) and one that
reboots, each on what the miner speaks (an ESP-Miner's HTTP, an Avalon's RPC; either or
both elsewhere); a wrong password only where the miner has a login. A refused login asks
for reauthentication while polls go on; the request is withdrawn once the miner takes the
login again.
"""

from __future__ import annotations

import asyncio
import contextlib
import random
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from tests.simulator import Fault

from .fleet import REBOOT_SECONDS

KINDS = (
    Fault.DELAY.value,
    Fault.DROP.value,
    Fault.GARBAGE.value,
    Fault.TRUNCATED.value,
    Fault.SILENCE.value,
    Fault.WRONG_PASSWORD.value,
    "down",
    "reboot",
)
BOTH = "both"
TICK = 0.5  # s between two looks at the faults
LASTS = (2.0, 8.0)  # s a fault lasts, uniformly
DELAYS = (1.0, 14.0)  # s a delayed answer waits: beyond the driver's 10 s it times out


@dataclass(frozen=True, slots=True)
class Target:
    """What faults a miner can have: the protocols it speaks, and whether it has a login."""

    protocols: tuple[str, ...]
    login: bool

    @classmethod
    def of(cls, miner: Mapping[str, Any]) -> Target:
        """From the fleet's description of a miner (tests/soak/fleet.py)."""
        return cls(tuple(miner["protocols"]), bool(miner["login"]))

    @property
    def kinds(self) -> tuple[str, ...]:
        return KINDS if self.login else tuple(k for k in KINDS if k != Fault.WRONG_PASSWORD)

    @property
    def fault_protocols(self) -> tuple[str, ...]:
        """Where a fault is switched on: each protocol, and both when there are two."""
        return (*self.protocols, BOTH) if len(self.protocols) > 1 else self.protocols


@dataclass(frozen=True, slots=True)
class Injection:
    host: str
    kind: str
    until: float


class Chaos:
    """Switches faults on and off through ``send`` (a fleet command line)."""

    def __init__(
        self,
        miners: Sequence[Mapping[str, Any]],
        send: Callable[[str], None],
        *,
        seed: int,
        share: float = 0.1,
    ) -> None:
        self.targets = {str(miner["host"]): Target.of(miner) for miner in miners}
        self.hosts = list(self.targets)
        self.send = send
        self.random = random.Random(seed)
        self.target = max(1, round(len(self.hosts) * share))
        self.active: dict[str, Injection] = {}
        self.injected: Counter[str] = Counter()

    def tick(self, now: float) -> None:
        """Switch off the faults that are over, then switch on new ones up to the share."""
        for host, injection in list(self.active.items()):
            if injection.until <= now:
                self.send(f"up {host}" if injection.kind == "down" else f"clear {host}")
                del self.active[host]
        healthy = [host for host in self.hosts if host not in self.active]
        wanted = min(self.target - len(self.active), len(healthy))
        for host in self.random.sample(healthy, max(0, wanted)):
            self._inject(host, now)

    def _inject(self, host: str, now: float) -> None:
        target = self.targets[host]
        kind = self.random.choice(target.kinds)
        lasts = self.random.uniform(*LASTS)
        if kind == "reboot":
            self.send(f"reboot {host}")
            lasts = max(lasts, REBOOT_SECONDS + 1)
        elif kind == "down":
            self.send(f"down {host}")
        else:
            seconds = self.random.uniform(*DELAYS) if kind == Fault.DELAY else 0.0
            protocol = self.random.choice(target.fault_protocols)
            self.send(f"fault {host} {kind} {seconds:.1f} {protocol}")
        self.active[host] = Injection(host, kind, now + lasts)
        self.injected[kind] += 1

    async def run(self, stop: asyncio.Event) -> None:
        loop = asyncio.get_running_loop()
        while not stop.is_set():
            self.tick(loop.time())
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), TICK)
        self.active.clear()  # the fleet is healed as a whole afterwards
