"""MSKMiner on an Antminer S19 (88-chip boards), over real sockets: found as MSKMiner (not
as the stock firmware, nor a Hiveon S9 as MSKMiner though its BMMiner carries the same
"rwglr" tag), every figure of a poll as the captured replies say, the MAC from the web's
info_v1 after its login, a refused login named, the web down leaving the figures, and
every control refused before anything is sent. Simulated miners on 127.0.102.10-39."""

from __future__ import annotations

import pytest

from custom_components.asic_miner.driver import (
    Credentials,
    Firmware,
    MinerAuthenticationError,
    MinerConfig,
    UnsupportedOperation,
    find_miner,
)
from custom_components.asic_miner.driver.backends.antminer.backend import AntminerModern
from custom_components.asic_miner.driver.backends.hiveon.backend import HiveonOld
from custom_components.asic_miner.driver.backends.mskminer.backend import MskMiner
from tests.simulator import SimulatedMiner
from tests.simulator.faults import Fault
from tests.simulator.hiveon import HiveonSim
from tests.simulator.mskminer import MskSim, captures
from tests.simulator.mskminer.testing import S19_88, StartMsk, addresses, msk_fixture
from tests.simulator.testing import sim_fixture

_POOL = addresses(10, 39)
start_msk = msk_fixture(_POOL)
start_hiveon = sim_fixture(HiveonSim, _POOL, "hiveon-s9")
start_stock = sim_fixture(SimulatedMiner, _POOL, "antminer-s19pro")
FIGURES = captures.STATS_FIGURES


async def test_found_as_mskminer_with_its_model(start_msk: StartMsk) -> None:
    sim = await start_msk()
    async with await find_miner(sim.address, timeout=3) as miner:
        assert isinstance(miner, MskMiner)
        assert miner.family is Firmware.MSKMINER
        assert (miner.make, miner.model, miner.firmware) == ("Antminer", "S19-88", "MSKMiner")


async def test_neither_hiveon_nor_stock_is_taken_for_it(
    start_hiveon: StartMsk, start_stock: StartMsk
) -> None:
    hiveon, stock = await start_hiveon(), await start_stock()
    async with await find_miner(hiveon.address, timeout=3) as miner:
        assert isinstance(miner, HiveonOld)  # its "2.0.0 rwglr" BMMiner notwithstanding
    async with await find_miner(stock.address, timeout=3) as miner:
        assert type(miner) is AntminerModern


async def test_a_poll_reads_every_figure_as_the_miner_reports_it(start_msk: StartMsk) -> None:
    sim = await start_msk()
    async with await find_miner(sim.address, timeout=3) as miner:
        data = await miner.get_data()
    assert (data.make, data.model, data.firmware) == ("Antminer", "S19-88", "MSKMiner")
    assert data.fw_ver == "2.6.0.39"  # from the Type "S19-88 v.2.6.0.39 "
    assert data.api_ver == "3.1"
    assert data.mac == sim.mac
    assert data.hashrate == pytest.approx(FIGURES["GHS 5s"] / 1000)
    assert data.expected_hashrate == pytest.approx(FIGURES["total_rateideal"] / 1000)
    assert data.wattage == FIGURES["total_power"] == 3358
    assert data.uptime is not None
    assert data.uptime <= sim.state.uptime
    assert [f.speed for f in data.fans] == [5010, 5160, 5070, 5040]
    assert [b.slot for b in data.hashboards] == [0, 1, 2]
    for n, board in enumerate(data.hashboards, start=1):
        assert board.hashrate == pytest.approx(FIGURES[f"chain_rate{n}"] / 1000)
        assert board.chips == board.expected_chips == 88
        assert (board.temp, board.chip_temp) == (FIGURES[f"temp{n}"], FIGURES[f"temp2_{n}"])
    assert [(p.url, p.user) for p in data.pools] == sim.state.pools
    assert data.is_mining is True


async def test_the_mac_needs_the_web_login(start_msk: StartMsk) -> None:
    sim = await start_msk(password="changed1")
    wrong = await find_miner(sim.address, timeout=3)  # admin / root, as shipped
    async with wrong:
        with pytest.raises(MinerAuthenticationError):
            await wrong.get_mac()
        with pytest.raises(MinerAuthenticationError):
            await wrong.get_data()
    given = Credentials(password="changed1")
    async with await find_miner(sim.address, credentials=given, timeout=3) as miner:
        assert await miner.get_mac() == sim.mac
    assert sim.state.logins == 1


async def test_the_mac_is_read_once_and_again_after_a_reboot(start_msk: StartMsk) -> None:
    sim = await start_msk()
    sim.state.booted_at -= 600  # ten minutes up
    async with await find_miner(sim.address, timeout=3) as miner:
        first = await miner.get_data()
        second = await miner.get_data()
        assert first.mac == second.mac == sim.mac
        assert sim.state.logins == 1  # the second poll asked the RPC alone
        sim.state.rebooted()
        assert (await miner.get_data()).mac == sim.mac
    assert sim.state.logins == 2


async def test_another_miner_at_the_address_and_this_one_back_each_named(
    start_msk: StartMsk,
) -> None:
    """The MAC is read again whenever the uptime does not follow the clock: another S19
    that DHCP gave the address to (booted later), then this one back (up longer than the
    other): each poll names the miner that answered it."""
    sim = await start_msk()
    sim.state.booted_at -= 3600
    other = MskSim(S19_88, sim.address)
    other.address = "127.0.102.39"  # its MAC is that address's; it listens on sim's
    async with await find_miner(sim.address, timeout=3) as miner:
        assert (await miner.get_data()).mac == sim.mac
        await sim.go_offline()
        async with other:
            assert (await miner.get_data()).mac == other.mac != sim.mac
        await sim.come_back()
        assert (await miner.get_data()).mac == sim.mac
        assert (await miner.get_data()).mac == sim.mac
    assert (sim.state.logins, other.state.logins) == (2, 1)


async def test_the_web_failing_leaves_the_figures(start_msk: StartMsk) -> None:
    sim = await start_msk()
    sim.set_fault(Fault.GARBAGE, protocol="http")
    async with await find_miner(sim.address, timeout=3) as miner:
        data = await miner.get_data()
    assert data.mac is None
    assert data.hashrate == pytest.approx(FIGURES["GHS 5s"] / 1000)


async def test_every_control_is_refused_unsent(start_msk: StartMsk) -> None:
    sim = await start_msk()
    async with await find_miner(sim.address, timeout=3) as miner:
        assert miner.capabilities == frozenset()
        sim.state.received.clear()
        for control in (
            miner.reboot(),
            miner.restart_backend(),
            miner.stop_mining(),
            miner.resume_mining(),
            miner.fault_light_on(),
            miner.set_power_limit(3000),
            miner.send_config(MinerConfig()),
            miner.get_config(),
        ):
            with pytest.raises(UnsupportedOperation):
                await control
    assert sim.state.received == []
