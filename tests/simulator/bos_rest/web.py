"""HTTP 80 of a simulated Braiins OS 25.07+ miner: the public REST API under /api/v1, the
two unauthenticated GraphQL reads asic-rs sends every version (model and version, asic-rs
firmwares/braiins firmware.rs), and the web root page.

The API as its OpenAPI publishes it (asic-rs meta/braiins/25.07/openapi.json): a token from
POST auth/login, then ``Authorization: <token>`` on every request; a request without a valid
token is answered 401, as are wrong credentials; a target outside the constraints 422 (the
status aleixps/Braiins-OS-HA api.py reports for refused values). Paths are answered with
and without their trailing slash (the OpenAPI writes ``pools/``, asic-rs sends ``pools``).
Not captured: the bodies of the refusals (plain text here) and the root page beyond the
"Braiins OS" pyasic and asic-rs look for in it.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from aiohttp import web
from aiohttp.typedefs import Handler

from ..faults import Fault
from ..http_listener import HttpListener, catch_all
from . import replies
from .state import COOLING_MODES, TUNER_MODE_HASHRATE, TUNER_MODE_POWER

if TYPE_CHECKING:
    from .miner import BosRestSim

API = "/api/v1/"
INDEX_PAGE = (
    b'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
    b'<title>Braiins OS</title></head><body><div id="root"></div></body></html>'
)


class BosRestWeb(HttpListener):
    """The web listener of one simulated miner; rebuilt on each start."""

    def __init__(self, miner: BosRestSim, host: str, port: int) -> None:
        super().__init__(host, port, miner.faults, lambda: catch_all(self._dispatch))
        self._miner = miner

    # -- routes --------------------------------------------------------------------------

    async def _dispatch(self, request: web.Request) -> web.StreamResponse:
        miner = self._miner
        path = request.path
        miner.requests.append(f"{request.method} {path}")
        if path in ("/", "/index.html") and request.method == "GET":
            return web.Response(body=INDEX_PAGE, content_type="text/html")
        if path == "/graphql" and request.method == "POST":
            return await self._graphql(request)
        if not path.startswith(API):
            return _text(404, "Not Found")
        endpoint = path.removeprefix(API).rstrip("/")
        if (request.method, endpoint) == ("POST", "auth/login"):
            return await self._login(request)
        if not miner.state.accept(request.headers.get("Authorization")):
            return _text(401, "Unauthorized")
        handler = self._routes().get((request.method, endpoint))
        if handler is None:
            return _text(404, "Not Found")
        return await handler(request)

    def _routes(self) -> dict[tuple[str, str], Handler]:
        return {
            ("GET", "miner/details"): self._details,
            ("GET", "miner/stats"): self._stats,
            ("GET", "miner/hw/hashboards"): self._hashboards,
            ("GET", "miner/errors"): self._errors,
            ("GET", "cooling/state"): self._cooling,
            ("GET", "performance/tuner-state"): self._tuner_state,
            ("GET", "performance/mode"): self._get_mode,
            ("GET", "configuration/miner"): self._configuration,
            ("GET", "configuration/constraints"): self._constraints,
            ("GET", "pools"): self._pools,
            ("GET", "network"): self._network,
            ("GET", "version"): self._version,
            ("GET", "actions/locate"): self._get_locate,
            ("PUT", "actions/locate"): self._set_locate,
            ("PUT", "actions/pause"): self._pause,
            ("PUT", "actions/resume"): self._resume,
            ("PUT", "actions/restart"): self._restart,
            ("PUT", "actions/reboot"): self._reboot,
            ("PUT", "performance/power-target"): self._power_target,
            ("PUT", "performance/hashrate-target"): self._hashrate_target,
            ("PUT", "performance/mode"): self._set_mode,
            ("PUT", "cooling/mode"): self._cooling_mode,
            ("PUT", "pools/batch"): self._pools_batch,
        }

    async def _login(self, request: web.Request) -> web.Response:
        miner = self._miner
        body = await _body(request)
        right = (
            isinstance(body, dict)
            and body.get("username") == "root"
            and body.get("password") == miner.state.password
        )
        if not right or miner.faults.active(Fault.WRONG_PASSWORD, "http"):
            return _text(401, "Unauthorized")
        token = miner.state.issue_token()
        return _json({"token": token, "timeout_s": miner.state.token_seconds})

    async def _graphql(self, request: web.Request) -> web.Response:
        body = await _body(request)
        query = body.get("query") if isinstance(body, dict) else None
        spec = self._miner.spec
        if isinstance(query, str) and "modelName" in query:
            return _json({"data": {"bosminer": {"info": {"modelName": spec.name}}}})
        if isinstance(query, str) and "version" in query and "bos" in query:
            full = spec.capture("MINER_DETAILS")["bos_version"]["current"]
            return _json({"data": {"bos": {"info": {"version": {"full": full}}}}})
        return _json({"data": None, "errors": [{"message": "Unauthorized"}]})

    # -- reads ---------------------------------------------------------------------------

    async def _details(self, request: web.Request) -> web.Response:
        miner = self._miner
        return _json(replies.details(miner.spec, miner.state, miner.address))

    async def _stats(self, request: web.Request) -> web.Response:
        return _json(replies.stats(self._miner.spec, self._miner.state))

    async def _hashboards(self, request: web.Request) -> web.Response:
        return _json(replies.hashboards(self._miner.spec, self._miner.state))

    async def _errors(self, request: web.Request) -> web.Response:
        return _json(self._miner.spec.capture("MINER_ERRORS"))

    async def _cooling(self, request: web.Request) -> web.Response:
        return _json(self._miner.spec.capture("COOLING_STATE"))

    async def _tuner_state(self, request: web.Request) -> web.Response:
        return _json(replies.tuner_state(self._miner.spec, self._miner.state))

    async def _get_mode(self, request: web.Request) -> web.Response:
        return _json(_mode_of(self._miner))

    async def _configuration(self, request: web.Request) -> web.Response:
        miner = self._miner
        return _json(replies.configuration(miner.spec, miner.state, cooling=miner.cooling_config))

    async def _constraints(self, request: web.Request) -> web.Response:
        return _json(replies.constraints(self._miner.spec))

    async def _pools(self, request: web.Request) -> web.Response:
        return _json(replies.pools(self._miner.spec, self._miner.state))

    async def _network(self, request: web.Request) -> web.Response:
        return _json(replies.network(self._miner.spec, self._miner.address))

    async def _version(self, request: web.Request) -> web.Response:
        return _json(self._miner.spec.capture("VERSION"))

    async def _get_locate(self, request: web.Request) -> web.Response:
        return _json(self._miner.state.locate)

    # -- controls ------------------------------------------------------------------------

    async def _set_locate(self, request: web.Request) -> web.Response:
        body = await _body(request)
        if not isinstance(body, bool):
            return _text(422, "expected a boolean")
        self._miner.state.locate = body
        return _json(body)

    async def _pause(self, request: web.Request) -> web.Response:
        self._miner.state.paused = True
        return _json(True)

    async def _resume(self, request: web.Request) -> web.Response:
        self._miner.state.paused = False
        return _json(True)

    async def _restart(self, request: web.Request) -> web.Response:
        self._miner.state.restarted()
        return _json(True)

    async def _reboot(self, request: web.Request) -> web.Response:
        self._miner.schedule_reboot()
        return web.Response(status=204)

    async def _power_target(self, request: web.Request) -> web.Response:
        body = await _body(request)
        spec, state = self._miner.spec, self._miner.state
        watt = body.get("watt") if isinstance(body, dict) else None
        if not isinstance(watt, int) or isinstance(watt, bool):
            return _text(422, "watt must be a whole number")
        if not spec.power_min <= watt <= spec.power_max:
            return _text(422, f"power target out of range {spec.power_min}-{spec.power_max} W")
        state.power_target, state.tuner_mode = watt, TUNER_MODE_POWER
        return _json({"watt": watt})

    async def _hashrate_target(self, request: web.Request) -> web.Response:
        body = await _body(request)
        spec, state = self._miner.spec, self._miner.state
        rate = body.get("terahash_per_second") if isinstance(body, dict) else None
        if not isinstance(rate, int | float) or isinstance(rate, bool):
            return _text(422, "terahash_per_second must be a number")
        if not spec.hashrate_min <= rate <= spec.hashrate_max:
            return _text(422, "hashrate target out of range")
        state.hashrate_target, state.tuner_mode = float(rate), TUNER_MODE_HASHRATE
        return _json({"terahash_per_second": rate})

    async def _set_mode(self, request: web.Request) -> web.Response:
        body = await _body(request)
        target = _dig(body, "tunermode", "target")
        spec, state = self._miner.spec, self._miner.state
        watt = _dig(target, "powertarget", "power_target", "watt")
        rate = _dig(target, "hashratetarget", "hashrate_target", "terahash_per_second")
        if isinstance(watt, int) and spec.power_min <= watt <= spec.power_max:
            state.power_target, state.tuner_mode = watt, TUNER_MODE_POWER
        elif isinstance(rate, int | float) and spec.hashrate_min <= rate <= spec.hashrate_max:
            state.hashrate_target, state.tuner_mode = float(rate), TUNER_MODE_HASHRATE
        else:
            return _text(422, "unsupported performance mode")
        return _json(_mode_of(self._miner))

    async def _cooling_mode(self, request: web.Request) -> web.Response:
        body = await _body(request)
        if not isinstance(body, dict) or len(body) != 1 or next(iter(body)) not in COOLING_MODES:
            return _text(422, "unsupported cooling mode")
        self._miner.state.cooling = next(iter(body))
        return _json(body)

    async def _pools_batch(self, request: web.Request) -> web.Response:
        body = await _body(request)
        if not isinstance(body, list) or not all(_is_group(g) for g in body):
            return _text(422, "expected a list of pool groups")
        self._miner.state.groups = [
            {"name": g["name"], "pools": [dict(p) for p in g["pools"]]} for g in body
        ]
        self._miner.pool_passwords.extend(
            p["password"] for g in body for p in g["pools"] if p.get("password")
        )
        return _json(body)  # the OpenAPI's example answer echoes the groups, passwords too


def _mode_of(miner: BosRestSim) -> dict[str, Any]:
    state = miner.state
    if state.tuner_mode == TUNER_MODE_HASHRATE:
        target: dict[str, Any] = {
            "hashratetarget": {"hashrate_target": {"terahash_per_second": state.hashrate_target}}
        }
    else:
        target = {"powertarget": {"power_target": {"watt": state.power_target}}}
    return {"tunermode": {"target": target}}


def _is_group(group: Any) -> bool:
    return (
        isinstance(group, dict)
        and isinstance(group.get("name"), str)
        and isinstance(group.get("pools"), list)
        and all(
            isinstance(p, dict) and isinstance(p.get("url"), str) and isinstance(p.get("user"), str)
            for p in group["pools"]
        )
    )


def _dig(value: Any, *keys: str) -> Any:
    for key in keys:
        value = value.get(key) if isinstance(value, dict) else None
    return value


async def _body(request: web.Request) -> Any:
    try:
        return json.loads(await request.read())
    except ValueError:
        return None


def _json(value: Any, status: int = 200) -> web.Response:
    return web.Response(
        status=status, body=json.dumps(value).encode(), content_type="application/json"
    )


def _text(status: int, message: str) -> web.Response:
    return web.Response(status=status, text=message)
