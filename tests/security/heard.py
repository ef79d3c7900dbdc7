"""Counting the requests simulated miners receive, where they receive them (for tests
that check a refused control sent nothing), and the pools they hold (for tests that check
a refused configuration changed nothing, and tests that plant a pool password)."""

from __future__ import annotations

import asyncio
import re
import tomllib
from typing import Any

import pytest
from aiohttp import web

from tests.simulator import SimulatedMiner
from tests.simulator.auradine import AuradineSim
from tests.simulator.avalon import AvalonSim
from tests.simulator.avalon import rpc as avalon_rpc
from tests.simulator.bos_rest import BosRestSim
from tests.simulator.bosminer import BosminerSim
from tests.simulator.bosminer.web import LuciWeb
from tests.simulator.bosplus import BosPlusSim
from tests.simulator.bosplus.state import PoolEntry
from tests.simulator.elphapex import ElphapexSim
from tests.simulator.epic import EpicSim
from tests.simulator.espminer import EspMinerSim
from tests.simulator.espminer.web import EspWeb
from tests.simulator.goldshell import GoldshellSim
from tests.simulator.hammer import HammerSim
from tests.simulator.iceriver import IceRiverSim
from tests.simulator.innosilicon import InnoSim
from tests.simulator.luxos import LuxosSim
from tests.simulator.marathon import MaraSim
from tests.simulator.marathon.state import PoolSetting as MaraPool
from tests.simulator.mskminer import MskSim
from tests.simulator.rpc_server import RpcServer
from tests.simulator.sealminer import SealSim
from tests.simulator.ssh_server import Heard as SshHeard
from tests.simulator.vnish import VnishSim
from tests.simulator.vnish.state import PoolSetting

# Families whose port 4028 is counted here (their sims keep no RPC log of their own, or
# BOSminer's, which leaves out what it cannot parse).
_RPC_COUNTED = (
    BosminerSim,
    GoldshellSim,
    BosPlusSim,
    BosRestSim,
    VnishSim,
    LuxosSim,
    MaraSim,
    EpicSim,
    MskSim,
    ElphapexSim,
    HammerSim,
    IceRiverSim,
    AuradineSim,
    InnoSim,
    SealSim,
)


