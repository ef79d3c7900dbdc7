"""HTTP 8080 of a simulated Auradine: ``POST /token`` gives a token for admin and the
password; every other path wants it in a ``Token`` header (HTTP 401 without a valid one,
as asic-rs v1/web.rs expects). GET reads, POST changes (captures.py says which answers are
captured)."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from aiohttp import web

from ..faults import Fault
from ..http_listener import HttpListener, catch_all
from . import captures, replies

if TYPE_CHECKING:
    from .miner import AuradineSim

USER = "admin"


class AuradineWeb(HttpListener):
    def __init__(self, miner: AuradineSim, host: str, port: int) -> None:
        super().__init__(host, port, miner.faults, lambda: catch_all(self._dispatch))
        self._miner = miner

    async def _dispatch(self, request: web.Request) -> web.StreamResponse:
        miner, state = self._miner, self._miner.state
        name = request.path.strip("/")
        body = await _body(request) if request.method == "POST" else None
        shown = _without_passwords(body)
        state.received.append((request.method, name, shown))
        if name == "token" and request.method == "POST":
            return self._token(body)
        if request.headers.get("Token") not in state.tokens:
            return web.Response(status=401, text="Unauthorized")
        if request.method == "GET":
            reads = {
                "ipreport": lambda: replies.ipreport(state, miner.mac, miner.address),
                "psu": lambda: replies.psu(state),
                "mode": lambda: replies.mode(state),
                "fan": lambda: replies.fan(state),
                "led": lambda: replies.led(state),
                "pools": lambda: replies.web_pools(state),
            }
            read = reads.get(name)
            return _json(read()) if read else web.Response(status=404, text="Not Found")
        changes = {
            "mode": self._mode,
            "led": self._led,
            "restart": self._restart,
            "fan": self._fan,
            "updatepools": self._updatepools,
        }
        change = changes.get(name)
        if change is None:
            return web.Response(status=404, text="Not Found")
        return _json(change(body if isinstance(body, dict) else {}))

    def _token(self, body: Any) -> web.Response:
        state = self._miner.state
        wrong = self._miner.faults.active(Fault.WRONG_PASSWORD, "http")
        given = body if isinstance(body, dict) else {}
        if wrong or given.get("user") != USER or given.get("password") != state.password:
            return _json(replies.refused("token", "Invalid user or password"))
        return _json(replies.token(state.issue_token()))

    def _mode(self, body: dict[str, Any]) -> dict[str, Any]:
        state = self._miner.state
        if "sleep" in body:
            if body["sleep"] not in ("on", "off"):
                return replies.refused("mode", "sleep must be on or off")
            state.sleeping = body["sleep"] == "on"
            return replies.done("mode")
        if body.get("mode") == "custom" and body.get("tune") == "power":
            watts = body.get("power")
            if isinstance(watts, bool) or not isinstance(watts, int):
                return replies.refused("mode", "power must be a number of watts")
            state.power_target, state.mode = watts, "custom"
            return replies.done("mode")
        if body.get("mode") == "normal":  # PEER_MODE (captures.py)
            state.mode = "normal"
            return replies.done("mode")
        return replies.refused("mode", "unknown mode")

    def _led(self, body: dict[str, Any]) -> dict[str, Any]:
        code = body.get("code")
        if code not in (2, 3):
            return replies.refused("led", "unknown code")
        self._miner.state.led_code = code
        return replies.done("led")

    def _fan(self, body: dict[str, Any]) -> dict[str, Any]:
        """PEER_FAN (captures.py): every fan's target at a percentage of its Max."""
        percent = body.get("percentage")
        if "index" in body:
            return replies.refused("fan", "fan index not simulated")
        if isinstance(percent, bool) or not isinstance(percent, int) or not 0 <= percent <= 100:
            return replies.refused("fan", "percentage must be 0 to 100")
        top: int = captures.FAN_ENTRY["Max"]
        self._miner.state.fan_target_rpm = round(top * percent / 100)
        return replies.done("fan")

    def _updatepools(self, body: dict[str, Any]) -> dict[str, Any]:
        """PEER_UPDATEPOOLS (captures.py): the pools listed replace the miner's."""
        pools = body.get("pools")
        if not isinstance(pools, list) or not pools or not all(_is_pool(p) for p in pools):
            return replies.refused("updatepools", "pools must list url, user and pass")
        state = self._miner.state
        state.pools = [(p["url"], p["user"]) for p in pools]
        state.pool_passwords = [p["pass"] for p in pools]
        return replies.done("updatepools")

    def _restart(self, body: dict[str, Any]) -> dict[str, Any]:
        part = body.get("parameter")
        if part is None:
            self._miner.schedule_reboot()
        elif part == "gcminer":
            self._miner.state.mining_restarts += 1
        else:
            return replies.refused("restart", "unknown parameter")
        return replies.done("restart")


def _is_pool(entry: Any) -> bool:
    return isinstance(entry, dict) and all(
        isinstance(entry.get(key), str) for key in ("url", "user", "pass")
    )


def _without_passwords(body: Any) -> Any:
    """The body as the simulator's own log keeps it: no login nor pool password."""
    if not isinstance(body, dict):
        return body
    shown = {k: v for k, v in body.items() if k != "password"}
    if isinstance(shown.get("pools"), list):
        shown["pools"] = [
            {k: v for k, v in p.items() if k != "pass"} if isinstance(p, dict) else p
            for p in shown["pools"]
        ]
    return shown


async def _body(request: web.Request) -> Any:
    try:
        return json.loads(await request.read() or b"null")
    except ValueError:
        return None


def _json(value: Any) -> web.Response:
    return web.Response(body=json.dumps(value).encode(), content_type="application/json")
