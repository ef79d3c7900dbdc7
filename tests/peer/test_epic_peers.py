"""Faithfulness check of the simulated ePIC S19 XP with pyasic and pyasic-rs, clients used
on real ones: what each reads must be what the simulator says, in the peer's units.

Both find ePIC by "Miner Web Dashboard" on the page on port 80 and read the REST API on
4028 (pyasic 0.79.0: summary, capabilities, network; pyasic-rs 0.8.6 also temps and the
per-chip endpoints, which the simulator does not serve: it reads on without them). Where
a peer reads a field its own way, the check says so at the place. Simulated miners on
127.0.97.141-160.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.simulator.epic import EpicSim, captures
from tests.simulator.epic.testing import S19XP, StartEpic, addresses, epic_fixture

from .peer_helpers import bootstrap, run_peer

start_epic = epic_fixture(addresses(97, 141, 160))
RS_PROBE = Path(__file__).with_name("pyasic_rs_probe.py")
PYASIC_PROBE = Path(__file__).with_name("pyasic_epic_probe.py")


@pytest.fixture(scope="module")
def rs_python() -> Path:
    return bootstrap("bootstrap-pyasic-rs", ".venv-pyasic-rs", "pyasic-rs")


@pytest.fixture(scope="module")
def pyasic_python() -> Path:
    return bootstrap("bootstrap-pyasic", ".venv-pyasic", "pyasic")


def said(sim: EpicSim) -> dict[str, Any]:
    summary: dict[str, Any] = sim.state.summary(sim.hostname)
    return summary


def ths(rate: dict[str, Any] | None) -> float | None:
    assert rate is None or rate["unit"] == "TH/s"
    return None if rate is None else rate["value"]


async def test_pyasic_rs_finds_and_reads_epic(rs_python: Path, start_epic: StartEpic) -> None:
    sim = await start_epic(S19XP)
    data = (await run_peer(rs_python, RS_PROBE, "read", sim.address))[sim.address]
    reported = said(sim)
    assert (data["make"], data["firmware"], data["model"]) == ("Antminer", "UMC OS", "S19XP")
    mining = {b["Index"]: b for b in reported["HBs"]}
    assert data["hashrate"]["value"] == pytest.approx(
        sum(b["Hashrate"][0] for b in mining.values()) / 1e6
    )
    # asic-rs takes the capabilities' "Default Hashrate" as expected
    assert ths(data["expected_hashrate"]) == captures.CAPABILITIES["Default Hashrate"]
    assert data["wattage"] == reported["Power Supply Stats"]["Input Power"]
    assert [b["position"] for b in data["boards"]] == [0, 1, 2]
    for board in data["boards"]:
        figures = mining.get(board["position"])
        if figures is None:  # detected, disabled: no figures
            assert (board["hashrate"], board["working_chips"]) == (None, 0)
            continue
        assert ths(board["hashrate"]) == pytest.approx(figures["Hashrate"][0] / 1e6)
        assert board["board_temperature"] == pytest.approx(figures["Temperature"])
    temps = {t["Index"]: t["Data"] for t in sim.state.temps()}
    for board in data["boards"]:
        assert board["inlet_chip_temperature"] == pytest.approx(min(temps[board["position"]]))
        assert board["outlet_chip_temperature"] == pytest.approx(max(temps[board["position"]]))
    rpm = [v for v in reported["Fans Rpm"].values() if v is not None]
    assert sorted(data["fans"]) == pytest.approx(sorted(rpm))
    assert data["mac"] == sim.mac
    assert data["hostname"] == sim.hostname
    assert data["firmware_version"] == reported["Software"]
    assert data["light_flashing"] is False
    assert data["is_mining"] is True
    assert (
        data["tuning_target"]["value"]["value"]
        == reported["PerpetualTune"]["Algorithm"]["VoltageOptimizer"]["Target"]
    )
    [pool] = data["pools"]
    assert (pool["url"], pool["user"], pool["accepted"]) == (
        sim.state.stratum_configs[0]["pool"],
        sim.state.worker,
        reported["Session"]["Accepted"],
    )


async def test_pyasic_rs_controls_reach_the_simulated_miner(
    rs_python: Path, start_epic: StartEpic
) -> None:
    sim = await start_epic(S19XP)
    await run_peer(rs_python, RS_PROBE, "act", sim.address, "pause")
    assert sim.state.operating_state == "Idling"
    await run_peer(rs_python, RS_PROBE, "act", sim.address, "resume")
    assert sim.state.operating_state == "Mining"
    await run_peer(rs_python, RS_PROBE, "act", sim.address, "fault_light_on")
    assert sim.state.locate is True
    # the peers' default password is the one the simulated miner holds
    assert [p for p, _ in sim.state.posted] == ["/miner", "/miner", "/identify"]


async def test_pyasic_finds_and_reads_epic(pyasic_python: Path, start_epic: StartEpic) -> None:
    sim = await start_epic(S19XP)
    data = await run_peer(pyasic_python, PYASIC_PROBE, "read", sim.address)
    reported = said(sim)
    assert (data["class"], data["model"], data["fw_ver"]) == ("ePICS19XP", "S19 XP", "1.5.13")
    mining = {b["Index"]: b for b in reported["HBs"]}
    assert data["hashrate"] == pytest.approx(sum(b["Hashrate"][0] for b in mining.values()) / 1e6)
    assert data["wattage"] == round(reported["Power Supply Stats"]["Input Power"])
    for board in data["boards"]:
        figures = mining.get(board["slot"])
        # pyasic marks a board without figures missing (the disabled board 0)
        assert board["missing"] is (figures is None)
        if figures is not None:
            assert board["hashrate"] == pytest.approx(figures["Hashrate"][0] / 1e6)
            assert board["temp"] == int(figures["Temperature"])
            assert board["chips"] == captures.CAPABILITIES["Performance Estimator"]["Chip Count"]
    # pyasic lists every "Fans Speed N" key, the absent fans (null) too, in key order
    assert [f for f in data["fans"] if f is not None] == [
        v for _, v in sorted(reported["Fans Rpm"].items()) if v is not None
    ]
    assert data["mac"] == sim.mac
    assert data["hostname"] == sim.hostname
    assert data["is_mining"] is True
    assert data["fault_light"] is False
    assert [p["url"] for p in data["pools"]] == ["stratum+tcp://mine.ocean.xyz:3334"]
    assert data["pools"][0]["accepted"] == reported["Session"]["Accepted"]


async def test_pyasic_stops_and_resumes_mining(pyasic_python: Path, start_epic: StartEpic) -> None:
    sim = await start_epic(S19XP)
    seen = await run_peer(pyasic_python, PYASIC_PROBE, "act", sim.address, "stop_mining")
    # pyasic looks for "success" in the answer, which ePIC's JsonResponse calls "result":
    # it says False although the miner stopped
    assert seen == {"result": False}
    assert sim.state.operating_state == "Idling"
    await run_peer(pyasic_python, PYASIC_PROBE, "act", sim.address, "resume_mining")
    assert sim.state.operating_state == "Mining"
