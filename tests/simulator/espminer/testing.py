"""For tests: a pytest fixture starting simulated ESP-Miners, and a raw HTTP client.

``start_esp(model, **options)`` returns a started EspMinerSim, stopped after the test;
restarts take 0.3 s unless ``reboot_seconds`` says otherwise. ``request`` sends one request
and returns status, body and headers as they came (redirects are not followed).
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Awaitable, Callable, Iterator
from typing import Any

import aiohttp

from ..testing import sim_fixture
from .miner import EspMinerSim

StartEsp = Callable[..., Awaitable[EspMinerSim]]


def addresses(third_octet: int, first: int = 10, last: int = 250) -> Iterator[str]:
    """127.0.<third_octet>.<first> … .<last>, round and round."""
    return itertools.cycle(f"127.0.{third_octet}.{n}" for n in range(first, last + 1))


def esp_fixture(pool: Iterator[str]) -> Any:
    """A ``start_esp`` fixture that takes its addresses from ``pool``."""
    return sim_fixture(EspMinerSim, pool, "espminer-bitaxe-gamma")


class Reply:
    """One raw HTTP answer."""

    def __init__(self, status: int, body: bytes, headers: dict[str, str]) -> None:
        self.status, self.body, self.headers = status, body, headers

    def json(self) -> Any:
        return json.loads(self.body)

    @property
    def text(self) -> str:
        return self.body.decode(errors="replace")


async def request(
    host: str,
    path: str,
    *,
    method: str = "GET",
    json_body: Any = None,
    data: bytes | None = None,
    headers: dict[str, str] | None = None,
    follow: bool = False,
    raw: bool = False,
    limit: float = 5.0,
) -> Reply:
    """One request to port 80 (redirects not followed unless ``follow``; the body as sent,
    still compressed, when ``raw``)."""
    timeout = aiohttp.ClientTimeout(total=limit)
    async with (
        aiohttp.ClientSession(timeout=timeout, auto_decompress=not raw) as session,
        session.request(
            method,
            f"http://{host}{path}",
            json=json_body,
            data=data,
            headers=headers,
            allow_redirects=follow,
        ) as response,
    ):
        return Reply(response.status, await response.read(), dict(response.headers))
