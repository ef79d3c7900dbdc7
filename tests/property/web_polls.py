"""One poll of a driver backend against a loopback aiohttp server the test scripts (for
properties of whole polls over real sockets)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

import aiohttp
from aiohttp import web

from custom_components.asic_miner.driver import Miner

from .checks import async_result_or_driver_error


async def poll_over_http(
    host: str, routes: Iterable[web.AbstractRouteDef], backend: Callable[..., Miner]
) -> Any:
    """``routes`` served on ``host``:80 while ``backend(host)`` polls once (timeout 0.5 s);
    the MinerData, or the driver error the poll raised."""
    app = web.Application()
    app.add_routes(routes)
    runner = web.AppRunner(app)
    await runner.setup()
    await web.TCPSite(runner, host, 80).start()
    try:
        async with aiohttp.ClientSession() as session:
            miner = backend(host, session=session, timeout=0.5)
            try:
                return await async_result_or_driver_error(miner.get_data())
            finally:
                await miner.close()
    finally:
        await runner.cleanup()
