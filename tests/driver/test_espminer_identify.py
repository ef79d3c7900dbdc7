"""Identifying ESP-Miner builds over real sockets: the index page's marker, then one
``GET /api/system/info`` naming the build and the board. On 127.0.43.10-129.

``identify(sim)`` is the other ESP-Miner driver tests' way in: the family's own markers and
resolver on real probes (``find_miner`` once the family is wired into the dispatcher).
"""

from __future__ import annotations

import dataclasses
import ipaddress
from collections.abc import AsyncIterator

import aiohttp
import pytest

from custom_components.asic_miner.driver import Credentials, Firmware, Miner, find_miner
from custom_components.asic_miner.driver.backends import FAMILY_PACKAGES
from custom_components.asic_miner.driver.backends.espminer import AxeOS, AxeOSPausable, NerdOS
from custom_components.asic_miner.driver.backends.espminer.family import FAMILY
from custom_components.asic_miner.driver.probes import WEB_PORT, Probes
from custom_components.asic_miner.driver.transport.http import WebClient
from custom_components.asic_miner.driver.transport.rpc import RpcClient
from tests.simulator.espminer import EspMinerSim
from tests.simulator.espminer.models import EspSpec
from tests.simulator.espminer.testing import StartEsp, addresses, esp_fixture

TIMEOUT = 3.0
start_esp = esp_fixture(addresses(43, 10, 129))


async def identify(
    host: str, session: aiohttp.ClientSession | None = None, seconds: float = TIMEOUT
) -> Miner:
    """The backend the ESP-Miner family chooses for ``host``, as the dispatcher would."""
    async with aiohttp.ClientSession() as probe_session:
        rpc = RpcClient(host, timeout=seconds)
        web = WebClient(host, lambda: probe_session, timeout=seconds)
        probes = Probes(rpc, web, None, ports={WEB_PORT}, web_markers=FAMILY.web_markers)
        try:
            family = await probes.first_family()
            assert family is Firmware.BITAXE, f"{host}: no ESP-Miner marker"
            assert FAMILY.resolve is not None
            identity = await FAMILY.resolve(probes)
        finally:
            probes.cancel()
    return identity.backend(host, model=identity.model, session=session, timeout=seconds)


@pytest.fixture
async def opened() -> AsyncIterator[list[Miner]]:
    miners: list[Miner] = []
    yield miners
    for miner in miners:
        await miner.close()


EXPECTED = {
    "espminer-bitaxe-gamma": (AxeOSPausable, "Gamma", "Bitaxe"),
    "espminer-bitaxe-gamma-2.12": (AxeOS, "Gamma", "Bitaxe"),
    "espminer-bitaxe-supra-2.4": (AxeOS, "Supra", "Bitaxe"),
    "espminer-nerdqaxe-pp": (NerdOS, "NerdQAxe++", "NerdAxe"),
}


@pytest.mark.parametrize("model", list(EXPECTED))
async def test_each_build_gets_its_backend_and_model(
    start_esp: StartEsp, opened: list[Miner], model: str
) -> None:
    backend, name, make = EXPECTED[model]
    sim = await start_esp(model)
    miner = await identify(sim.address)
    opened.append(miner)
    assert type(miner) is backend
    assert miner.model == name
    assert miner.make == make
    assert miner.family is Firmware.BITAXE
    assert (await miner.get_data()).model == name


async def test_identification_costs_the_page_and_one_info_read(start_esp: StartEsp) -> None:
    sim = await start_esp("espminer-bitaxe-gamma")
    seen: list[str] = []

    async def log(_: object, __: object, params: aiohttp.TraceRequestStartParams) -> None:
        seen.append(f"{params.method} {params.url.path}")

    trace = aiohttp.TraceConfig()
    trace.on_request_start.append(log)
    async with aiohttp.ClientSession(trace_configs=[trace]) as session:
        rpc = RpcClient(sim.address, timeout=TIMEOUT)
        web = WebClient(sim.address, lambda: session, timeout=TIMEOUT)
        probes = Probes(rpc, web, None, ports={WEB_PORT}, web_markers=FAMILY.web_markers)
        assert await probes.first_family() is Firmware.BITAXE
        assert FAMILY.resolve is not None
        await FAMILY.resolve(probes)
        probes.cancel()
    assert seen == ["GET /", "GET /api/system/info"]


async def test_a_board_the_table_lacks_keeps_what_the_firmware_calls_it(
    start_esp: StartEsp, opened: list[Miner]
) -> None:
    sim = await start_esp("espminer-bitaxe-gamma")
    sim.spec = _with_board(sim, "999")
    miner = await identify(sim.address)
    opened.append(miner)
    assert miner.model is None  # the info names no family; the asic reply does
    data = await miner.get_data()
    assert data.model == "Gamma"  # deviceModel of /api/system/asic
    assert data.board_version == "999"


def _with_board(sim: EspMinerSim, board: str) -> EspSpec:
    info = {**sim.spec.info, "boardVersion": board}
    return dataclasses.replace(sim.spec, info=info)


async def test_without_an_info_reply_the_plain_backend_learns_later(
    start_esp: StartEsp, opened: list[Miner]
) -> None:
    sim = await start_esp("espminer-bitaxe-gamma")
    # A page that says AxeOS, and an info read that is refused at the network check.
    sim.lan = ipaddress.IPv4Network("127.0.99.0/24")
    miner = await identify(sim.address)
    opened.append(miner)
    assert type(miner) is AxeOS
    assert miner.model is None


@pytest.mark.skipif(
    "espminer" not in FAMILY_PACKAGES, reason="the family is not wired into identify.py yet"
)
async def test_find_miner_chooses_the_esp_miner_backends(
    start_esp: StartEsp, opened: list[Miner]
) -> None:
    for model, backend in (
        ("espminer-bitaxe-gamma", AxeOSPausable),
        ("espminer-bitaxe-supra-2.4", AxeOS),
        ("espminer-nerdqaxe-pp", NerdOS),
    ):
        sim = await start_esp(model)
        miner = await find_miner(sim.address, credentials=Credentials(), timeout=TIMEOUT)
        opened.append(miner)
        assert type(miner) is backend
