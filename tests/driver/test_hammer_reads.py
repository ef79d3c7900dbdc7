"""Hammer D10 over real sockets: found as Hammer by its "blackMiner" digest realm (not as a
stock Antminer, nor an Elphapex), a poll reading every figure as the captured replies say
(Scrypt, MH/s figures in 10^12 hashes a second, the last of each repeated temperature), a
refused login named, and the controls seen at the simulated miner. Simulated miners on
127.0.107.100-129."""

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
from custom_components.asic_miner.driver.backends.hammer.backend import HammerMiner
from custom_components.asic_miner.driver.errors import AsicMinerError, UnsupportedOperation
from tests.simulator import SimulatedMiner
from tests.simulator.elphapex import ElphapexSim
from tests.simulator.faults import Fault
from tests.simulator.hammer import captures
from tests.simulator.hammer.testing import StartHammer, addresses, hammer_fixture
from tests.simulator.testing import sim_fixture

_POOL = addresses(107, 100, 129)
start_hammer = hammer_fixture(_POOL)
start_stock = sim_fixture(SimulatedMiner, _POOL, "antminer-s19pro")
start_elphapex = sim_fixture(ElphapexSim, _POOL, "elphapex-dg1plus")
TAIL = captures.STATS_TAIL


async def test_found_as_hammer_with_its_model(start_hammer: StartHammer) -> None:
    sim = await start_hammer()
    async with await find_miner(sim.address, timeout=3) as miner:
        assert type(miner) is HammerMiner
        assert miner.family is Firmware.HAMMER
        assert (miner.make, miner.model, miner.firmware) == ("Hammer", "D10", "Stock")


async def test_neither_stock_nor_elphapex_is_taken_for_it(
    start_stock: StartHammer, start_elphapex: StartHammer
) -> None:
    stock, elphapex = await start_stock(), await start_elphapex()
    async with await find_miner(stock.address, timeout=3) as miner:
        assert type(miner) is AntminerModern
    async with await find_miner(elphapex.address, timeout=3) as miner:
        assert type(miner) is ElphapexMiner


async def test_a_poll_reads_every_figure_in_scrypt_units(start_hammer: StartHammer) -> None:
    sim = await start_hammer()
    async with await find_miner(sim.address, timeout=3) as miner:
        assert await miner.get_mac() == sim.mac  # get_system_info alone
        data = await miner.get_data()
    assert data.algorithm is Algorithm.SCRYPT
    assert (data.make, data.model, data.fw_ver, data.api_ver) == (
        "Hammer",
        "D10",
        captures.PROGRAM["CompileTime"],
        "3.1",
    )
    assert (data.mac, data.hostname) == (sim.mac, "Hammer")
    # summary's MHS 5s 4885.0813 MH/s: 4.885 GH/s, 0.004885 in the driver's unit.
    assert data.hashrate == pytest.approx(float(captures.SUMMARY["MHS 5s"]) / 1e6, abs=1e-6)
    assert data.expected_hashrate == pytest.approx(0.005)
    # all four of the capture's turning fans (fan_num 4), not pyasic's table's two
    captured_fans = [captures.STATS_FIGURES[f"fan{n}"] for n in range(1, 5)]
    assert [f.speed for f in data.fans] == captured_fans
    assert len(data.hashboards) == 3
    for n, board in enumerate(data.hashboards, start=1):
        assert board.hashrate == pytest.approx(float(TAIL[f"chain_rate{n}"]) / 1e6, abs=1e-6)
        assert board.chips == board.expected_chips == 108
        assert board.temp == captures.TEMPERATURES[f"temp{n}"][-1]  # the last one written
    assert [(p.url, p.user) for p in data.pools] == [(p["url"], p["user"]) for p in sim.state.pools]
    assert [p.active for p in data.pools] == [True, False, False]
    assert data.uptime is not None
    assert data.uptime <= sim.state.uptime
    assert (data.is_mining, data.fault_light) == (True, False)


async def test_a_wrong_password_is_named(start_hammer: StartHammer) -> None:
    sim = await start_hammer(password="changed1")
    async with await find_miner(sim.address, timeout=3) as miner:
        assert type(miner) is HammerMiner  # the realm and the RPC Type name it
        with pytest.raises(MinerAuthenticationError):
            await miner.get_data()
    creds = Credentials(password="changed1")
    async with await find_miner(sim.address, credentials=creds, timeout=3) as miner:
        assert (await miner.get_data()).mac == sim.mac


async def test_fault_light_reaches_the_miner(start_hammer: StartHammer) -> None:
    sim = await start_hammer()
    async with await find_miner(sim.address, timeout=3) as miner:
        await miner.fault_light_on()
        assert sim.state.blinking is True
        assert await miner.check_light() is True
        await miner.fault_light_off()
        assert sim.state.blinking is False
        assert (await miner.get_data()).fault_light is False


async def test_stop_and_resume_mining_set_the_work_mode(start_hammer: StartHammer) -> None:
    sim = await start_hammer()
    async with await find_miner(sim.address, timeout=3) as miner:
        await miner.stop_mining()
        assert sim.state.conf["bitmain-work-mode"] == "1"
        assert sim.state.conf["bitmain-freq"] == captures.CONF["bitmain-freq"]  # kept
        sleeping = await miner.get_data()
        assert (sleeping.is_mining, sleeping.hashrate) == (False, 0.0)
        await miner.resume_mining()
        assert sim.state.conf["bitmain-work-mode"] == "0"
        assert (await miner.get_data()).is_mining is True


async def test_reboot_restarts_the_miner(start_hammer: StartHammer) -> None:
    sim = await start_hammer()
    async with await find_miner(sim.address, timeout=3) as miner:
        await miner.reboot()
        assert ("GET", "/cgi-bin/reboot.cgi") in sim.state.received
        for _ in range(50):
            if not sim.online:
                break
            await asyncio.sleep(0.05)
        assert not sim.online


async def test_controls_it_lacks_are_refused(start_hammer: StartHammer) -> None:
    sim = await start_hammer()
    async with await find_miner(sim.address, timeout=3) as miner:
        with pytest.raises(UnsupportedOperation):
            await miner.set_power_limit(3000)
    assert not [r for r in sim.state.received if r[0] == "POST"]


@pytest.mark.parametrize("fault", [Fault.GARBAGE, Fault.TRUNCATED])
async def test_the_rpc_failing_fails_the_poll(start_hammer: StartHammer, fault: Fault) -> None:
    sim = await start_hammer()
    async with await find_miner(sim.address, timeout=3) as miner:
        sim.set_fault(fault, protocol="rpc")
        with pytest.raises(AsicMinerError):
            await miner.get_data()
