"""Counting the requests simulated miners receive, where they receive them (for tests
that check a refused control sent nothing)."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from aiohttp import web

from tests.simulator.avalon import AvalonSim
from tests.simulator.avalon import rpc as avalon_rpc
from tests.simulator.bos_rest import BosRestSim
from tests.simulator.bosminer import BosminerSim
from tests.simulator.bosminer.web import LuciWeb
from tests.simulator.bosplus import BosPlusSim
from tests.simulator.espminer import EspMinerSim
from tests.simulator.espminer.web import EspWeb
from tests.simulator.rpc_server import RpcServer
from tests.simulator.ssh_server import Heard as SshHeard
from tests.simulator.vnish import VnishSim

# Families whose port 4028 is counted here (their sims keep no RPC log of their own, or
# BOSminer's, which leaves out what it cannot parse).
_RPC_COUNTED = (BosminerSim, BosPlusSim, BosRestSim, VnishSim)


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
        elif isinstance(sim, VnishSim):
            heard += [f"{method} {path}" for method, path in sim.state.received]
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
        if isinstance(sim, BosminerSim):
            sim.ssh.heard = SshHeard()
            self._by_address.pop(sim.address, None)
        elif isinstance(sim, VnishSim):
            sim.state.received.clear()
        else:
            sim.requests.clear()
