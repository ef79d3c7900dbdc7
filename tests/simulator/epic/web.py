"""HTTP of a simulated ePIC miner: the REST API on 4028 and the dashboard page on 80.

The API as the firmware's schema lists it (captures.py SCHEMA): GETs open; each POST a
JSON body {"param", "password"} answered 200 with {"result": bool, "error": …}, a wrong
password with result false and "BadPassword", a param the endpoint cannot use with
"MissingParam". Port 4028 speaks only HTTP: the cgminer RPC's JSON sent there gets the
server's 400, as any HTTP server answers bytes that are no request.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any

from aiohttp import web

from ..faults import Fault
from ..http_listener import HttpListener, catch_all
from . import captures

if TYPE_CHECKING:
    from .miner import EpicSim

Post = Callable[[Any], Awaitable[str | None]]  # param → None, or the ApiError to answer
MISSING = "MissingParam"
BAD_PASSWORD = "BadPassword"


def _json(payload: Any, status: int = 200) -> web.Response:
    return web.Response(text=json.dumps(payload), status=status, content_type="application/json")


def _result(error: str | None) -> web.Response:
    return _json({"result": error is None, "error": error})


class EpicDashboard(HttpListener):
    """Port 80: the page that names the firmware."""

    def __init__(self, miner: EpicSim, host: str, port: int) -> None:
        super().__init__(host, port, miner.faults, lambda: catch_all(self._page))

    async def _page(self, request: web.Request) -> web.StreamResponse:
        if request.method == "GET" and request.path in ("/", "/index.html"):
            return web.Response(text=captures.INDEX_PAGE, content_type="text/html")
        return web.Response(status=404, text="Not Found")


class EpicApiServer(HttpListener):
    """Port 4028: the REST API."""

    def __init__(self, miner: EpicSim, host: str, port: int) -> None:
        super().__init__(host, port, miner.faults, lambda: catch_all(self._dispatch))
        self._miner = miner

    async def _dispatch(self, request: web.Request) -> web.StreamResponse:
        miner, state = self._miner, self._miner.state
        state.received.append((request.method, request.path))
        if request.path in state.missing:
            return web.Response(status=404)
        if request.method == "GET":
            gets = {
                "/summary": lambda: state.summary(miner.hostname),
                "/capabilities": state.capabilities,
                "/network": lambda: state.network(miner.mac),
                "/temps": state.temps,
            }
            read = gets.get(request.path)
            return _json(read()) if read is not None else web.Response(status=404)
        post = self._posts().get(request.path) if request.method == "POST" else None
        if post is None:
            return web.Response(status=404)
        try:
            body = json.loads(await request.text())
        except ValueError:
            body = None
        if not isinstance(body, dict) or "password" not in body:
            return _result(MISSING)
        if miner.faults.active(Fault.WRONG_PASSWORD, "http") or body["password"] != state.password:
            return _result(BAD_PASSWORD)
        error = await post(body.get("param"))
        if error is None:
            state.posted.append((request.path, body.get("param")))
        return _result(error)

    def _posts(self) -> dict[str, Post]:
        return {
            "/authenticate": self._authenticate,
            "/miner": self._mining,
            "/identify": self._identify,
            "/reboot": self._reboot,
            "/softreboot": self._soft_reboot,
            "/fanspeed": self._fanspeed,
            "/perpetualtune": self._tune_enable,
            "/perpetualtune/algo": self._tune_algo,
            "/coin": self._coin,
        }

    async def _authenticate(self, param: Any) -> str | None:
        return None

    async def _mining(self, param: Any) -> str | None:
        states = {"Stop": "Idling", "Autostart": "Mining"}  # OpState → MinerState
        if param not in states:
            return MISSING
        self._miner.state.operating_state = states[param]
        return None

    async def _identify(self, param: Any) -> str | None:
        if not isinstance(param, bool):
            return MISSING
        self._miner.state.locate = param
        return None

    async def _reboot(self, param: Any) -> str | None:
        if isinstance(param, bool) or not isinstance(param, int | str):
            return MISSING  # u64 seconds (asic-rs sends "0")
        self._miner.schedule_reboot()
        return None

    async def _soft_reboot(self, param: Any) -> str | None:
        self._miner.state.soft_reboot()
        return None

    async def _fanspeed(self, param: Any) -> str | None:
        if not isinstance(param, dict) or len(param) != 1:
            return MISSING
        if isinstance(manual := param.get("Manual"), int) and not isinstance(manual, bool):
            # "if the target sent exceeds limit, it will automatically be set to a number
            # within range" (the schema's /fanspeed description)
            self._miner.state.fan_mode = {"Manual": min(max(manual, 1), 100)}
            return None
        auto = param.get("Auto")
        if isinstance(auto, dict) and {"Target Temperature", "Idle Speed"} <= auto.keys():
            self._miner.state.fan_mode = {"Auto": dict(auto)}
            return None
        return MISSING

    async def _tune_enable(self, param: Any) -> str | None:
        if not isinstance(param, bool):
            return MISSING
        self._miner.state.tuning = param
        return None

    async def _tune_algo(self, param: Any) -> str | None:
        state = self._miner.state
        if not isinstance(param, dict):
            return MISSING
        algo, target = param.get("algo"), param.get("target")
        bounds = state.algos().get(algo) if isinstance(algo, str) else None
        if bounds is None or isinstance(target, bool) or not isinstance(target, int):
            return MISSING
        low, high = bounds
        state.algo, state.target, state.tuning = algo, float(min(max(target, low), high)), True
        state.min_throttle = param.get("min_throttle", state.min_throttle)
        state.throttle_step = param.get("throttle_step", state.throttle_step)
        return None

    async def _coin(self, param: Any) -> str | None:
        state = self._miner.state
        configs = param.get("stratum_configs") if isinstance(param, dict) else None
        if not isinstance(configs, list) or not 1 <= len(configs) <= 3:
            return MISSING  # "Supports up to 3 stratum_configs"
        keys = {"pool", "login", "password"}
        if not all(isinstance(c, dict) and keys <= c.keys() for c in configs):
            return "InvalidPoolConfig"
        state.stratum_configs = [{k: c[k] for k in ("login", "password", "pool")} for c in configs]
        state.coin = str(param.get("coin") or state.coin)
        if isinstance(param.get("unique_id"), bool):
            state.unique_id = param["unique_id"]
        return None
