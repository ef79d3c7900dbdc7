"""Faithfulness check of the simulated SealMiner with pyasic-rs and pyasic, clients used on
real ones: what each reads must be what the simulator says, in the peer's units.

pyasic-rs (asic-rs) finds "SealMiner Stock" by "bdminer" in its RPC answers, takes the A2
from devdetails, and reads stats, pools and the web (seal/seal) as the simulator serves
them; the installed build takes the rate from stats' "MHS(2m)" and reads no board rate
from "<n> MHS(Sample)" (asic-rs's repository reads both: a later build). pyasic 0.79.0
has no SealMiner backend: it finds no miner there, and in particular no other make.
Simulated miners on 127.0.110.130-149.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.simulator.sealminer import captures
from tests.simulator.sealminer.miner import SealSim
from tests.simulator.sealminer.testing import A2, addresses, seal_fixture

from .peer_helpers import bootstrap, run_peer

start_seal = seal_fixture(addresses(110, 130, 149))
RS_PROBE = Path(__file__).with_name("pyasic_rs_probe.py")
PYASIC_PROBE = Path(__file__).with_name("pyasic_auradine_probe.py")  # its factory command
STATS = captures.STATS


@pytest.fixture(scope="module")
def rs_python() -> Path:
    return bootstrap("bootstrap-pyasic-rs", ".venv-pyasic-rs", "pyasic-rs")


@pytest.fixture(scope="module")
def pyasic_python() -> Path:
    return bootstrap("bootstrap-pyasic", ".venv-pyasic", "pyasic")


async def test_pyasic_rs_reads_the_simulated_miner(rs_python: Path, start_seal: object) -> None:
    sim: SealSim = await start_seal(A2)  # type: ignore[operator]
    found = (await run_peer(rs_python, RS_PROBE, "read", sim.address))[sim.address]
    assert (found["make"], found["model"], found["firmware"]) == (
        "Sealminer",
        "A2",
        "SealMiner Stock",
    )
    assert found["hashrate"] == {"value": pytest.approx(STATS["MHS(2m)"] / 1e6), "unit": "TH/s"}
    assert found["expected_hashrate"]["value"] == pytest.approx(STATS["MHS(Rated)"] / 1e6)
    assert found["wattage"] == STATS["PSU Input Power"]
    boards = found["boards"]
    assert [b["working_chips"] for b in boards] == [153] * 3
    assert [b["board_temperature"] for b in boards] == [70.0] * 3
    assert [b["inlet_chip_temperature"] for b in boards] == [55.0, 58.0, 56.0]
    assert [b["hashrate"] for b in boards] == [None] * 3  # the installed build: see above
    assert found["fans"] == pytest.approx([3723, 3723, 3753, 3723])
    assert [p["url"] for p in found["pools"]] == [url for url, _ in sim.state.pools]
    assert found["mac"] == sim.mac.upper()
    assert found["serial_number"] == STATS["Ctrl Board SN"]
    assert found["uptime"] >= STATS["System Uptime"]
    assert (found["is_mining"], found["light_flashing"]) == (True, True)  # captured "led": "on"
    assert ("POST", "login") in sim.state.received  # it logged in with seal/seal


async def test_pyasic_rs_controls_change_the_simulated_miner(
    rs_python: Path, start_seal: object
) -> None:
    sim: SealSim = await start_seal(A2)  # type: ignore[operator]
    await run_peer(rs_python, RS_PROBE, "act", sim.address, "fault_light_off")
    assert sim.state.led == "off"
    await run_peer(rs_python, RS_PROBE, "act", sim.address, "pause")
    assert sim.state.suspended
    await run_peer(rs_python, RS_PROBE, "act", sim.address, "resume")
    assert not sim.state.suspended
    await run_peer(rs_python, RS_PROBE, "act", sim.address, "power_limit", "3100")
    assert ("rpc", 'ascset 0,powerlimit,{"value":"3100"}') in sim.state.received


async def test_pyasic_finds_no_miner(pyasic_python: Path, start_seal: object) -> None:
    sim: SealSim = await start_seal(A2)  # type: ignore[operator]
    assert await run_peer(pyasic_python, PYASIC_PROBE, "factory", sim.address) == {"class": None}