class Heard:
    """The requests each simulated miner received, counted where it receives them: the
    request log of an Antminer (writes and configuration reads) or a Whatsminer (every
    request); every HTTP request an ESP-Miner's web server routes; every request an
    Avalon's 4028 listener answers. Braiins OS and VNish: every request on 4028, every
    HTTP request (BOS+ and BOS REST ``sim.requests``, VNish ``state.received``, LuCI's
    routes), and for BOSminer every SSH connection and command."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self._by_address: dict[str, list[str]] = {}
        self._rpc: dict[str, list[str]] = {}
        dispatch = EspWeb._dispatch
        respond = avalon_rpc.respond
        reply = RpcServer._reply
        luci = LuciWeb._faults

        async def counted_dispatch(web_server: EspWeb, request: web.Request) -> Any:
            self._note(web_server.host, f"{request.method} {request.path}")
            return await dispatch(web_server, request)

        def counted_respond(sim: AvalonSim, data: bytes) -> bytes | None:
            self._note(sim.address, data.decode(errors="replace").strip("\x00 \r\n"))
            return respond(sim, data)

        def counted_reply(
            server: RpcServer, data: bytes, writer: asyncio.StreamWriter
        ) -> bytes | None:
            shown = data.decode(errors="replace").strip("\x00 \r\n")
            self._rpc.setdefault(server.host, []).append(f"rpc {shown}")
            return reply(server, data, writer)

        @web.middleware
        async def counted_luci(
            luci_web: LuciWeb, request: web.Request, handler: Any
        ) -> web.StreamResponse:
            self._note(luci_web._sim.address, f"{request.method} {request.path}")
            return await luci(luci_web, request, handler)

        monkeypatch.setattr(EspWeb, "_dispatch", counted_dispatch)
        monkeypatch.setattr(avalon_rpc, "respond", counted_respond)
        monkeypatch.setattr(RpcServer, "_reply", counted_reply)
        monkeypatch.setattr(LuciWeb, "_faults", counted_luci)

    def _note(self, address: str, request: str) -> None:
        self._by_address.setdefault(address, []).append(request)

    def of(self, sim: Any) -> list[str]:
        if isinstance(sim, EspMinerSim | AvalonSim):
            return list(self._by_address.get(sim.address, []))
        if not isinstance(sim, _RPC_COUNTED):
            return [entry.name for entry in sim.state.requests.entries]
        heard = list(self._rpc.get(sim.address, []))
        if isinstance(sim, BosminerSim):
            ssh = sim.ssh.heard
            heard += ["ssh connection"] * ssh.connections
            heard += [f"ssh {command}" for command in ssh.commands]
            heard += self._by_address.get(sim.address, [])
        elif isinstance(
            sim,
            VnishSim
            | MaraSim
            | EpicSim
            | MskSim
            | ElphapexSim
            | IceRiverSim
            | GoldshellSim
            | HammerSim
            | SealSim,
        ):
            heard += [f"{method} {path}" for method, path in sim.state.received]
        elif isinstance(sim, AuradineSim):
            heard += [f"{method} {path}" for method, path, _ in sim.state.received]
        elif isinstance(sim, InnoSim):
            heard += [r for r in sim.state.received if r.startswith("web ")]
        elif isinstance(sim, LuxosSim):
            pass  # LUXminer serves everything on 4028
        else:
            heard += sim.requests
        return heard

    def clear(self, sim: Any) -> None:
        if isinstance(sim, EspMinerSim | AvalonSim):
            self._by_address.pop(sim.address, None)
            return
        if not isinstance(sim, _RPC_COUNTED):
            sim.state.requests.clear()
            return
        self._rpc.pop(sim.address, None)
        if isinstance(sim, InnoSim):
            sim.state.received.clear()
        elif isinstance(sim, BosminerSim):
            sim.ssh.heard = SshHeard()
            self._by_address.pop(sim.address, None)
        elif isinstance(
            sim,
            VnishSim
            | LuxosSim
            | MaraSim
            | EpicSim
            | MskSim
            | ElphapexSim
            | IceRiverSim
            | AuradineSim
            | GoldshellSim
            | HammerSim
            | SealSim,
        ):
            sim.state.received.clear()
        else:
            sim.requests.clear()


BOSMINER_TOML = "/etc/bosminer.toml"
_FIRST_TOML_POOL = re.compile(r"(\[\[group\.pool\]\]\n)url = '[^']*'\nuser = '[^']*'\n")


def pools_held(sim: Any) -> list[tuple[str, str]]:
    """(URL, user) of every pool the simulated miner holds, as its firmware keeps them
    (BOSminer: in bosminer.toml as written, before BOSminer restarts to use them)."""
    if isinstance(sim, SimulatedMiner | ElphapexSim | HammerSim):
        return [(pool["url"], pool["user"]) for pool in sim.state.pools]
    if isinstance(sim, BosminerSim):
        doc = tomllib.loads(sim.files[BOSMINER_TOML])
        return [
            (str(pool.get("url")), str(pool.get("user")))
            for group in doc.get("group", [])
            for pool in group.get("pool", [])
        ]
    if isinstance(sim, BosRestSim):
        return [(p["url"], p["user"]) for group in sim.state.groups for p in group["pools"]]
    if isinstance(sim, BosPlusSim | VnishSim | MaraSim):
        return [(pool.url, pool.user) for pool in sim.state.pools]
    if isinstance(sim, EpicSim):
        return [(c["pool"], c["login"]) for c in sim.state.stratum_configs]
    raise TypeError(f"no pools known for {sim!r}")


def plant_pool(sim: Any, url: str, user: str, password: str) -> None:
    """Make ``url`` / ``user`` / ``password`` the miner's first pool, as if a user had set
    it on the miner (VNish keeps stratum+tcp pools without the scheme)."""
    if isinstance(sim, SimulatedMiner | ElphapexSim | HammerSim):
        sim.state.pools[0] = {"url": url, "user": user, "pass": password}
    elif isinstance(sim, BosminerSim):
        line = f"url = '{url}'\nuser = '{user}'\npassword = '{password}'\n"
        text = _FIRST_TOML_POOL.sub(lambda m: m.group(1) + line, sim.files[BOSMINER_TOML], 1)
        sim.files[BOSMINER_TOML] = text
        sim.state.pools[0] = (url, user)  # BOSminer running with it
    elif isinstance(sim, BosRestSim):
        first = sim.state.groups[0]["pools"][0]
        first.update(url=url, user=user, password=password)
    elif isinstance(sim, BosPlusSim):
        first = sim.state.pools[0]
        sim.state.pools[0] = PoolEntry(
            url, user, password, first.accepted, first.rejected, first.active
        )
    elif isinstance(sim, VnishSim):
        sim.state.pools[0] = PoolSetting(url.removeprefix("stratum+tcp://"), user, password)
    elif isinstance(sim, MaraSim):
        sim.state.pools[0] = MaraPool(url, user, password)
    elif isinstance(sim, EpicSim):
        sim.state.stratum_configs[0] = {"login": user, "password": password, "pool": url}
    else:
        raise TypeError(f"no pools known for {sim!r}")
