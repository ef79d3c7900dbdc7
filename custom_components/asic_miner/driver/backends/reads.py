"""Running a poll's reads together: required ones fail the poll, optional ones become None.

An authentication failure is never optional: the integration starts re-auth from it.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable
from dataclasses import dataclass, field
from typing import Any

from ..errors import AsicMinerError, MinerAuthenticationError, MinerProtocolError

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


@dataclass(slots=True)
class Objects:
    """Reads run together: each a JSON object, or None with the reason it failed kept."""

    found: dict[str, dict[str, Any] | None] = field(default_factory=dict)
    errors: dict[str, AsicMinerError] = field(default_factory=dict)

    def get(self, name: str) -> dict[str, Any] | None:
        return self.found.get(name)

    def need(self, name: str) -> dict[str, Any]:
        """The object, or the error its read failed with: for a read the poll cannot lack."""
        found = self.found.get(name)
        if found is not None:
            return found
        raise self.errors.get(name) or MinerProtocolError(f"{name} was not read")

    def __or__(self, other: Objects) -> Objects:
        return Objects(self.found | other.found, self.errors | other.errors)


async def optional_objects(host: str, **reads: Awaitable[Any]) -> Objects:
    """Run reads together; a failure (but a refused login) leaves that one None."""
    names = list(reads)
    outcomes = await run_together(*(_attempt(read) for read in reads.values()))
    objects = Objects()
    for name, outcome in zip(names, outcomes, strict=True):
        if isinstance(outcome, dict):
            objects.found[name] = outcome
            continue
        error = outcome if isinstance(outcome, AsicMinerError) else None
        objects.errors[name] = error or MinerProtocolError(f"{host}: {name} is not an object")
        objects.found[name] = None
        _LOGGER.debug("%s: %s skipped: %s", host, name, objects.errors[name])
    return objects


async def _attempt(read: Awaitable[Any]) -> Any:
    try:
        return await read
    except MinerAuthenticationError:
        raise
    except AsicMinerError as err:
        return err


async def run_together(*reads: Awaitable[Any]) -> list[Any]:
    """Await reads concurrently; on the first failure the others are cancelled, not orphaned."""
    tasks = [asyncio.ensure_future(read) for read in reads]
    try:
        return list(await asyncio.gather(*tasks))
    finally:
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
