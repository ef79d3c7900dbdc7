"""VolcMiner D1 over real sockets: behind the "blackMiner" realm it shares with Hammer,
found as VolcMiner (not Hammer) by its minertype with its shipped login (root / ltc@dog),
read as the simulator serves it (Scrypt, rates in 10^12 hashes a second, 105-chip boards,
four fans), and paused and resumed at the simulated miner. No VolcMiner reply is public:
the simulated D1 serves the Hammer D10's captured replies with the D1's figures
(tests/simulator/hammer/models.py). Simulated miners on 127.0.108.10-39."""

from __future__ import annotations

import pytest

from custom_components.asic_miner.driver import (
    Credentials,
    Firmware,
    MinerAuthenticationError,
    find_miner,
)
from custom_components.asic_miner.driver.algorithm import Algorithm
from custom_components.asic_miner.driver.backends.volcminer.backend import VolcMiner
from tests.simulator.hammer import HammerSim, captures
from tests.simulator.hammer.testing import StartHammer, addresses
from tests.simulator.testing import sim_fixture

start_volc = sim_fixture(HammerSim, addresses(108, 10, 39), "volcminer-d1")


async def test_found_as_volcminer_with_its_shipped_login(start_volc: StartHammer) -> None:
    sim = await start_volc()
    async with await find_miner(sim.address, timeout=3) as miner:
        assert type(miner) is VolcMiner
        assert miner.family is Firmware.VOLCMINER
        assert (miner.make, miner.model) == ("VolcMiner", "D1")
        assert (miner.credentials.username, miner.credentials.password) == ("root", "ltc@dog")
        data = await miner.get_data()
    assert data.algorithm is Algorithm.SCRYPT
    assert (data.make, data.model, data.mac) == ("VolcMiner", "D1", sim.mac)
    assert data.hashrate == pytest.approx(
        float(captures.SUMMARY["MHS 5s"]) * sim.spec.rate_scale / 1e6, abs=1e-6
    )
    assert data.hashrate is not None
    assert 0.01 < data.hashrate < 0.02  # about 15 GH/s
    assert data.expected_hashrate == pytest.approx(0.01515)
    assert [b.chips for b in data.hashboards] == [105] * 3
    assert [f.speed for f in data.fans] == [4650, 4500, 3870, 3930]


async def test_a_wrong_password_is_named(start_volc: StartHammer) -> None:
    sim = await start_volc(password="changed1")
    async with await find_miner(sim.address, timeout=3) as miner:
        with pytest.raises(MinerAuthenticationError):
            await miner.get_data()
    creds = Credentials(password="changed1")
    async with await find_miner(sim.address, credentials=creds, timeout=3) as miner:
        assert type(miner) is VolcMiner
        assert (await miner.get_data()).model == "D1"


async def test_stop_and_resume_mining(start_volc: StartHammer) -> None:
    sim = await start_volc()
    async with await find_miner(sim.address, timeout=3) as miner:
        await miner.stop_mining()
        assert sim.state.mining is False
        assert (await miner.get_data()).is_mining is False
        await miner.resume_mining()
        assert sim.state.mining is True
