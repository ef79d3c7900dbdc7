"""HTTP 80 of a simulated Elphapex: the CGI pyasic's ElphapexWebAPI reads (web/elphapex.py),
behind digest auth (root; realm "Daoge": pyasic's factory knows the make by that prefix of
the realm, the rest of it is not public). Replies from captures.py; rates follow the work
mode (0 while ``fc-work-mode`` is 1, sleep).
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from aiohttp import web

from ..digest import DigestAuth
from ..faults import Fault
from ..http_listener import HttpListener
from . import captures

if TYPE_CHECKING:
    from .miner import ElphapexSim

REALM = "Daoge"
CGI = "/cgi-bin/"


class ElphapexWeb(HttpListener):
    def __init__(self, miner: ElphapexSim, host: str, port: int) -> None:
        super().__init__(host, port, miner.faults, self._routes, screen=self._challenge)
        self._miner = miner
        self._auth = DigestAuth(REALM)

    def _challenge(self, request: web.Request) -> web.Response | None:
        ok = self._auth.check(
            request.headers.get("Authorization"), request.method, self._miner.state.password
        )
        if ok and not self._miner.faults.active(Fault.WRONG_PASSWORD, "http"):
            return None
        return web.Response(
            status=401,
            text="<html><body><h1>401 Unauthorized</h1></body></html>",
            content_type="text/html",
            headers={"WWW-Authenticate": self._auth.challenge()},
        )

    def reads(self) -> dict[str, Callable[[], dict[str, Any]]]:
        """The CGI reads by name (``summary`` for ``/cgi-bin/summary.cgi``), each building
        the reply as the miner is now."""
        return {
            "get_system_info": self._system_info,
            "summary": self._summary,
            "stats": self._stats,
            "pools": self._pools,
            "get_blink_status": lambda: {"blink": self._miner.state.blinking},
            "get_miner_conf": self._conf,
        }

    def _routes(self) -> list[web.RouteDef]:
        reads = self.reads()
        routes = [web.get(f"{CGI}{name}.cgi", self._read(build)) for name, build in reads.items()]
        return [
            *routes,
            web.get("/", self._index),
            web.post(CGI + "blink.cgi", self._blink),
            web.post(CGI + "set_miner_conf.cgi", self._set_conf),
            web.get(CGI + "reboot.cgi", self._reboot),
            web.post(CGI + "reboot.cgi", self._reboot),
        ]

    def _read(self, build: Any) -> Any:
        async def handler(request: web.Request) -> web.Response:
            self._miner.state.received.append((request.method, request.path))
            return web.json_response(build())

        return handler

    async def _index(self, request: web.Request) -> web.Response:
        return web.Response(text="<html><body>DG1+</body></html>", content_type="text/html")

    def _status(self, msg: str) -> dict[str, Any]:
        now = int(time.time())
        return {
            "STATUS": "S",
            "when": self._miner.state.uptime,
            "timestamp": now,
            "api_version": captures.API_VERSION,
            "Msg": msg,
        }

    def _info(self) -> dict[str, Any]:
        return captures.INFO | {"type": self._miner.spec.name}

    def _system_info(self) -> dict[str, Any]:
        sim = self._miner
        return captures.SYSTEM_INFO | {
            "ipaddress": sim.address,
            "minertype": sim.spec.name,
            "macaddr": sim.mac,
            "hostname": sim.spec.name,
        }

    def _board_rate(self) -> float:
        return 0.0 if self._miner.state.sleeping else self._miner.spec.board_ideal_mhs * 0.998

    def _summary(self) -> dict[str, Any]:
        spec, state = self._miner.spec, self._miner.state
        total = round(self._board_rate() * spec.boards, 2)
        entry = {
            "rate_unit": captures.RATE_UNIT,
            "elapsed": state.uptime,
            "rate_30m": 0,
            "rate_5s": total,
            "bestshare": 0,
            "rate_ideal": round(spec.board_ideal_mhs * spec.boards),
            "status": captures.SUMMARY_STATUS,
            "hw_all": total,
            "rate_avg": total,
            "rate_15m": round(total),
        }
        return {"STATUS": self._status("summary"), "SUMMARY": [entry], "INFO": self._info()}

    def _stats(self) -> dict[str, Any]:
        spec, state = self._miner.spec, self._miner.state
        rate = self._board_rate()
        chains = [
            captures.CHAIN
            | {
                "index": n,
                "sn": captures.CHAIN_SERIALS[n % len(captures.CHAIN_SERIALS)],
                "rate_15m": round(rate),
                "rate_real": rate,
                "asic_num": spec.chips_per_board,
                "rate_ideal": spec.board_ideal_mhs,
                "hashrate": rate,
            }
            for n in range(spec.boards)
        ]
        total = round(rate * spec.boards, 2)
        entry = {
            "rate_unit": captures.RATE_UNIT,
            "elapsed": state.uptime,
            "rate_30m": 0,
            "rate_5s": total,
            "hwp_total": 0.1155,
            "rate_ideal": round(spec.board_ideal_mhs * spec.boards),
            "chain": chains,
            "rate_15m": round(total),
            "chain_num": spec.boards,
            "fan": list(captures.FANS[: spec.fans]),
            "rate_avg": total,
            "fan_num": spec.fans,
        }
        return {"STATUS": self._status("stats"), "INFO": self._info(), "STATS": [entry]}

    def _pools(self) -> dict[str, Any]:
        state = self._miner.state
        entries = [
            captures.POOL
            | {
                "index": n,
                "user": pool["user"],
                "url": pool["url"],
                "priority": n,
                "status": "Alive",
            }
            for n, pool in enumerate(state.pools)
            if pool["url"]
        ]
        return {
            "STATUS": self._status("pools"),
            **captures.POOLS_TOTALS,
            "POOLS": entries,
            "INFO": self._info(),
        }

    def _conf(self) -> dict[str, Any]:
        state = self._miner.state
        return {"pools": [dict(p) for p in state.pools]} | state.conf

    async def _blink(self, request: web.Request) -> web.Response:
        state = self._miner.state
        state.received.append((request.method, request.path))
        body = _json(await request.text())
        state.blinking = str(body.get("blink")).lower() == "true"
        code = captures.BLINK_ON_CODE if state.blinking else captures.BLINK_OFF_CODE
        return web.json_response({"code": code})

    async def _set_conf(self, request: web.Request) -> web.Response:
        state = self._miner.state
        state.received.append((request.method, request.path))
        body = _json(await request.text())
        pools = body.pop("pools", None)
        if isinstance(pools, list):
            state.pools = [p for p in pools if isinstance(p, dict)]
        state.conf.update({k: v for k, v in body.items() if k in captures.CONF})
        return web.json_response(captures.SET_CONF_ANSWER)

    async def _reboot(self, request: web.Request) -> web.Response:
        self._miner.state.received.append((request.method, request.path))
        self._miner.schedule_reboot()
        return web.Response(text="")


def _json(text: str) -> dict[str, Any]:
    try:
        value = json.loads(text)
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}
