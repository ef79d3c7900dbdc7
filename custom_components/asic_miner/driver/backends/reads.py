"""Running a poll's reads together: required ones fail the poll, optional ones become None.

An authentication failure is never optional: the integration starts re-auth from it.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable
from typing import Any

from ..errors import AsicMinerError, MinerAuthenticationError

_LOGGER = logging.getLogger(__name__)


async def optional[T](read: Awaitable[T], host: str, what: str) -> T | None:
    """The read's result, or None (logged at debug) if it fails for any reason but auth."""
    try:
        return await read
    except MinerAuthenticationError:
        raise
    except AsicMinerError as err:
        _LOGGER.debug("%s: %s skipped: %s", host, what, err)
        return None


async def optional_objects(host: str, **reads: Awaitable[Any]) -> dict[str, dict[str, Any] | None]:
    """Run optional reads together; each result is a JSON object or None."""
    names = list(reads)
    outcomes = await run_together(*(optional(read, host, name) for name, read in reads.items()))
    return {
        name: outcome if isinstance(outcome, dict) else None
        for name, outcome in zip(names, outcomes, strict=True)
    }


async def run_together(*reads: Awaitable[Any]) -> list[Any]:
    """Await reads concurrently; on the first failure the others are cancelled, not orphaned."""
    tasks = [asyncio.ensure_future(read) for read in reads]
    try:
        return list(await asyncio.gather(*tasks))
    finally:
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
