"""Faithfulness check of the simulated Hiveon S9 with pyasic and pyasic-rs, clients used on
real ones: what each reads must be what the simulator says, in the peer's units.

pyasic 0.79.0 finds Hiveon by "HIVEON" in the cgminer answer and, having no Hiveon S9
class (only T9 and X19 ones), takes its generic HiveonModern: it reads the hashrate, the
watts from ``chain_power``, the MAC and the build date, but no boards (no model, no board
count). asic-rs has no Hiveon backend: pyasic-rs reads the miner as stock, its Type as the
model. Where a peer reads a field wrongly for the firmware, the check says so at the place.
Simulated miners on 127.0.101.100-119.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.simulator.hiveon.testing import StartHiveon, addresses, hiveon_fixture

from .peer_helpers import bootstrap, run_peer

start_hiveon = hiveon_fixture(addresses(100, 119))
RS_PROBE = Path(__file__).with_name("pyasic_rs_probe.py")
PYASIC_PROBE = Path(__file__).with_name("pyasic_hiveon_probe.py")
TH = 1e12  # pyasic and pyasic-rs give hashrates in H/s


@pytest.fixture(scope="module")
def rs_python() -> Path:
    return bootstrap("bootstrap-pyasic-rs", ".venv-pyasic-rs", "pyasic-rs")


@pytest.fixture(scope="module")
def pyasic_python() -> Path:
    return bootstrap("bootstrap-pyasic", ".venv-pyasic", "pyasic")


async def test_pyasic_finds_hiveon_and_reads_its_figures(
    pyasic_python: Path, start_hiveon: StartHiveon
) -> None:
    sim = await start_hiveon()
    data = await run_peer(pyasic_python, PYASIC_PROBE, "read", sim.address)
    assert (data["class"], data["firmware"]) == ("HiveonModern", "Hive")
    assert data["hashrate"] / TH == pytest.approx(sim.hashrate_ths, abs=0.01)
    assert data["wattage"] == round(sim.wattage)  # chain_power, rounded
    assert data["mac"] == sim.mac
    assert data["fw_ver"] == "Wed Feb 26 17:50:21 UTC 2019"
    assert data["pools"][0] == sim.state.pools[0]["url"]
    assert data["boards"] == []  # its generic class knows no board count


async def test_pyasic_switches_the_light_on_but_expects_the_modern_answer(
    pyasic_python: Path, start_hiveon: StartHiveon
) -> None:
    sim = await start_hiveon()
    seen = await run_peer(pyasic_python, PYASIC_PROBE, "light", sim.address, "on")
    assert sim.state.fault_light is True  # blink.cgi action=startBlink, as the S9 takes it
    # HiveonModern wants the X19's {"code": "B000"}; the S9 answers {"isBlinking": true}.
    assert seen == {"class": "HiveonModern", "result": False}


async def test_pyasic_rs_reads_it_as_a_stock_antminer(
    rs_python: Path, start_hiveon: StartHiveon
) -> None:
    sim = await start_hiveon()
    data = (await run_peer(rs_python, RS_PROBE, "read", sim.address))[sim.address]
    assert (data["make"], data["model"]) == ("Antminer", "ANTMINER S9 HIVEON")
    assert data["hashrate"]["value"] / TH == pytest.approx(sim.hashrate_ths, abs=0.01)
    assert data["mac"] == sim.mac
    assert data["hostname"] == sim.state.hostname
    assert data["firmware_version"] == "Wed Feb 26 17:50:21 UTC 2019"
    assert data["api_version"] == "3.1"
    # It lists Hive's fee pools too, their masked URL given a scheme and port.
    assert [p["url"] for p in data["pools"]] == [
        sim.state.pools[0]["url"],
        "stratum+tcp://*:80",
        "stratum+tcp://**:80",
        "stratum+tcp://***:80",
    ]
