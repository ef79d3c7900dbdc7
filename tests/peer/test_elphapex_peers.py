"""Faithfulness check of the simulated Elphapex DG1+ with pyasic and pyasic-rs.

pyasic 0.79.0 finds it by the "Daoge" realm (ElphapexDG1Plus) and reads its rates (MH/s),
chips, chip temperatures (milli-degrees), fans and pools as the simulator serves them. It
leaves the MAC, firmware version and fault light unread: its web multicommand drops a
reply without a ``STATUS`` block, which the captured get_system_info and get_blink_status
have none of; and it looks for the uptime in SUMMARY[1] and the nominal rate in STATS[1],
where the capture has one entry each. pyasic-rs (asic-rs) reads every figure, the MAC and
version too. Simulated miners on 127.0.107.70-89.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.simulator.elphapex import captures
from tests.simulator.elphapex.testing import StartElphapex, addresses, elphapex_fixture

from .peer_helpers import bootstrap, run_peer

start_elphapex = elphapex_fixture(addresses(107, 70, 89))
RS_PROBE = Path(__file__).with_name("pyasic_rs_probe.py")
PYASIC_PROBE = Path(__file__).with_name("pyasic_scrypt_probe.py")


@pytest.fixture(scope="module")
def rs_python() -> Path:
    return bootstrap("bootstrap-pyasic-rs", ".venv-pyasic-rs", "pyasic-rs")


@pytest.fixture(scope="module")
def pyasic_python() -> Path:
    return bootstrap("bootstrap-pyasic", ".venv-pyasic", "pyasic")


async def test_pyasic_reads_the_simulated_dg1_plus(
    pyasic_python: Path, start_elphapex: StartElphapex
) -> None:
    sim = await start_elphapex()
    data = await run_peer(pyasic_python, PYASIC_PROBE, "read", sim.address)
    board_mhs = sim.spec.board_ideal_mhs * 0.998
    assert (data["factory_class"], data["model"]) == ("ElphapexDG1Plus", "DG1+")
    assert data["hashrate_mhs"] == pytest.approx(board_mhs * 4, rel=1e-3)
    assert data["chips"] == [204] * 4
    assert data["chip_temps"] == [pytest.approx((47.125 + 50.5) / 2)] * 4
    assert data["fans"] == [int(rpm) for rpm in captures.FANS]
    assert data["pools"] == [p["url"] for p in sim.state.pools]
    assert data["api_ver"] == captures.API_VERSION
    assert data["is_mining"] is True
    # Not read by pyasic from the captured shapes (see above).
    assert (data["mac"], data["fw_ver"], data["uptime"], data["expected_mhs"]) == (
        None,
        None,
        None,
        None,
    )


async def test_pyasic_rs_reads_the_simulated_dg1_plus(
    rs_python: Path, start_elphapex: StartElphapex
) -> None:
    sim = await start_elphapex()
    data = (await run_peer(rs_python, RS_PROBE, "read", sim.address))[sim.address]
    assert (data["make"], data["model"]) == ("Elphapex", "DG1Plus")
    assert data["hashrate"]["unit"] == "MH/s"
    assert data["hashrate"]["value"] == pytest.approx(sim.spec.board_ideal_mhs * 0.998 * 4, 1e-3)
    assert data["expected_hashrate"]["value"] == round(sim.spec.board_ideal_mhs * 4)
    assert [b["working_chips"] for b in data["boards"]] == [204] * 4
    assert data["mac"] == sim.mac
    assert (data["firmware_version"], data["hostname"]) == ("1.0.2", "DG1+")
    assert data["serial_number"] == captures.INFO["dev_sn"]
    assert [p["url"] for p in data["pools"]] == [p["url"] for p in sim.state.pools]
