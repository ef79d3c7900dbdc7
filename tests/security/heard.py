"""Counting the requests simulated miners receive, where they receive them (for tests
that check a refused control sent nothing)."""

from __future__ import annotations

from typing import Any

import pytest
from aiohttp import web

from tests.simulator.avalon import AvalonSim
from tests.simulator.avalon import rpc as avalon_rpc
from tests.simulator.espminer import EspMinerSim
from tests.simulator.espminer.web import EspWeb


class Heard:
    """The requests each simulated miner received, counted where it receives them: the
    request log of an Antminer (writes and configuration reads) or a Whatsminer (every
    request); every HTTP request an ESP-Miner's web server routes; every request an
    Avalon's 4028 listener answers."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self._by_address: dict[str, list[str]] = {}
        dispatch = EspWeb._dispatch
        respond = avalon_rpc.respond

        async def counted_dispatch(web_server: EspWeb, request: web.Request) -> Any:
            self._note(web_server.host, f"{request.method} {request.path}")
            return await dispatch(web_server, request)

        def counted_respond(sim: AvalonSim, data: bytes) -> bytes | None:
            self._note(sim.address, data.decode(errors="replace").strip("\x00 \r\n"))
            return respond(sim, data)

        monkeypatch.setattr(EspWeb, "_dispatch", counted_dispatch)
        monkeypatch.setattr(avalon_rpc, "respond", counted_respond)

    def _note(self, address: str, request: str) -> None:
        self._by_address.setdefault(address, []).append(request)

    def of(self, sim: Any) -> list[str]:
        if isinstance(sim, EspMinerSim | AvalonSim):
            return list(self._by_address.get(sim.address, []))
        return [entry.name for entry in sim.state.requests.entries]

    def clear(self, sim: Any) -> None:
        if isinstance(sim, EspMinerSim | AvalonSim):
            self._by_address.pop(sim.address, None)
        else:
            sim.state.requests.clear()
