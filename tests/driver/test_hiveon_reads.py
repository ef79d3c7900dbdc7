"""Hiveon on an Antminer S9, read over real sockets: found as Hiveon and never as the stock
firmware its hardware ships with (nor the stock S9 as Hiveon), every figure of a poll as the
simulated miner reports it, the watts Hiveon reports, and Hive's fee pools left out.
Simulated miners on 127.0.101.10-39."""

from __future__ import annotations

import pytest

from custom_components.asic_miner.driver import Firmware, find_miner
from custom_components.asic_miner.driver.backends.antminer.backend import AntminerOld
from custom_components.asic_miner.driver.backends.hiveon import family as hiveon_family
from custom_components.asic_miner.driver.backends.hiveon.backend import HiveonModern, HiveonOld
from tests.simulator import SimulatedMiner
from tests.simulator.hiveon.testing import StartHiveon, addresses, hiveon_fixture
from tests.simulator.testing import sim_fixture
from tests.simulator_tests.client import rpc

_POOL = addresses(10, 39)
start_hiveon = hiveon_fixture(_POOL)
start_stock = sim_fixture(SimulatedMiner, _POOL, "antminer-s9")


async def test_a_hiveon_s9_is_found_as_hiveon(start_hiveon: StartHiveon) -> None:
    sim = await start_hiveon()
    async with await find_miner(sim.address, timeout=3) as miner:
        assert isinstance(miner, HiveonOld)
        assert miner.family is Firmware.HIVEON
        assert (miner.make, miner.model, miner.firmware) == ("Antminer", "S9", "Hiveon")


async def test_a_stock_s9_is_not_taken_for_hiveon(start_stock: StartHiveon) -> None:
    sim = await start_stock()
    async with await find_miner(sim.address, timeout=3) as miner:
        assert type(miner) is AntminerOld
        assert (miner.model, miner.firmware) == ("S9", "Stock")


async def test_a_hiveon_s9_with_its_rpc_off_is_still_hiveon(start_hiveon: StartHiveon) -> None:
    # Only the web's minertype ("Antminer S9 Hiveon") names it then.
    sim = await start_hiveon(quirks=("trailing-nul", "missing-comma", "api-port-off"))
    async with await find_miner(sim.address, timeout=3) as miner:
        assert isinstance(miner, HiveonOld)
        assert miner.model == "S9"
        data = await miner.get_data()
    assert data.hashrate == pytest.approx(sim.hashrate_ths, abs=0.01)
    assert data.wattage == pytest.approx(sim.wattage, abs=0.01)
    assert len(data.hashboards) == 3


async def test_a_poll_reads_every_figure_as_the_miner_reports_it(
    start_hiveon: StartHiveon,
) -> None:
    sim = await start_hiveon()
    async with await find_miner(sim.address, timeout=3) as miner:
        data = await miner.get_data()
    assert (data.make, data.model, data.firmware) == ("Antminer", "S9", "Hiveon")
    assert data.fw_ver == "Wed Feb 26 17:50:21 UTC 2019"
    assert data.mac == sim.mac
    assert data.hostname == sim.state.hostname
    assert data.hashrate == pytest.approx(sim.hashrate_ths, abs=0.01)
    assert data.expected_hashrate == pytest.approx(sim.expected_hashrate_ths, abs=0.01)
    assert data.uptime is not None
    assert data.uptime >= 0
    assert [f.speed for f in data.fans] == sim.fan_speeds
    assert [b.slot for b in data.hashboards] == [0, 1, 2]
    for board, rate in zip(data.hashboards, sim.board_hashrates_ths, strict=True):
        assert board.hashrate == pytest.approx(rate, abs=0.01)
        assert board.chips == board.expected_chips == 63
        assert board.temp
        assert board.chip_temp
    assert data.is_mining is True
    assert data.fault_light is False


async def test_the_watts_are_hiveons_chain_power(start_hiveon: StartHiveon) -> None:
    sim = await start_hiveon()
    total = (await rpc(sim.address, "stats"))["STATS"][1]["chain_power"]  # "1076.16 (AB)"
    async with await find_miner(sim.address, timeout=3) as miner:
        data = await miner.get_data()
    assert data.wattage == pytest.approx(float(total.split()[0]))
    assert data.wattage == pytest.approx(sim.wattage, abs=0.01)


async def test_hives_fee_pools_are_left_out(start_hiveon: StartHiveon) -> None:
    sim = await start_hiveon()
    listed = (await rpc(sim.address, "pools"))["POOLS"]
    assert [p["URL"] for p in listed][-3:] == ["*", "**", "***"]  # as a real Hiveon S9
    async with await find_miner(sim.address, timeout=3) as miner:
        data = await miner.get_data()
    assert [(p.url, p.user, p.active) for p in data.pools] == [
        (sim.state.pools[0]["url"], sim.state.pools[0]["user"], True)
    ]


@pytest.mark.parametrize(
    ("type_", "bmminer", "backend", "model"),
    [
        # pyasic issue #243 (a Hiveon S19j Pro's version reply)
        ("Antminer S19JPRO Hiveon", "4.11.1 rwglr", HiveonModern, "S19j Pro"),
        # hiveos-asic's T9-Hiveon dump
        ("Antminer T9 Hiveon", "2.0.0", HiveonOld, "T9"),
        # a model the table lacks: the S9-era BMMiner 2.x says which generation it is
        ("Antminer S9 Hydro Hiveon", "2.0.0 rwglr", HiveonOld, "S9 Hydro"),
        ("Antminer S19X88 Hiveon", "4.11.1 rwglr", HiveonModern, "S19X88"),
    ],
)
def test_the_type_names_backend_and_model(
    type_: str, bmminer: str, backend: type, model: str
) -> None:
    found = hiveon_family.identity(type_, bmminer)
    assert (found.backend, found.model) == (backend, model)


async def test_a_hiveon_t9s_three_chains_a_board_are_one_board(start_hiveon: StartHiveon) -> None:
    # Hiveon's T9 reports chains 2-4 and 9-14, 18 chips each (hiveos-asic T9-Hiveon dump).
    sim = await start_hiveon("hiveon-t9")
    async with await find_miner(sim.address, timeout=3) as miner:
        assert (type(miner), miner.model) == (HiveonOld, "T9")
        data = await miner.get_data()
    assert [b.slot for b in data.hashboards] == [0, 1, 2]
    for board, rate in zip(data.hashboards, sim.board_hashrates_ths, strict=True):
        assert board.hashrate == pytest.approx(rate, abs=0.01)
        assert board.chips == 54
        assert board.temp
        assert board.chip_temp
    assert data.hashrate == pytest.approx(sim.hashrate_ths, abs=0.01)
    assert data.wattage == pytest.approx(sim.wattage, abs=0.01)
    assert [f.speed for f in data.fans] == [3120, 4680]
