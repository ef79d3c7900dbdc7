"""Faithfulness check of the simulated MSKMiner with pyasic and pyasic-rs.

pyasic 0.79.0 has MSKMiner classes (backends/mskminer.py; its factory tests "RWGLR"):
MSKMinerS19NoPIC reads the simulated S19-88 as the simulator says, but for the watts: it
takes ``total_power`` from STATS[0], the version block, where the captured reply has none
(it is in STATS[1]). Its factory, asked for the model, leaves its generic class. asic-rs
has no MSKMiner backend: pyasic-rs identifies nothing there. Simulated miners on
127.0.102.70-89.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.simulator.mskminer import captures
from tests.simulator.mskminer.testing import StartMsk, addresses, msk_fixture

from .peer_helpers import bootstrap, run_peer

start_msk = msk_fixture(addresses(70, 89))
RS_PROBE = Path(__file__).with_name("pyasic_rs_probe.py")
PYASIC_PROBE = Path(__file__).with_name("pyasic_mskminer_probe.py")
FIGURES = captures.STATS_FIGURES


@pytest.fixture(scope="module")
def rs_python() -> Path:
    return bootstrap("bootstrap-pyasic-rs", ".venv-pyasic-rs", "pyasic-rs")


@pytest.fixture(scope="module")
def pyasic_python() -> Path:
    return bootstrap("bootstrap-pyasic", ".venv-pyasic", "pyasic")


async def test_pyasic_reads_the_simulated_mskminer(
    pyasic_python: Path, start_msk: StartMsk
) -> None:
    sim = await start_msk()
    data = await run_peer(pyasic_python, PYASIC_PROBE, "read", sim.address)
    assert data["factory_class"] == "MSKMiner"
    assert data["hashrate"] == pytest.approx(FIGURES["total_rate"] / 1000)  # TH/s
    assert data["chips"] == [88, 88, 88]
    assert data["fans"] == [5010, 5160, 5070, 5040]
    assert data["pools"] == [url for url, _ in sim.state.pools]
    assert (data["api_ver"], data["fw_ver"]) == ("3.1", captures.PROGRAM["CompileTime"])
    assert data["mac_read"] == sim.mac  # after its login, from info_v1
    assert data["wattage"] is None  # STATS[0]["total_power"]: see above
    assert sim.state.logins >= 1


async def test_pyasic_rs_identifies_nothing(rs_python: Path, start_msk: StartMsk) -> None:
    sim = await start_msk()
    assert await run_peer(rs_python, RS_PROBE, "read", sim.address) == {sim.address: None}
