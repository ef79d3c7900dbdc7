"""HTTP 80 of a simulated Elphapex: the CGI pyasic's ElphapexWebAPI reads (web/elphapex.py),
behind digest auth (root; realm "Daoge": pyasic's factory knows the make by that prefix of
the realm, the rest of it is not public). Replies from captures.py; rates follow the work
mode (0 while ``fc-work-mode`` is 1, sleep); the writes are the shared CGI's (cgi_web.py).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from ..cgi_web import CgiWeb
from . import captures

if TYPE_CHECKING:
    from .miner import ElphapexSim

REALM = "Daoge"


class ElphapexWeb(CgiWeb):
    conf_keys = frozenset(captures.CONF)

    def __init__(self, miner: ElphapexSim, host: str, port: int) -> None:
        super().__init__(miner, host, port, REALM)
        self._sim = miner

    def reads(self) -> dict[str, Callable[[], dict[str, Any]]]:
        """The CGI reads by name (``summary`` for ``/cgi-bin/summary.cgi``), each building
        the reply as the miner is now."""
        return {
            "get_system_info": self._system_info,
            "summary": self._summary,
            "stats": self._stats,
            "pools": self._pools,
            "get_blink_status": lambda: {"blink": self._sim.state.blinking},
            "get_miner_conf": self._conf,
        }

    def _status(self, msg: str) -> dict[str, Any]:
        now = int(time.time())
        return {
            "STATUS": "S",
            "when": self._sim.state.uptime,
            "timestamp": now,
            "api_version": captures.API_VERSION,
            "Msg": msg,
        }

    def _info(self) -> dict[str, Any]:
        return captures.INFO | {"type": self._sim.spec.name}

    def _system_info(self) -> dict[str, Any]:
        sim = self._sim
        return captures.SYSTEM_INFO | {
            "ipaddress": sim.address,
            "minertype": sim.spec.name,
            "macaddr": sim.mac,
            "hostname": sim.spec.name,
        }

    def _board_rate(self) -> float:
        return 0.0 if self._sim.state.sleeping else self._sim.spec.board_ideal_mhs * 0.998

    def _summary(self) -> dict[str, Any]:
        spec, state = self._sim.spec, self._sim.state
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
        spec, state = self._sim.spec, self._sim.state
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
        state = self._sim.state
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
        state = self._sim.state
        return {"pools": [dict(p) for p in state.pools]} | state.conf
