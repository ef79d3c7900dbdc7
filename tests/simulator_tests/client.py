"""Minimal raw clients for checking the simulator byte by byte."""

from __future__ import annotations

import asyncio
import json
from dataclasses import dataclass
from typing import Any

import aiohttp


async def rpc_raw(host: str, request: bytes | str | dict[str, Any], limit: float = 5) -> bytes:
    """Send one request to port 4028 and read until the miner closes the connection.

    A bare command name (``"summary"``) is sent as JSON; bytes go as they are (a request in
    cgminer's plain-text form gets a plain-text reply)."""
    if isinstance(request, str) and not request.lstrip().startswith("{"):
        request = {"command": request}
    if isinstance(request, dict):
        request = json.dumps(request)
    if isinstance(request, str):
        request = request.encode()
    reader, writer = await asyncio.open_connection(host, 4028)
    try:
        writer.write(request)
        await writer.drain()
        return await asyncio.wait_for(reader.read(), limit)
    finally:
        writer.close()


def strict_json(data: bytes) -> dict[str, Any]:
    """Parse with no repair at all (fails on any quirk)."""
    value: dict[str, Any] = json.loads(data)
    return value


def repaired_json(data: bytes) -> dict[str, Any]:
    """Undo the known Antminer quirks, then parse."""
    text = data.decode().removesuffix("\x00").replace("}{", "},{").replace("[,{", "[{")
    value: dict[str, Any] = json.loads(text)
    return value


async def rpc(host: str, request: str | dict[str, Any]) -> dict[str, Any]:
    return repaired_json(await rpc_raw(host, request))


@dataclass
class WebReply:
    status: int
    body: bytes
    headers: dict[str, str]

    def json(self) -> Any:
        return json.loads(self.body)


async def web(
    host: str,
    path: str,
    *,
    password: str | None = "root",
    method: str = "GET",
    json_body: Any = None,
    form: dict[str, str] | None = None,
    limit: float = 5,
) -> WebReply:
    """One request to port 80, with digest auth unless `password` is None."""
    middlewares = () if password is None else (aiohttp.DigestAuthMiddleware("root", password),)
    async with (
        aiohttp.ClientSession(
            middlewares=middlewares, timeout=aiohttp.ClientTimeout(total=limit)
        ) as session,
        session.request(method, f"http://{host}{path}", json=json_body, data=form) as resp,
    ):
        return WebReply(resp.status, await resp.read(), dict(resp.headers))
