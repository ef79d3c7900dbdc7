"""Ports 80 and 443 of a simulated Whatsminer: what identification probes see.

Real firmware answers `http://HOST/` with a 307 to `https://HOST/`, where a LuCI
(OpenWrt) page links to `/cgi-bin/luci` (protocols.md §6; pyasic's factory keys on
exactly that: a 307 in the history to an https URL and "/cgi-bin/luci" in the page).
"""

from __future__ import annotations

import asyncio
import datetime
import ssl
import tempfile
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import TYPE_CHECKING

from aiohttp import web

from ..faults import GARBAGE_BYTES, Fault

if TYPE_CHECKING:
    from .miner import WhatsminerMiner

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]
SHUTDOWN_TIMEOUT = 0.3

_TLS: tuple[str, str] | None = None


def _tls_files() -> tuple[str, str]:
    """A self-signed certificate (as the miners ship), made once per process."""
    global _TLS  # noqa: PLW0603
    if _TLS is None:
        from cryptography import x509
        from cryptography.hazmat.primitives import hashes, serialization
        from cryptography.hazmat.primitives.asymmetric import ec
        from cryptography.x509.oid import NameOID

        key = ec.generate_private_key(ec.SECP256R1())
        name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "OpenWrt")])
        now = datetime.datetime.now(datetime.UTC)
        cert = (
            x509.CertificateBuilder()
            .subject_name(name)
            .issuer_name(name)
            .public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - datetime.timedelta(days=1))
            .not_valid_after(now + datetime.timedelta(days=3650))
            .sign(key, hashes.SHA256())
        )
        folder = Path(tempfile.mkdtemp(prefix="wm-sim-tls-"))
        cert_file, key_file = folder / "cert.pem", folder / "key.pem"
        cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
        key_file.write_bytes(
            key.private_bytes(
                serialization.Encoding.PEM,
                serialization.PrivateFormat.PKCS8,
                serialization.NoEncryption(),
            )
        )
        _TLS = (str(cert_file), str(key_file))
    return _TLS


def _luci_home(miner: WhatsminerMiner) -> web.Response:
    html = (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.1//EN" '
        '"http://www.w3.org/TR/xhtml11/DTD/xhtml11.dtd">\n'
        '<html xmlns="http://www.w3.org/1999/xhtml">\n<head>\n'
        '<meta http-equiv="Cache-Control" content="no-cache" />\n'
        '<meta http-equiv="refresh" content="0; URL=/cgi-bin/luci" />\n'
        '</head>\n<body style="background-color: white">\n'
        '<a style="color: black; font-family: arial, helvetica, sans-serif;" '
        'href="/cgi-bin/luci">LuCI - Lua Configuration Interface</a>\n'
        "</body>\n</html>\n"
    )
    return web.Response(text=html, content_type="text/html")


def _luci_login(miner: WhatsminerMiner) -> web.Response:
    html = (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<title>{miner.state.hostname} - LuCI</title>\n</head>\n<body class="lang_en">\n'
        '<form method="post" action="/cgi-bin/luci">\n'
        "<h2>Authorization Required</h2>\n"
        '<input name="luci_username" value="admin" type="text"/>\n'
        '<input name="luci_password" type="password"/>\n'
        "</form>\n<footer>Powered by LuCI openwrt-18.06 branch</footer>\n"
        "</body>\n</html>\n"
    )
    return web.Response(status=403, text=html, content_type="text/html")


class WhatsminerWeb:
    """HTTP (redirect only) and HTTPS (LuCI) listeners; rebuilt on each start."""

    def __init__(self, miner: WhatsminerMiner, host: str, http_port: int, https_port: int):
        self._miner = miner
        self.host, self.http_port, self.https_port = host, http_port, https_port
        self._runners: list[web.AppRunner] = []
        self._closing = asyncio.Event()

    async def start(self) -> None:
        self._closing = asyncio.Event()
        http = web.Application(middlewares=[self._middleware])
        http.router.add_route("*", "/{tail:.*}", self._redirect)
        https = web.Application(middlewares=[self._middleware])
        https.router.add_get("/", self._home)
        https.router.add_route("*", "/cgi-bin/luci{tail:.*}", self._login)
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(*_tls_files())
        try:
            for app, port, tls in ((http, self.http_port, None), (https, self.https_port, context)):
                runner = web.AppRunner(app, access_log=None, shutdown_timeout=SHUTDOWN_TIMEOUT)
                await runner.setup()
                self._runners.append(runner)
                site = web.TCPSite(runner, self.host, port, ssl_context=tls, reuse_address=True)
                await site.start()
        except BaseException:
            await self.stop()
            raise

    async def stop(self) -> None:
        self._closing.set()
        runners, self._runners = self._runners, []
        for runner in runners:
            await runner.cleanup()

    async def _redirect(self, request: web.Request) -> web.StreamResponse:
        target = f"https://{self.host}{'' if self.https_port == 443 else f':{self.https_port}'}"
        raise web.HTTPTemporaryRedirect(target + request.path_qs)

    async def _home(self, request: web.Request) -> web.StreamResponse:
        return _luci_home(self._miner)

    async def _login(self, request: web.Request) -> web.StreamResponse:
        return _luci_login(self._miner)

    @web.middleware
    async def _middleware(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        faults = self._miner.faults
        if faults.active(Fault.SILENCE, "http"):
            await self._closing.wait()
            if request.transport is not None:
                request.transport.abort()
            raise web.HTTPServiceUnavailable
        if delay := faults.delay("http"):
            try:
                await asyncio.wait_for(self._closing.wait(), delay)
            except TimeoutError:
                pass
            else:  # stopped while delaying: the miner is gone
                if request.transport is not None:
                    request.transport.abort()
                raise web.HTTPServiceUnavailable
        if faults.active(Fault.GARBAGE, "http"):
            return web.Response(body=GARBAGE_BYTES, content_type="text/html")
        return await handler(request)
