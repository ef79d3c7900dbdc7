"""The simulated VolcMiner D1 with pyasic and pyasic-rs.

pyasic 0.79.0's factory asks the model behind the "blackMiner" realm with Hammer's login
(root / root); a D1 on its shipped root / ltc@dog refuses it, so pyasic leaves it as a
Hammer of unknown model (HammerUnknown): it reads the rate over the RPC (about 15 GH/s
in MH/s), pools and versions, and no MAC, boards or fans (its web reads use the Hammer
password). pyasic-rs has no backend for the firmware and identifies nothing. Simulated
miners on 127.0.108.70-89.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.simulator.hammer import HammerSim, captures
from tests.simulator.hammer.testing import StartHammer, addresses
from tests.simulator.testing import sim_fixture

from .peer_helpers import bootstrap, run_peer

start_volc = sim_fixture(HammerSim, addresses(108, 70, 89), "volcminer-d1")
RS_PROBE = Path(__file__).with_name("pyasic_rs_probe.py")
PYASIC_PROBE = Path(__file__).with_name("pyasic_scrypt_probe.py")


@pytest.fixture(scope="module")
def rs_python() -> Path:
    return bootstrap("bootstrap-pyasic-rs", ".venv-pyasic-rs", "pyasic-rs")


@pytest.fixture(scope="module")
def pyasic_python() -> Path:
    return bootstrap("bootstrap-pyasic", ".venv-pyasic", "pyasic")


async def test_pyasic_takes_it_for_a_hammer_of_unknown_model(
    pyasic_python: Path, start_volc: StartHammer
) -> None:
    sim = await start_volc()
    data = await run_peer(pyasic_python, PYASIC_PROBE, "read", sim.address)
    assert data["factory_class"] == "HammerUnknown"
    expected = float(captures.SUMMARY["MHS 5s"]) * sim.spec.rate_scale  # summary's, here
    assert data["hashrate_mhs"] == pytest.approx(expected, rel=1e-3)
    assert data["pools"] == [p["url"] for p in sim.state.pools]
    assert data["api_ver"] == captures.API
    assert (data["mac"], data["chips"], data["fans"]) == (None, [], [])


async def test_pyasic_rs_identifies_nothing(rs_python: Path, start_volc: StartHammer) -> None:
    sim = await start_volc()
    assert await run_peer(rs_python, RS_PROBE, "read", sim.address) == {sim.address: None}
