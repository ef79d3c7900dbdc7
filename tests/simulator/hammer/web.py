"""HTTP 80 of a simulated "blackMiner": the CGI pyasic's HammerWebAPI reads (web/hammer.py),
behind digest auth (root; realm "blackMiner": pyasic's factory knows the firmware by that
prefix of the realm, the rest of it is not public). Replies from captures.py; the writes
are the shared CGI's (cgi_web.py).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from ..cgi_web import BLINK_OFF_CODE, BLINK_ON_CODE, CgiWeb
from . import captures

if TYPE_CHECKING:
    from .miner import HammerSim

REALM = "blackMiner"


class BlackMinerWeb(CgiWeb):
    conf_keys = frozenset(captures.CONF)

    def __init__(self, miner: HammerSim, host: str, port: int) -> None:
        super().__init__(miner, host, port, REALM)
        self._sim = miner

    def reads(self) -> dict[str, Callable[[], dict[str, Any]]]:
        """The CGI reads by name, each building the reply as the miner is now."""
        state = self._sim.state
        return {
            "get_system_info": self._system_info,
            # As captured: the code alone ({"code": "B000"}), no "blink" key.
            "get_blink_status": lambda: {
                "code": BLINK_ON_CODE if state.blinking else BLINK_OFF_CODE
            },
            "get_miner_conf": lambda: {"pools": [dict(p) for p in state.pools]} | state.conf,
        }

    def _system_info(self) -> dict[str, Any]:
        sim = self._sim
        return captures.SYSTEM_INFO | {
            "minertype": sim.spec.minertype,
            "macaddr": sim.mac,
            "ipaddress": sim.address,
            "uptime": str(sim.state.uptime),
        }
