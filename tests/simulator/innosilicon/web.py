"""HTTP 80 of a simulated Innosilicon: ``/api/auth`` (a JWT for admin's password) and the
commands pyasic sends with it: ``overview`` (captures.OVERVIEW), ``type`` (the model, the
one field pyasic reads of it), ``reboot``, ``restartCgMiner``, ``pools`` (the configured
pools, captures.peer_pools_answer) and ``updatePools`` (its three slots, taken as a form,
as foreman-apps sends them, or as the JSON object pyasic sends; answered
captures.POOLS_UPDATED). A missing or stale token is answered captures.EXPIRED; a wrong
password gets ``{"success": false}`` and no token (pyasic reads only the "jwt")."""

from __future__ import annotations

import copy
import json
import secrets
from typing import TYPE_CHECKING, Any

from aiohttp import web

from ..faults import Fault
from ..http_listener import HttpListener, catch_all
from . import captures

if TYPE_CHECKING:
    from .miner import InnoSim


class InnoWeb(HttpListener):
    def __init__(self, miner: InnoSim, host: str, port: int) -> None:
        super().__init__(host, port, miner.faults, lambda: catch_all(self._dispatch))
        self._miner = miner

    async def _dispatch(self, request: web.Request) -> web.StreamResponse:
        state = self._miner.state
        if request.method != "POST" or not request.path.startswith("/api/"):
            return web.Response(status=404, text="404 Not Found")
        name = request.path.removeprefix("/api/")
        state.received.append(f"web {name}")
        if name == "auth":
            form = await request.post()
            wrong = self._miner.faults.active(Fault.WRONG_PASSWORD, "http")
            if wrong or form.get("username") != "admin" or form.get("password") != state.password:
                return _json({"success": False})
            token = secrets.token_hex(24)
            state.tokens.add(token)
            return _json({"success": True, "jwt": token})
        token = request.headers.get("Authorization", "").removeprefix("Bearer ")
        if token not in state.tokens:
            return _json(captures.EXPIRED)
        if name == "overview":
            answer = copy.deepcopy(captures.OVERVIEW)
            answer["version"]["ethaddr"] = self._miner.mac.lower()
            return _json(answer)
        if name == "type":
            # pyasic's factory (get_miner_model_innosilicon) reads only "type" here.
            return _json({"success": True, "type": self._miner.spec.name})
        if name == "reboot":
            self._miner.schedule_reboot()
            return _json({"success": True})
        if name == "restartCgMiner":
            state.restarts += 1
            return _json({"success": True})
        if name == "pools":
            return _json(captures.peer_pools_answer(state.pools))
        if name == "updatePools":
            state.pools = slots_of(await _arguments(request))
            return _json(captures.POOLS_UPDATED)
        return web.Response(status=404, text="404 Not Found")


async def _arguments(request: web.Request) -> dict[str, Any]:
    if request.content_type == "application/json":
        body = await request.json()
        return body if isinstance(body, dict) else {}
    return dict(await request.post())


def slots_of(arguments: dict[str, Any]) -> list[dict[str, str]]:
    """The slots given a URL, in order (an empty slot is no pool)."""
    slots = []
    for n in range(1, captures.UPDATE_SLOTS + 1):
        url, user, password = (
            str(arguments.get(f"{key}{n}") or "") for key in ("Pool", "UserName", "Password")
        )
        if url:
            slots.append({"url": url, "user": user, "pass": password})
    return slots


def _json(value: Any) -> web.Response:
    return web.Response(body=json.dumps(value).encode(), content_type="application/json")
