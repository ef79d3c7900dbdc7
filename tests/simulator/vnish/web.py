"""HTTP 80 of a simulated VNish miner: ``/api/v1`` as the firmware's OpenAPI document lists
it (security per path: summary, info, status, perf-summary and find-miner open, the rest
with the unlock token), with injected faults.

Tokens: ``Authorization: Bearer <token>`` (the schema's bearerAuth); the bare token is taken
too except on ``system/*`` (pyasic web/vnish.py sends it bare and adds "Bearer " for
system/* only, which tells that the firmware takes both and insists on the scheme there).
A refused or expired token is a 401 with no body; a wrong unlock password a 403 with the
schema's AuthCheck body.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from aiohttp import web
from aiohttp.typedefs import Handler

from ..faults import Fault
from ..http_listener import HttpListener, catch_all
from . import captures, replies
from .state import PoolSetting

if TYPE_CHECKING:
    from .miner import VnishSim

API = "/api/v1"
OPEN = frozenset({"/summary", "/info", "/status", "/perf-summary", "/find-miner", "/unlock"})


class VnishWeb(HttpListener):
    def __init__(self, miner: VnishSim, host: str, port: int) -> None:
        super().__init__(host, port, miner.faults, lambda: catch_all(self._dispatch))
        self._miner = miner

    # -- auth ----------------------------------------------------------------------------

    def _authorised(self, request: web.Request, path: str) -> bool:
        header = request.headers.get("Authorization", "").strip()
        scheme, _, token = header.partition(" ")
        if scheme.lower() == "bearer" and token:
            return self._miner.state.token_valid(token.strip())
        if header and not path.startswith("/system/"):
            return self._miner.state.token_valid(header)
        return False

    # -- routes --------------------------------------------------------------------------

    async def _dispatch(self, request: web.Request) -> web.StreamResponse:
        miner = self._miner
        state = miner.state
        state.tick()
        if request.path in ("/", "/index.html") and request.method == "GET":
            return web.Response(text=captures.INDEX_PAGE, content_type="text/html")
        if not request.path.startswith(API + "/"):
            return web.Response(status=404, text="Not Found")
        path = request.path.removeprefix(API)
        state.received.append((request.method, path))
        route = self._routes().get((request.method, path))
        if route is None:
            return web.Response(status=404)
        if path not in OPEN and not self._authorised(request, path):
            return web.Response(status=401)
        return await route(request)

    def _routes(self) -> dict[tuple[str, str], Handler]:
        routes: dict[tuple[str, str], Handler] = {
            ("POST", "/unlock"): self._unlock,
            ("GET", "/info"): self._info,
            ("GET", "/summary"): self._summary,
            ("GET", "/status"): self._status,
            ("GET", "/perf-summary"): self._perf,
            ("GET", "/autotune/presets"): self._presets,
            ("GET", "/settings"): self._settings,
            ("POST", "/settings"): self._save,
            ("POST", "/find-miner"): self._find_miner,
            ("POST", "/mining/stop"): self._mining("stopped"),
            ("POST", "/mining/pause"): self._mining("stopped"),
            ("POST", "/mining/start"): self._mining("mining"),
            ("POST", "/mining/resume"): self._mining("mining"),
            ("POST", "/mining/restart"): self._restart,
            ("POST", "/system/reboot"): self._reboot,
        }
        if self._miner.spec.throttle:
            routes["POST", "/mining/throttle"] = self._throttle
        return routes

    async def _unlock(self, request: web.Request) -> web.Response:
        body = await _json_body(request)
        password = body.get("pw") if isinstance(body, dict) else None
        state = self._miner.state
        if self._miner.faults.active(Fault.WRONG_PASSWORD, "http") or password != state.password:
            return _json({"unlock_timeout": None}, status=403)
        return _json({"token": state.issue_token()})

    async def _info(self, request: web.Request) -> web.Response:
        miner = self._miner
        return _json(replies.info(miner.state, miner.mac, miner.address))

    async def _summary(self, request: web.Request) -> web.Response:
        return _json(replies.summary(self._miner.state))

    async def _status(self, request: web.Request) -> web.Response:
        return _json(replies.status(self._miner.state))

    async def _perf(self, request: web.Request) -> web.Response:
        return _json(replies.perf_summary(self._miner.state))

    async def _presets(self, request: web.Request) -> web.Response:
        return _json(replies.presets(self._miner.state))

    async def _settings(self, request: web.Request) -> web.Response:
        return _json(replies.settings(self._miner.state))

    async def _save(self, request: web.Request) -> web.Response:
        """InputConfig: the overclock preset and the pools (three at most) are applied."""
        miner, state = self._miner, self._miner.state
        body = await _json_body(request)
        section = body.get("miner") if isinstance(body, dict) else None
        if not isinstance(section, dict):
            return _json({"err": "Failed to parse miner configuration"}, status=500)
        changes: dict[str, Any] = {}
        overclock = section.get("overclock")
        if isinstance(overclock, dict) and "preset" in overclock:
            name = overclock["preset"]
            if not isinstance(name, str) or state.find(name) is None:
                return _json({"err": f"Unknown preset {name!r}"}, status=500)
            if name != state.preset:
                changes["preset"] = name
        if isinstance(section.get("pools"), list):
            pools = _pools(section["pools"])
            if pools is None:
                return _json({"err": "Failed to parse pools"}, status=500)
            changes["pools"] = pools
        restart = miner.restart_required and bool(changes)
        if restart:
            state.pending.update(changes)
        else:
            if "pools" in changes:
                state.pools = changes["pools"]
            if "preset" in changes:
                state.choose(changes["preset"], miner.tune_seconds)
        return _json(replies.save_result(restart))

    async def _throttle(self, request: web.Request) -> web.Response:
        body = await _json_body(request)
        percent = body.get("percent") if isinstance(body, dict) else None
        if isinstance(percent, bool) or not isinstance(percent, int) or not 20 <= percent <= 100:
            return _json({"err": "percent must be 20 to 100"}, status=500)
        self._miner.state.throttle = percent
        return _json(replies.save_result(False))

    async def _find_miner(self, request: web.Request) -> web.Response:
        state = self._miner.state
        state.find_miner = not state.find_miner  # each call toggles (DOC126)
        return _json({"on": state.find_miner})

    def _mining(self, target: str) -> Handler:
        async def handle(request: web.Request) -> web.Response:
            self._miner.state.set_state(target)
            return web.Response(status=200)

        return handle

    async def _restart(self, request: web.Request) -> web.Response:
        self._miner.state.restart_mining(self._miner.tune_seconds)
        return web.Response(status=200)

    async def _reboot(self, request: web.Request) -> web.Response:
        self._miner.schedule_reboot()
        return _json({"after": captures.DOC126_REBOOT_AFTER})


def _pools(items: list[Any]) -> list[PoolSetting] | None:
    if len(items) > 3:
        return None
    pools = []
    for item in items:
        if not isinstance(item, dict) or not all(
            isinstance(item.get(k), str) for k in ("url", "user", "pass")
        ):
            return None
        pools.append(PoolSetting(item["url"], item["user"], item["pass"]))
    return pools


async def _json_body(request: web.Request) -> Any:
    try:
        return json.loads(await request.read() or b"null")
    except ValueError:
        return None


def _json(value: Any, status: int = 200) -> web.Response:
    return web.Response(
        status=status,
        body=json.dumps(value, separators=(",", ":")).encode(),
        content_type="application/json",
    )
