"""Identifying a Canaan Avalon: its markers, its resolver, the model and the backend it gets.

Real sockets against the simulated Avalons on 127.0.54.x. ``identify_avalon`` runs the
probes and the Avalon resolver as ``driver.identify`` does; the other Avalon driver tests
get their miners from it. Once ``FAMILY`` is among the dispatcher's families,
``find_miner`` is checked to pick the same.
"""

from __future__ import annotations

import asyncio
import dataclasses

import aiohttp
import pytest

from custom_components.asic_miner.driver import identify
from custom_components.asic_miner.driver.backends.avalon.backend import (
    AvalonASeries,
    AvalonMiner,
    AvalonSoftPower,
)
from custom_components.asic_miner.driver.backends.avalon.family import FAMILY, resolve
from custom_components.asic_miner.driver.credentials import Credentials, Firmware
from custom_components.asic_miner.driver.family import Identity
from custom_components.asic_miner.driver.probes import Probes
from custom_components.asic_miner.driver.transport.http import WebClient
from custom_components.asic_miner.driver.transport.rpc import RpcClient
from tests.simulator.avalon import AvalonSim
from tests.simulator.avalon.testing import StartAvalon, addresses, avalon_fixture

TIMEOUT = 3.0
start_avalon = avalon_fixture(addresses(54))

EXPECTED = {
    "avalon-nano3s": (AvalonMiner, "Nano 3S"),
    "avalon-mini3": (AvalonSoftPower, "Mini 3"),
    "avalon-q": (AvalonSoftPower, "Q"),
    "avalon-a1566": (AvalonASeries, "A1566"),
}


async def identify_avalon(address: str) -> tuple[Identity, Firmware | None]:
    """The probes and the Avalon resolver, as driver.identify runs them."""
    rpc = RpcClient(address, timeout=TIMEOUT, text_fallback=True)
    async with aiohttp.ClientSession() as session:
        web = WebClient(address, lambda: session, timeout=TIMEOUT)
        probes = Probes(
            rpc, web, None, rpc_markers=FAMILY.rpc_markers, web_markers=FAMILY.web_markers
        )
        try:
            family = await probes.first_family()
            identity = await resolve(probes)
        finally:
            probes.cancel()
            await asyncio.gather(*probes.tasks, return_exceptions=True)
    return Identity(identity.backend, identity.model, rpc.plain_text), family


async def avalon_miner(sim: AvalonSim, credentials: Credentials | None = None) -> AvalonMiner:
    """The backend the resolver picks for ``sim``, made as find_miner makes it."""
    identity, _ = await identify_avalon(sim.address)
    miner = identity.backend(
        sim.address, model=identity.model, credentials=credentials, timeout=TIMEOUT
    )
    assert isinstance(miner, AvalonMiner)
    if identity.plain_text_rpc:
        miner.rpc.plain_text = True
    return miner


@pytest.mark.parametrize("model", list(EXPECTED))
async def test_each_model_gets_its_backend_and_name(start_avalon: StartAvalon, model: str) -> None:
    sim = await start_avalon(model)
    identity, family = await identify_avalon(sim.address)
    backend, name = EXPECTED[model]
    assert family is Firmware.AVALON
    assert (identity.backend, identity.model) == (backend, name)
    assert identity.plain_text_rpc is False


async def test_a_daemon_that_takes_only_plain_text_is_identified_in_text(
    start_avalon: StartAvalon,
) -> None:
    sim = await start_avalon("avalon-q", quirks=("plain-text-only", "trailing-nul"))
    identity, family = await identify_avalon(sim.address)
    assert family is Firmware.AVALON
    assert (identity.model, identity.plain_text_rpc) == ("Q", True)


async def test_a_version_without_a_model_is_read_from_estats(
    start_avalon: StartAvalon,
) -> None:
    sim = await start_avalon("avalon-mini3")
    version = {k: v for k, v in sim.spec.version.items() if k != "MODEL"} | {"PROD": "Avalon"}
    sim.spec = dataclasses.replace(sim.spec, version=version)
    identity, _ = await identify_avalon(sim.address)
    assert (identity.backend, identity.model) == (AvalonSoftPower, "Mini 3")


async def test_find_miner_picks_the_avalon_backend_once_the_family_is_wired(
    start_avalon: StartAvalon,
) -> None:
    if identify.FAMILIES[Firmware.AVALON].resolve is not resolve:
        pytest.skip("backends.FAMILY_PACKAGES does not list avalon yet")
    sim = await start_avalon("avalon-a1566")
    async with await identify.find_miner(sim.address, timeout=TIMEOUT) as miner:
        assert isinstance(miner, AvalonASeries)
        assert miner.model == "A1566"
