"""One simulated Auradine miner: its state, HTTP 8080 (the token API), RPC 4028 and a
page on 80 titled "Miner UI", as pyasic recognises FluxOS's web."""

from __future__ import annotations

from aiohttp import web

from ..faults import FaultPlan
from ..http_listener import HttpListener, catch_all
from ..lifecycle import ListeningSim, check_loopback, derived_mac
from ..rpc_server import RpcServer
from . import rpc
from .models import MODELS, AuradineSpec
from .state import AuradineState
from .web import AuradineWeb

# NOT CAPTURED: no page of FluxOS is public; pyasic miners/factory.py knows it by the
# words "Miner UI" in it, and the page here is only those words in a title.
INDEX_PAGE = "<!doctype html><html><head><title>Miner UI</title></head><body></body></html>"


class AuradineSim(ListeningSim):
    """A simulated Auradine on ``address`` (loopback only); models in models.py.

    ``password``: admin's web password (admin as shipped).
    """

    def __init__(
        self,
        model: str,
        address: str,
        *,
        password: str = "admin",
        reboot_seconds: float = 3.0,
        api_port: int = 8080,
        http_port: int = 80,
        rpc_port: int = 4028,
        mac: str | None = None,
    ) -> None:
        if model not in MODELS:
            raise ValueError(f"unknown model {model!r}; known: {', '.join(MODELS)}")
        check_loopback(address)
        self.spec: AuradineSpec = MODELS[model]
        self.model, self.address = model, address
        self._mac = mac
        self.reboot_seconds = reboot_seconds
        worker = f"sim.{address.replace('.', 'x')}"
        self.state = AuradineState.initial(self.spec, password, worker)
        self.faults = FaultPlan()
        self._web = AuradineWeb(self, address, api_port)
        self._page = HttpListener(address, http_port, self.faults, lambda: catch_all(_index))
        self._rpc = RpcServer(address, rpc_port, lambda r: rpc.answer(self.state, r), self.faults)
        self._listeners = (self._web, self._page, self._rpc)

    @property
    def mac(self) -> str:
        """Lower case, as ipreport.json has it."""
        return (self._mac or derived_mac(self.model, self.address)).lower()

    @property
    def model_name(self) -> str:
        return self.spec.name

    def _rebooted(self) -> None:
        self.state.rebooted()

    def __repr__(self) -> str:
        return f"AuradineSim({self.model!r}, {self.address!r})"


async def _index(request: web.Request) -> web.Response:
    return web.Response(text=INDEX_PAGE, content_type="text/html")
