"""ePIC PowerPlay identified over real sockets: its dashboard page names it, its port 4028
(HTTP, not cgminer's RPC) is not taken for a stock Antminer's, the model comes from
/capabilities; a scan finds it. Simulated miners on 127.0.97.91-110."""

from __future__ import annotations

import pytest

from custom_components.asic_miner.driver import MinerNotFoundError, find_miner, get_miner
from custom_components.asic_miner.driver.backends.epic.backend import Epic
from custom_components.asic_miner.driver.scan import probe_host
from tests.simulator.epic.testing import S19XP, StartEpic, addresses, epic_fixture
from tests.simulator.faults import Fault

start_epic = epic_fixture(addresses(97, 91, 110))


async def test_an_epic_antminer_is_identified_as_epic_with_its_model(
    start_epic: StartEpic,
) -> None:
    sim = await start_epic(S19XP)
    miner = await find_miner(sim.address, timeout=3)
    async with miner:
        assert isinstance(miner, Epic)
        assert (miner.make, miner.model, miner.firmware) == ("Antminer", "S19 XP", "ePIC")
    # the probes asked the dashboard page and the model; nothing was posted
    assert ("GET", "/capabilities") in sim.state.received
    assert sim.state.posted == []


async def test_the_model_is_learnt_on_the_first_poll_when_capabilities_fail(
    start_epic: StartEpic,
) -> None:
    sim = await start_epic(S19XP)
    sim.state.missing.add("/capabilities")
    miner = await find_miner(sim.address, timeout=3)
    async with miner:
        assert isinstance(miner, Epic)
        assert miner.model is None
        sim.state.missing.clear()
        assert (await miner.get_data()).model == "S19 XP"


async def test_without_its_page_port_4028_alone_names_no_miner(start_epic: StartEpic) -> None:
    sim = await start_epic(S19XP)
    sim.set_fault(Fault.GARBAGE, protocol="http")  # the page and the API both garbled
    with pytest.raises(MinerNotFoundError):
        await find_miner(sim.address, timeout=2)
    assert await get_miner(sim.address, timeout=2, ports=[4028]) is None


async def test_a_scan_finds_the_epic_miner(start_epic: StartEpic) -> None:
    sim = await start_epic(S19XP)
    found = await probe_host(sim.address, timeout=3)
    assert found is not None
    assert found.data is not None
    assert (type(found.miner).__name__, found.data.model, found.data.mac) == (
        "Epic",
        "S19 XP",
        sim.mac,
    )
