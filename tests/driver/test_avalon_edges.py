"""Avalon corner cases over real sockets (127.0.53.x): a miner made without a model, one
the table does not know, answers lost as the miner goes down, setpool around reboots."""

from __future__ import annotations

import dataclasses
import logging

import pytest

from custom_components.asic_miner.driver.backends.avalon import backend as avalon_backend
from custom_components.asic_miner.driver.backends.avalon.backend import (
    AvalonASeries,
    AvalonMiner,
    AvalonSoftPower,
)
from custom_components.asic_miner.driver.backends.avalon.family import backend_for
from custom_components.asic_miner.driver.config import MinerConfig
from custom_components.asic_miner.driver.errors import (
    MinerProtocolError,
    MinerTimeoutError,
    UnsupportedOperation,
)
from tests.simulator.avalon import AvalonSim
from tests.simulator.avalon.testing import StartAvalon, addresses, avalon_fixture
from tests.simulator.faults import Fault

from .test_avalon_controls import NEW_POOLS, wait_back
from .test_avalon_identify import avalon_miner, identify_avalon

start_avalon = avalon_fixture(addresses(53))
TIMEOUT = 3.0


async def test_a_miner_made_without_a_model_learns_it(start_avalon: StartAvalon) -> None:
    sim = await start_avalon("avalon-nano3s")
    async with AvalonMiner(sim.address, timeout=TIMEOUT) as miner:
        data = await miner.get_data()
    assert (miner.model, data.model) == ("Nano 3S", "Nano 3S")
    assert "work_mode" in data.settings.choices


def _unknown(sim: AvalonSim, prod: str) -> None:
    version = dict(sim.spec.version) | {"MODEL": "X99", "PROD": prod}
    sim.spec = dataclasses.replace(sim.spec, version=version, ver_model="X99")


@pytest.mark.parametrize(
    ("prod", "backend"), [("AvalonMiner X99", AvalonASeries), ("Avalon X99", AvalonMiner)]
)
async def test_a_model_the_table_does_not_know(
    start_avalon: StartAvalon, prod: str, backend: type
) -> None:
    sim = await start_avalon("avalon-a1566")
    _unknown(sim, prod)
    identity, _ = await identify_avalon(sim.address)
    assert (identity.backend, identity.model) == (backend, "X99")
    async with identity.backend(sim.address, model=identity.model, timeout=TIMEOUT) as miner:
        data = await miner.get_data()
        assert data.model == "X99"
        assert data.hashrate == pytest.approx(sim.hashrate_ths, abs=0.001)
        assert len(data.hashboards) == 3  # one per MGHS entry
        assert data.settings.choices == {}
        with pytest.raises(UnsupportedOperation):
            await miner.set_choice("active_pool", "1")


def test_backend_for_a_known_row() -> None:
    from custom_components.asic_miner.driver.backends.avalon.models import find

    assert backend_for(find("Q"), None) is AvalonSoftPower
    assert backend_for(None, None) is AvalonMiner


async def test_reboot_whose_answer_is_lost(start_avalon: StartAvalon) -> None:
    sim = await start_avalon("avalon-q")
    async with await avalon_miner(sim) as miner:
        sim.set_fault(Fault.DROP, protocol="rpc")
        await miner.reboot()  # carried out; the answer dropped as the miner goes down
        sim.clear_faults()
        await wait_back(sim)


async def test_restart_in_plain_text_and_with_a_lost_answer(start_avalon: StartAvalon) -> None:
    sim = await start_avalon("avalon-a1566", quirks=("plain-text-only",))
    async with await avalon_miner(sim) as miner:
        assert miner.rpc.plain_text
        await miner.restart_backend()
        await wait_back(sim)
    other = await start_avalon("avalon-a1566")
    async with await avalon_miner(other) as miner:
        await miner.get_data()
        other.set_fault(Fault.DROP, protocol="rpc")
        await miner.restart_backend()
        other.clear_faults()
        await wait_back(other)


async def test_an_unreadable_setpool_answer_names_no_secret(
    start_avalon: StartAvalon, caplog: pytest.LogCaptureFixture
) -> None:
    sim = await start_avalon("avalon-q")
    caplog.set_level(logging.DEBUG)
    async with await avalon_miner(sim) as miner:
        await miner.get_data()
        sim.set_fault(Fault.TRUNCATED, protocol="rpc")  # the answer echoes the pool password
        with pytest.raises(MinerProtocolError) as caught:
            await miner.send_config(MinerConfig(pools=NEW_POOLS[:1]))
    assert "poolsecret" not in str(caught.value) + caplog.text


async def test_a_miner_that_stays_down_after_setpool(
    start_avalon: StartAvalon, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(avalon_backend, "BACK_AFTER", 0.6)
    sim = await start_avalon("avalon-nano3s", reboot_seconds=5.0)
    async with await avalon_miner(sim) as miner:
        with pytest.raises(MinerTimeoutError, match="not back"):
            await miner.send_config(MinerConfig(pools=NEW_POOLS))
