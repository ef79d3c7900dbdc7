"""Faithfulness check of the simulated Innosilicon A9 with pyasic and pyasic-rs.

pyasic 0.79.0 finds it by "innominer" in its RPC answers, logs in to its web API with
admin / admin and asks ``/api/type``; it has no A9 class, so it takes the A9 as
InnosiliconUnknown (SHA-256). It reads the same "MHS 1m" field we read, as MH/s: the
captured 51451.63 becomes 51451630000 H/s in its unit, where innominer counts 51451.63
solutions per second (our Equihash kSol/s). It reads the MAC from the web's overview and
the three pools from the RPC as the simulator serves them. Its configuration is the web's
``pools`` (the fields pyasic reads, as the simulator serves them); its send_config writes
``updatePools`` as a JSON object (where foreman-apps and our driver send a form) and the
simulated A9 then mines with that pool. pyasic-rs (asic-rs) has no Innosilicon backend: it
finds no miner. Simulated miners on 127.0.106.30-49 and 127.0.116.60-69.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.simulator.innosilicon import captures
from tests.simulator.innosilicon.rpc import InnoState
from tests.simulator.innosilicon.testing import StartInno, addresses, inno_fixture

from .peer_helpers import bootstrap, run_peer

start_inno = inno_fixture(addresses(106, 30, 49))
start_inno_pools = inno_fixture(addresses(116, 60, 69))
RS_PROBE = Path(__file__).with_name("pyasic_rs_probe.py")
PYASIC_PROBE = Path(__file__).with_name("pyasic_innosilicon_probe.py")


@pytest.fixture(scope="module")
def rs_python() -> Path:
    return bootstrap("bootstrap-pyasic-rs", ".venv-pyasic-rs", "pyasic-rs")


@pytest.fixture(scope="module")
def pyasic_python() -> Path:
    return bootstrap("bootstrap-pyasic", ".venv-pyasic", "pyasic")


async def test_pyasic_reads_the_simulated_a9(pyasic_python: Path, start_inno: StartInno) -> None:
    sim = await start_inno()
    data = await run_peer(pyasic_python, PYASIC_PROBE, "read", sim.address)
    assert data["factory_class"] == "InnosiliconUnknown"
    assert data["hashrate_unit"] == "H/s"
    assert data["hashrate"] == pytest.approx(captures.SUMMARY["MHS 1m"] * 1e6)
    assert data["mac"] == sim.mac
    assert data["pools"] == [p["URL"] for p in captures.POOLS]
    assert "web auth" in sim.state.received  # it logged in as the firmware asks


async def test_pyasic_rs_finds_no_innosilicon(rs_python: Path, start_inno: StartInno) -> None:
    sim = await start_inno()
    data = await run_peer(rs_python, RS_PROBE, "read", sim.address)
    assert data == {sim.address: None}


async def test_pyasic_reads_and_writes_the_simulated_pools(
    pyasic_python: Path, start_inno_pools: StartInno
) -> None:
    sim = await start_inno_pools()
    pool = ["stratum+tcp://zec.pool.invalid:3357", "peer.a9", "PeerPw"]
    data = await run_peer(pyasic_python, PYASIC_PROBE, "pools", sim.address, *pool)
    assert data["before"] == [[p["url"], p["user"], p["pass"]] for p in InnoState().pools]
    assert data["after"] == [pool]
    assert data["mined"] == [pool[0]]
    assert sim.state.pools == [{"url": pool[0], "user": pool[1], "pass": pool[2]}]
