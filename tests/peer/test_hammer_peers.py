"""Faithfulness check of the simulated Hammer D10 with pyasic and pyasic-rs.

pyasic 0.79.0 finds it by the "blackMiner" realm and its minertype (HammerD10) and reads
it over ccminer's RPC on 8359 and the CGI as the simulator serves them: the rate (MH/s,
from the stats' MHS 5s, where its own capture test reads it), chips, the last of each
repeated temperature, two fans, pools, MAC, API and firmware versions. It reads no fault
light from the captured ``{"code": …}`` blink status. pyasic-rs (asic-rs) has no Hammer
backend and identifies nothing there. Simulated miners on 127.0.107.170-189.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.simulator.hammer import captures
from tests.simulator.hammer.testing import StartHammer, addresses, hammer_fixture

from .peer_helpers import bootstrap, run_peer

start_hammer = hammer_fixture(addresses(107, 170, 189))
RS_PROBE = Path(__file__).with_name("pyasic_rs_probe.py")
PYASIC_PROBE = Path(__file__).with_name("pyasic_scrypt_probe.py")


@pytest.fixture(scope="module")
def rs_python() -> Path:
    return bootstrap("bootstrap-pyasic-rs", ".venv-pyasic-rs", "pyasic-rs")


@pytest.fixture(scope="module")
def pyasic_python() -> Path:
    return bootstrap("bootstrap-pyasic", ".venv-pyasic", "pyasic")


async def test_pyasic_reads_the_simulated_d10(
    pyasic_python: Path, start_hammer: StartHammer
) -> None:
    sim = await start_hammer()
    data = await run_peer(pyasic_python, PYASIC_PROBE, "read", sim.address)
    assert (data["factory_class"], data["model"]) == ("HammerD10", "D10")
    assert data["hashrate_mhs"] == pytest.approx(float(captures.STATS_FIGURES["MHS 5s"]))
    assert data["expected_mhs"] == pytest.approx(5000)  # its sticker rate, as our table's
    assert data["chips"] == [108] * 3
    assert data["chip_temps"] == [values[-1] for values in captures.TEMPERATURES.values()][:3]
    assert data["fans"] == [4650, 4500]
    assert data["pools"] == [p["url"] for p in sim.state.pools]
    assert (data["mac"], data["api_ver"]) == (sim.mac, captures.API)
    assert data["fw_ver"] == captures.PROGRAM["CompileTime"]
    assert data["is_mining"] is True
    assert data["fault_light"] is None  # see above


async def test_pyasic_rs_identifies_nothing(rs_python: Path, start_hammer: StartHammer) -> None:
    sim = await start_hammer()
    assert await run_peer(rs_python, RS_PROBE, "read", sim.address) == {sim.address: None}
