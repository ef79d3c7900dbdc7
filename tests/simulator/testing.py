"""For tests: the pytest fixture each family's testing.py builds, starting simulated miners
on the addresses given to it."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from typing import Any

import pytest

from .lifecycle import SimLifecycle


def sim_fixture[S: SimLifecycle](make: Callable[..., S], pool: Iterator[str], model: str) -> Any:
    """A fixture giving ``start(model=<model>, **options)``: a started sim on the next
    address of ``pool``, rebooting in 0.3 s unless ``reboot_seconds`` says otherwise, and
    stopped after the test."""

    @pytest.fixture
    async def start_sims() -> AsyncIterator[Callable[..., Awaitable[S]]]:
        started: list[S] = []

        async def start(model: str = model, **options: Any) -> S:
            options.setdefault("reboot_seconds", 0.3)
            sim = make(model, next(pool), **options)
            await sim.start()
            started.append(sim)
            return sim

        yield start
        for sim in started:
            await sim.stop()

    return start_sims


WRITE_PASSWORD = "s3cret"  # the Whatsminers' changed password, their write API on


class DriverClients:
    """``await clients(model)``: a driver client of a started simulated ``model`` of any
    family, on the next address of ``pool``, allowed to write (Whatsminer: write API on,
    password changed; the account that may write: V2 admin, V3 super). ``clients.sims``
    by address; ``await clients.close()`` closes the clients and stops the sims."""

    def __init__(self, pool: Iterator[str]) -> None:
        self.pool = pool
        self.sims: dict[str, Any] = {}
        self.miners: list[Any] = []

    async def __call__(self, model: str) -> Any:
        from custom_components.asic_miner.driver import Credentials, get_miner

        from .families import make_miner

        whatsminer = model.startswith("whatsminer")
        options = {"password": WRITE_PASSWORD, "write_api": True} if whatsminer else {}
        sim = make_miner(model, next(self.pool), reboot_seconds=0.3, **options)
        await sim.start()
        self.sims[sim.address] = sim
        credentials = None
        if whatsminer:
            username = "super" if sim.api_version >= 3 else "admin"
            if sim.api_version >= 3:
                sim.state.v3_passwords["super"] = WRITE_PASSWORD
            credentials = Credentials(username=username, password=WRITE_PASSWORD)
        miner = await get_miner(sim.address, credentials=credentials, timeout=3.0)
        self.miners.append(miner)
        return miner

    async def close(self) -> None:
        for miner in self.miners:
            await miner.close()
        for sim in self.sims.values():
            await sim.stop()
