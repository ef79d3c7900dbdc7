"""The soak's simulated fleet, in its own process, its faults switched by commands on stdin.

    python -m tests.soak.fleet --count 500

The mixed fleet of the Home Assistant benchmark (S19 Pro, S9, M50S on API V2, M60S on
API V3, in turn; ``bench.ha_fleet``) on 127.0.30.1 … 127.0.31.254. Prints one JSON line
(``{"miners": [{host, model, title, mac, username, password}, …]}``) once every miner
listens, then takes one command a line:

    fault HOST KIND SECONDS PROTOCOL   switch a fault on (KIND: tests.simulator.Fault;
                                       PROTOCOL: rpc, http or both)
    clear HOST                         switch its faults off
    down HOST / up HOST                close its listeners (connections refused) / reopen
    reboot HOST                        go away for the reboot time, come back (uptime reset)
    heal                               every fault off, every miner up; prints ``healed``

End of input stops the fleet. Separate from Home Assistant's process, so that process's
memory and file descriptors are the integration's alone.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import resource
import sys

from bench.ha_fleet import describe, fleet_at
from tests.simulator import Fault, Fleet, SimulatedMiner

# 127.0.30.1 … 127.0.30.254, then 127.0.31.1 … 127.0.31.254.
BASES = ("127.0.30", "127.0.31")
MAX_COUNT = 254 * len(BASES)
REBOOT_SECONDS = 3.0


def soak_hosts(count: int) -> list[str]:
    if not 0 < count <= MAX_COUNT:
        raise ValueError(f"the soak fleet has room for 1 … {MAX_COUNT} miners, not {count}")
    return [f"{BASES[n // 254]}.{n % 254 + 1}" for n in range(count)]


def raise_fd_limit() -> int:
    """The soft limit on open files raised to the hard one; the limit now in force."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    with contextlib.suppress(ValueError, OSError):
        resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
        soft = hard
    return soft


class Commands:
    """Applies the command lines to the fleet."""

    def __init__(self, fleet: Fleet) -> None:
        self.fleet = fleet
        self._reboots: set[asyncio.Task[None]] = set()

    async def run(self, line: str) -> str | None:
        """Apply one line; what to print, if anything."""
        verb, *args = line.split()
        if verb == "heal":
            await self.heal()
            return "healed"
        sim = self.fleet[args[0]]
        if verb == "fault":
            kind, seconds, protocol = Fault(args[1]), float(args[2]), args[3]
            sim.set_fault(kind, seconds, None if protocol == "both" else protocol)  # type: ignore[arg-type]
        elif verb == "clear":
            sim.clear_faults()
        elif verb == "down":
            await sim.go_offline()
        elif verb == "up":
            await sim.come_back()
        elif verb == "reboot":
            self._reboot(sim)
        else:
            raise ValueError(f"unknown command {verb!r}")
        return None

    def _reboot(self, sim: SimulatedMiner) -> None:
        if sim.online:
            task = asyncio.get_running_loop().create_task(sim.reboot())
            self._reboots.add(task)
            task.add_done_callback(self._reboots.discard)

    async def heal(self) -> None:
        await asyncio.gather(*self._reboots)
        for sim in self.fleet:
            sim.clear_faults()
        await asyncio.gather(*(sim.come_back() for sim in self.fleet))


async def serve(count: int) -> None:
    loop = asyncio.get_running_loop()
    reader = asyncio.StreamReader()
    await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(reader), sys.stdin)
    fleet = fleet_at(soak_hosts(count))
    for sim in fleet:
        sim.reboot_seconds = REBOOT_SECONDS
    commands = Commands(fleet)
    async with fleet:
        print(json.dumps({"miners": describe(fleet)}), flush=True)
        while line := (await reader.readline()).decode().strip():
            try:
                reply = await commands.run(line)
            except (ValueError, KeyError, IndexError) as err:
                print(f"soak fleet: {line!r}: {err}", file=sys.stderr, flush=True)
                continue
            if reply is not None:
                print(reply, flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.soak.fleet")
    parser.add_argument("--count", type=int, default=500)
    args = parser.parse_args(argv)
    raise_fd_limit()
    try:
        asyncio.run(serve(args.count))
    except OSError as err:
        print(f"soak fleet: {err}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
