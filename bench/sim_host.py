"""One simulator process for the benchmarks, with connection and request counters.

Run by bench/run.py with .venv/bin/python (it needs the simulator's aiohttp):

    python -m bench.sim_host --spec FILE

FILE is JSON: {"miners": [[model, address, options], ...], "refused": [...], "silent": [...],
"printers": [...]} (options, such as a password, are optional: families.make_miner takes
them; refused addresses need nothing: no listener means connection refused).
Prints ``ready`` once everything listens, then answers lines on stdin:
``stats`` prints one JSON line of the counters since the last ``reset``; ``reset`` zeroes
them (and prints ``ok``); end of input stops the process.

Counting wraps the simulator from outside, nothing in tests/simulator changes:
- every accepted TCP connection, per port: ``loop.create_server`` is wrapped, so the
  protocol factory is called once per accepted connection;
- requests: port 4028 answers one request per connection (CGMiner RPC, Whatsminer API V2),
  so its connections are its requests; HTTP requests (80/443) are counted in
  ``aiohttp.web.Application._handle``; API V3 frames (4433) in ``wm_v3.answer``;
- SSH (22, BOSminer), whose server accepts with ``sock_accept``: connections in
  ``SshServer._serve``, each command run (one ``exec`` session) as a request in
  ``SshServer._process``.
"""

from __future__ import annotations

import argparse
import asyncio
import collections
import contextlib
import json
import os
import resource
import socket
import sys
from typing import Any

from aiohttp import web

from tests.simulator import Fleet
from tests.simulator.families import make_miner
from tests.simulator.rpc_server import RpcServer
from tests.simulator.ssh_server import SshServer
from tests.simulator.whatsminer import v3 as wm_v3
from tests.simulator.whatsminer.rpc import WhatsminerRpcServer

# (listening address, port) -> count
CONNECTIONS: collections.Counter[tuple[str, int]] = collections.Counter()
REQUESTS: collections.Counter[tuple[str, int]] = collections.Counter()
SILENT_PORTS = (80, 443, 4028, 4433)
# BENCH_TRACE=1: every request is also written to stderr ("host port request").
TRACE = bool(os.environ.get("BENCH_TRACE"))


def _trace(host: str, port: int, what: object) -> None:
    if TRACE:
        print(host, port, what, file=sys.stderr, flush=True)


PRINTER_PAGE = """<!DOCTYPE html><html><head><title>HP LaserJet Pro M404dn</title></head>
<body><h1>HP LaserJet Pro M404dn</h1><p>Status: Ready</p>
<a href="/hp/device/InternalPages/Index?id=ConfigurationPage">Configuration</a></body></html>
"""


def _raise_fd_limit() -> None:
    _soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    with contextlib.suppress(ValueError, OSError):
        resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))


def _install_counters(loop: asyncio.AbstractEventLoop) -> None:
    original = loop.create_server

    async def create_server(protocol_factory: Any, host: Any = None, port: Any = None, **kw: Any):  # type: ignore[no-untyped-def]
        def counted() -> Any:
            CONNECTIONS[str(host), int(port or 0)] += 1
            return protocol_factory()

        return await original(counted, host, port, **kw)

    loop.create_server = create_server  # type: ignore[method-assign]

    handle = web.Application._handle

    async def counted_handle(self: web.Application, request: web.Request) -> Any:
        sockname = request.transport.get_extra_info("sockname") if request.transport else None
        if sockname:
            REQUESTS[str(sockname[0]), int(sockname[1])] += 1
            _trace(str(sockname[0]), int(sockname[1]), f"{request.method} {request.path_qs}")
        return await handle(self, request)

    web.Application._handle = counted_handle  # type: ignore[method-assign]

    answer = wm_v3.answer

    def counted_answer(miner: Any, *args: Any, **kwargs: Any) -> Any:
        REQUESTS[miner.address, 4433] += 1
        _trace(miner.address, 4433, args[0] if args else None)
        return answer(miner, *args, **kwargs)

    wm_v3.answer = counted_answer

    serve, process = SshServer._serve, SshServer._process

    async def counted_serve(self: SshServer, sock: socket.socket) -> None:
        CONNECTIONS[self.host, self.port] += 1
        await serve(self, sock)

    async def counted_process(self: SshServer, session: Any) -> None:
        REQUESTS[self.host, self.port] += 1
        _trace(self.host, self.port, session.command)
        await process(self, session)

    SshServer._serve = counted_serve  # type: ignore[method-assign]
    SshServer._process = counted_process  # type: ignore[method-assign]

    if TRACE:
        for cls in (RpcServer, WhatsminerRpcServer):
            reply = cls._reply

            def traced(self: Any, data: bytes, writer: Any, _reply: Any = reply) -> Any:
                _trace(self.host, self.port, data.strip(b"\x00 \t\r\n")[:200])
                return _reply(self, data, writer)

            cls._reply = traced  # type: ignore[method-assign]


def _stats() -> dict[str, Any]:
    """``{"host:port": [connections, requests]}`` since the last reset."""
    requests = REQUESTS.copy()
    for (host, port), count in CONNECTIONS.items():
        if port == 4028:  # one request per connection on the RPC port
            requests[host, port] = count
    keys = set(CONNECTIONS) | set(requests)
    return {f"{h}:{p}": [CONNECTIONS[h, p], requests[h, p]] for h, p in sorted(keys)}


def _black_hole(host: str) -> list[socket.socket]:
    """Connects to ``host`` on the miner ports time out: full accept queue, SYNs dropped."""
    sockets: list[socket.socket] = []
    for port in SILENT_PORTS:
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind((host, port))
        listener.listen(0)
        sockets.append(listener)
        for _ in range(3):
            filler = socket.socket()
            filler.setblocking(False)
            filler.connect_ex((host, port))
            sockets.append(filler)
    return sockets


async def _printer(host: str) -> web.AppRunner:
    async def page(_request: web.Request) -> web.Response:
        return web.Response(text=PRINTER_PAGE, content_type="text/html")

    app = web.Application()
    app.router.add_route("*", "/{tail:.*}", page)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    await web.TCPSite(runner, host, 80, reuse_address=True).start()
    return runner


async def _serve(spec: dict[str, Any]) -> None:
    loop = asyncio.get_running_loop()
    _install_counters(loop)
    miners = [make_miner(*miner[:2], **dict(*miner[2:])) for miner in spec.get("miners", [])]
    fleet = Fleet(miners)
    holes = [s for host in spec.get("silent", []) for s in _black_hole(host)]
    printers = [await _printer(host) for host in spec.get("printers", [])]
    reader = asyncio.StreamReader()
    await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(reader), sys.stdin)
    try:
        async with fleet:
            CONNECTIONS.clear()
            REQUESTS.clear()
            print("ready", flush=True)
            while line := (await reader.readline()).strip():
                if line == b"stats":
                    print(json.dumps(_stats()), flush=True)
                elif line == b"reset":
                    CONNECTIONS.clear()
                    REQUESTS.clear()
                    print("ok", flush=True)
    finally:
        for runner in printers:
            await runner.cleanup()
        for sock in holes:
            sock.close()


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.sim_host")
    parser.add_argument("--spec", required=True)
    args = parser.parse_args()
    _raise_fd_limit()
    with open(args.spec, encoding="utf-8") as file:
        spec = json.load(file)
    asyncio.run(_serve(spec))


if __name__ == "__main__":
    main()
