"""Elphapex DG1+ over real sockets: found as Elphapex by its "Daoge" digest realm (not as a
stock Antminer, whose realm is "antMiner"), a poll reading every figure as the captured
replies say (Scrypt, rates in 10^12 hashes a second, milli-degree chip temperatures as
°C), a refused login named, and the controls seen at the simulated miner. Simulated
miners on 127.0.107.10-39."""

from __future__ import annotations

import asyncio

import pytest

from custom_components.asic_miner.driver import (
    Credentials,
    Firmware,
    MinerAuthenticationError,
    find_miner,
)
from custom_components.asic_miner.driver.algorithm import Algorithm
from custom_components.asic_miner.driver.backends.antminer.backend import AntminerModern
from custom_components.asic_miner.driver.backends.elphapex.backend import ElphapexMiner
from custom_components.asic_miner.driver.errors import AsicMinerError, UnsupportedOperation
from custom_components.asic_miner.driver.models import lookup
from tests.simulator import SimulatedMiner
from tests.simulator.elphapex import captures
from tests.simulator.elphapex.testing import StartElphapex, addresses, elphapex_fixture
from tests.simulator.faults import Fault
from tests.simulator.testing import sim_fixture

_POOL = addresses(107, 10, 39)
start_elphapex = elphapex_fixture(_POOL)
start_stock = sim_fixture(SimulatedMiner, _POOL, "antminer-s19pro")


async def test_found_as_elphapex_with_its_model(start_elphapex: StartElphapex) -> None:
    sim = await start_elphapex()
    async with await find_miner(sim.address, timeout=3) as miner:
        assert type(miner) is ElphapexMiner
        assert miner.family is Firmware.ELPHAPEX
        assert (miner.make, miner.model, miner.firmware) == ("Elphapex", "DG1+", "Stock")


def test_the_dg_home_1_is_known_by_the_name_its_firmware_gives() -> None:
    # minertype / INFO type "DG-Home1" (asic-rs elphapex test/json/v1, pyasic issue #341):
    # one board of 120 chips, the other three chains it lists being empty.
    model = lookup("DG-Home1", "Elphapex")
    assert model is not None
    assert (model.name, model.boards, model.chips_per_board) == ("DG Home 1", 1, 120)


async def test_a_stock_antminer_is_not_taken_for_it(start_stock: StartElphapex) -> None:
    stock = await start_stock()
    async with await find_miner(stock.address, timeout=3) as miner:
        assert type(miner) is AntminerModern


async def test_a_poll_reads_every_figure_in_scrypt_units(start_elphapex: StartElphapex) -> None:
    sim = await start_elphapex()
    async with await find_miner(sim.address, timeout=3) as miner:
        assert await miner.get_mac() == sim.mac  # get_system_info alone
        data = await miner.get_data()
    board_mhs = sim.spec.board_ideal_mhs * 0.998
    assert data.algorithm is Algorithm.SCRYPT
    assert (data.make, data.model, data.fw_ver, data.api_ver) == (
        "Elphapex",
        "DG1+",
        "1.0.2",  # from "DG1+_SW_V1.0.2"
        "1.0.0",
    )
    assert data.mac == sim.mac
    assert data.hostname == "DG1+"
    assert data.serial_number == captures.INFO["dev_sn"]
    # 14.2 GH/s is 0.0142 in the driver's unit (10^12 a second), never 14200.
    assert data.hashrate == pytest.approx(board_mhs * 4 / 1e6, abs=1e-6)  # to the MH/s
    assert data.expected_hashrate == pytest.approx(round(3557.25 * 4) / 1e6, abs=1e-6)
    assert data.hashrate is not None
    assert 0.01 < data.hashrate < 0.02
    assert [f.speed for f in data.fans] == [5340, 5400, 5400, 5400]
    assert len(data.hashboards) == 4
    for board in data.hashboards:
        assert board.hashrate == pytest.approx(board_mhs / 1e6, abs=1e-6)
        assert board.chips == board.expected_chips == 204
        assert board.temp == pytest.approx((47 + 46 + 67 + 66) / 4, abs=0.1)
        assert board.chip_temp == pytest.approx((47.125 + 50.5) / 2, abs=0.1)  # milli-°C
        assert board.serial_number in captures.CHAIN_SERIALS
    assert [(p.url, p.user) for p in data.pools] == [(p["url"], p["user"]) for p in sim.state.pools]
    assert [p.active for p in data.pools] == [True, False, False]
    assert data.uptime is not None
    assert data.uptime <= sim.state.uptime
    assert (data.is_mining, data.fault_light, data.errors) == (True, False, [])


async def test_a_wrong_password_is_named(start_elphapex: StartElphapex) -> None:
    sim = await start_elphapex(password="changed1")
    async with await find_miner(sim.address, timeout=3) as miner:
        assert type(miner) is ElphapexMiner  # the realm names it without a login
        with pytest.raises(MinerAuthenticationError):
            await miner.get_data()
    creds = Credentials(password="changed1")
    async with await find_miner(sim.address, credentials=creds, timeout=3) as miner:
        assert (await miner.get_data()).model == "DG1+"


async def test_fault_light_reaches_the_miner(start_elphapex: StartElphapex) -> None:
    sim = await start_elphapex()
    async with await find_miner(sim.address, timeout=3) as miner:
        await miner.fault_light_on()
        assert sim.state.blinking is True
        assert await miner.check_light() is True
        assert (await miner.get_data()).fault_light is True
        await miner.fault_light_off()
        assert sim.state.blinking is False


async def test_stop_and_resume_mining_set_the_work_mode(start_elphapex: StartElphapex) -> None:
    sim = await start_elphapex()
    async with await find_miner(sim.address, timeout=3) as miner:
        await miner.stop_mining()
        assert sim.state.conf["fc-work-mode"] == 1
        assert sim.state.conf["fc-freq"] == captures.CONF["fc-freq"]  # the rest kept
        assert len(sim.state.pools) == 3
        sleeping = await miner.get_data()
        assert (sleeping.is_mining, sleeping.hashrate) == (False, 0.0)
        await miner.resume_mining()
        assert sim.state.conf["fc-work-mode"] == 0
        assert (await miner.get_data()).is_mining is True


async def test_reboot_restarts_the_miner(start_elphapex: StartElphapex) -> None:
    sim = await start_elphapex()
    async with await find_miner(sim.address, timeout=3) as miner:
        await miner.reboot()
        assert ("GET", "/cgi-bin/reboot.cgi") in sim.state.received
        for _ in range(50):
            if not sim.online:
                break
            await asyncio.sleep(0.05)
        assert not sim.online


async def test_controls_it_lacks_are_refused(start_elphapex: StartElphapex) -> None:
    sim = await start_elphapex()
    async with await find_miner(sim.address, timeout=3) as miner:
        with pytest.raises(UnsupportedOperation):
            await miner.set_power_limit(3000)
    assert not [r for r in sim.state.received if r[0] == "POST"]


@pytest.mark.parametrize("fault", [Fault.GARBAGE, Fault.TRUNCATED])
async def test_the_web_failing_fails_the_poll(start_elphapex: StartElphapex, fault: Fault) -> None:
    """Garbage, or replies cut short: no poll of what is left of them."""
    sim = await start_elphapex()
    async with await find_miner(sim.address, timeout=3) as miner:
        sim.set_fault(fault, protocol="http")
        with pytest.raises(AsicMinerError):
            await miner.get_data()
