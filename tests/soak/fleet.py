"""The soak's simulated fleet, in its own process, its faults switched by commands on stdin.

    python -m tests.soak.fleet --count 500

A mixed fleet on 127.0.30.1 … 127.0.31.254, the models of ``MIX`` in turn: the Home
Assistant benchmark's, as ``bench.ha_fleet`` makes them (S19 Pro, S9, M50S on API V2, M60S
on API V3 and a Hiveon S9 with changed passwords; an S9 on BOSminer, an S19 on BOS+
GraphQL, an S21 Pro on BOS REST, an S19 Pro and an S21+ Hydro on VNish, a KS5 Pro and an
S19 XP on MARA firmware with the logins they ship with), and the
home miners (BitAxe Gamma on AxeOS, NerdQAxe++ on NerdOS, Avalon Mini 3 and Nano 3S, with
the logins they ship with). Prints one JSON line (``{"miners": [{host, model, title, mac,
username, password, protocols, login}, …]}``; no username or password where the entry
holds none, ``ssh_host_key`` where it holds one) once every miner listens, then takes one
command a line:

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
from typing import Any, Final

from bench.ha_fleet import AFTERMARKET as BENCHMARK_AFTERMARKET
from bench.ha_fleet import STOCK_MODELS
from bench.ha_fleet import describe as describe_benchmark_miners
from bench.ha_fleet import miner_at as benchmark_miner_at
from tests.simulator import Fault, Fleet
from tests.simulator.families import make_miner

# 127.0.30.1 … 127.0.30.254, then 127.0.31.1 … 127.0.31.254.
BASES = ("127.0.30", "127.0.31")
MAX_COUNT = 254 * len(BASES)
REBOOT_SECONDS = 3.0
HOME_MODELS: Final = (
    "espminer-bitaxe-gamma",
    "espminer-nerdqaxe-pp",
    "avalon-mini3",
    "avalon-nano3s",
)
AFTERMARKET_MODELS: Final = tuple(BENCHMARK_AFTERMARKET)
# Firmware whose reads and controls need no login: its entry stores the address alone
# (LuxOS: its sessions coordinate writers, they are no login).
OPEN_MODELS: Final = ("luxos-s19kpro",)
BENCHMARK_MODELS: Final = (*STOCK_MODELS, *AFTERMARKET_MODELS)
MIX: Final = (*STOCK_MODELS, *HOME_MODELS, *AFTERMARKET_MODELS, *OPEN_MODELS)
# What each family's simulated miner speaks where a poll reads it (where its faults act):
# BOSminer's poll is one RPC request (its SSH is read on the first poll and every 10
# minutes); the web generations of Braiins OS and VNish read HTTP alone (their RPC
# serves other clients).
PROTOCOLS: Final = {
    "antminer": ("rpc", "http"),
    "whatsminer": ("rpc", "http"),
    "espminer": ("http",),
    "avalon": ("rpc",),
    "braiins": ("http",),
    "vnish": ("http",),
    "hiveon": ("rpc", "http"),
    "mskminer": ("rpc",),  # its web is read for the MAC alone: a poll goes on without it
    "marathon": ("http",),
    "epic": ("http",),  # its REST API on 4028
    "luxos": ("rpc",),
    "elphapex": ("http",),  # its CGI web alone
    "volcminer": ("rpc",),  # as Hammer's
    "hammer": ("rpc",),  # its web is read for the MAC, light and mode: a poll goes on without it
    "goldshell": ("http",),  # /mcb/ on 80; a kept token polls on through a refused login
    "auradine": ("http",),  # its token API on 8080 (a poll goes on without the RPC's rates)
    "sealminer": ("rpc",),  # BDMiner's RPC (a poll goes on without the web's light)
    "iceriver": ("http",),  # its panel alone
    "innosilicon": ("rpc",),  # its web is read for the MAC alone: a poll goes on without it
}
MODEL_PROTOCOLS: Final = {"braiins-s9-bosminer": ("rpc",)}
# The families with a login the simulator's wrong_password fault refuses during a poll
# (ESP-Miner has none; an Avalon's web login is setpool's alone). Braiins OS and VNish
# are not among them: a poll goes on with the session or token of the login before (BOS+,
# BOS REST) or needs no login (VNish, BOSminer's RPC), so a refused login shows only
# once those expire.
WITH_LOGIN: Final = frozenset(
    {"antminer", "hiveon", "whatsminer", "marathon", "elphapex", "iceriver"}
)


def soak_hosts(count: int) -> list[str]:
    if not 0 < count <= MAX_COUNT:
        raise ValueError(f"the soak fleet has room for 1 … {MAX_COUNT} miners, not {count}")
    return [f"{BASES[n // 254]}.{n % 254 + 1}" for n in range(count)]


def family_of(model: str) -> str:
    """ "espminer-bitaxe-gamma" -> "espminer" (the driver's backend package)."""
    return model.split("-", 1)[0]


def protocols_of(model: str) -> tuple[str, ...]:
    return MODEL_PROTOCOLS.get(model) or PROTOCOLS[family_of(model)]


def fleet_at(hosts: list[str]) -> Fleet:
    """The mixed fleet on these addresses, the models of MIX in turn."""
    return Fleet([miner_at(MIX[n % len(MIX)], host) for n, host in enumerate(hosts)])


def miner_at(model: str, host: str) -> Any:
    """One miner of the mix: the benchmark's made by the benchmark, the home miners with
    the logins they ship with."""
    if model in BENCHMARK_MODELS:
        return benchmark_miner_at(model, host)
    return make_miner(model, host, password=None)


def describe(fleet: Fleet) -> list[dict[str, Any]]:
    """Each miner as the test makes its config entry, with what its faults act on."""
    out = []
    for sim in fleet:
        family = family_of(sim.model)
        if sim.model in BENCHMARK_MODELS:
            (miner,) = describe_benchmark_miners(Fleet([sim]))
        else:  # the config flow stores the address alone
            miner = {
                "host": sim.address,
                "model": sim.model,
                "title": sim.model_name,
                "mac": sim.mac,
                "username": None,
                "password": None,
            }
        miner["protocols"] = list(protocols_of(sim.model))
        miner["login"] = family in WITH_LOGIN
        out.append(miner)
    return out


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

    def _reboot(self, sim: Any) -> None:
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
