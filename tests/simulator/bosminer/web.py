"""The web side of a simulated BOSminer: OpenWrt's uhttpd with LuCI.

- ``GET /``: OpenWrt's redirect page (luci-base root/www/index.html).
- ``/cgi-bin/luci``: the login form (403 without a session, as LuCI's dispatcher answers);
  ``POST`` luci_username / luci_password of root's account sets the ``sysauth`` cookie and
  redirects to ``/cgi-bin/luci/;stok=<token>/`` (luci-base dispatcher.lua authenticator).
- ``/cgi-bin/luci/admin/network/iface_status/lan`` (login needed): the interface's status as
  luci-mod-admin-full controller/admin/network.lua iface_status builds it, in a list.
- ``/cgi-bin/luci/bos/info`` (no login): {version, major, mode} read from /etc/bos_version,
  /etc/bos_major, /etc/bos_mode (Braiins' luci controller bos_version.lua; a missing file
  reads as "").
"""

from __future__ import annotations

import asyncio
import secrets
from typing import TYPE_CHECKING, Any

from aiohttp import web

from ..faults import GARBAGE_BYTES, Fault
from . import captures

if TYPE_CHECKING:
    from .miner import BosminerSim

SHUTDOWN_TIMEOUT = 0.3
COOKIE = "sysauth"


class LuciWeb:
    """The web listener of one simulated BOSminer; rebuilt on each start."""

    def __init__(self, sim: BosminerSim, port: int) -> None:
        self._sim = sim
        self.port = port
        self._runner: web.AppRunner | None = None
        self.sessions: set[str] = set()
        self.logins: list[str] = []  # usernames of accepted LuCI logins

    async def start(self) -> None:
        app = web.Application(middlewares=[self._faults])
        app.router.add_get("/", self._index)
        for path in ("/cgi-bin/luci", "/cgi-bin/luci/"):
            app.router.add_get(path, self._login_form)
            app.router.add_post(path, self._login)
        app.router.add_get("/cgi-bin/luci/bos/info", self._bos_info)
        app.router.add_get("/cgi-bin/luci/admin/network/iface_status/{iface}", self._iface)
        runner = web.AppRunner(app, access_log=None, shutdown_timeout=SHUTDOWN_TIMEOUT)
        await runner.setup()
        site = web.TCPSite(runner, self._sim.address, self.port, reuse_address=True)
        try:
            await site.start()
        except BaseException:
            await runner.cleanup()
            raise
        self._runner = runner

    async def stop(self) -> None:
        self.sessions.clear()  # LuCI sessions live in /tmp: gone with a reboot
        if self._runner is not None:
            runner, self._runner = self._runner, None
            await runner.cleanup()

    @web.middleware
    async def _faults(self, request: web.Request, handler: Any) -> web.StreamResponse:
        faults = self._sim.faults
        if faults.active(Fault.SILENCE, "http"):
            await asyncio.Event().wait()
        if delay := faults.delay("http"):
            await asyncio.sleep(delay)
        if faults.active(Fault.GARBAGE, "http"):
            return web.Response(body=GARBAGE_BYTES)
        response: web.StreamResponse = await handler(request)
        return response

    async def _index(self, request: web.Request) -> web.Response:
        return web.Response(text=captures.INDEX_PAGE, content_type="text/html")

    def _form(self) -> web.Response:
        return web.Response(status=403, text=captures.LUCI_LOGIN_PAGE, content_type="text/html")

    async def _login_form(self, request: web.Request) -> web.Response:
        return self._form()

    async def _login(self, request: web.Request) -> web.Response:
        form = await request.post()
        user, password = form.get("luci_username"), form.get("luci_password")
        ssh = self._sim.ssh
        if not isinstance(user, str) or not isinstance(password, str):
            return self._form()
        if not ssh.check_login(user, password):
            return self._form()
        session = secrets.token_hex(16)
        self.sessions.add(session)
        self.logins.append(user)
        response = web.Response(status=302)
        response.headers["Location"] = f"/cgi-bin/luci/;stok={secrets.token_hex(16)}/"
        response.set_cookie(COOKIE, session, path="/cgi-bin/luci")
        return response

    async def _bos_info(self, request: web.Request) -> web.Response:
        files = self._sim.files
        info = {
            name: files.get(f"/etc/bos_{name}", "").split("\n", 1)[0]
            for name in ("version", "major", "mode")
        }
        return web.json_response(info)

    async def _iface(self, request: web.Request) -> web.Response:
        if request.cookies.get(COOKIE) not in self.sessions:
            return self._form()
        if request.match_info["iface"] != "lan":
            return web.json_response(None)
        sim = self._sim
        mac = sim.mac
        device = {
            "name": "br-lan",
            "type": "bridge",
            "ifname": "br-lan",
            "macaddr": mac,
            "is_up": True,
            "rx_bytes": 0,
            "tx_bytes": 0,
            "rx_packets": 0,
            "tx_packets": 0,
        }
        status = {
            "id": "lan",
            "proto": "dhcp",
            "uptime": sim.uptime,
            "gwaddr": None,
            "ipaddrs": [{"addr": sim.address, "netmask": "255.0.0.0", "prefix": 8}],
            "ip6addrs": [],
            "dnsaddrs": [],
            "ip6prefix": None,
            **device,
            "subdevices": [{**device, "name": "eth0", "type": "ethernet", "ifname": "eth0"}],
        }
        return web.json_response([status])
